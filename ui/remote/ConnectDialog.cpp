#include "ui/remote/ConnectDialog.h"

#include "core/catalog/Currency.h"
#include "core/providers/KeychainStatus.h"
#include "core/providers/SshConfigHosts.h"
#include "ui/remote/FingerprintDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace td {

namespace {
QLabel *noteLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return l;
}
} // namespace

ConnectDialog::ConnectDialog(MachineService *service, const Catalog *catalog, QWidget *parent)
    : QDialog(parent), m_service(service), m_catalog(catalog)
{
    setWindowTitle(tr("Add Machine"));
    setObjectName(QStringLiteral("ConnectDialog"));

    // 1. The quickest way: the ssh command the provider's console shows.
    m_paste = new QLineEdit(this);
    m_paste->setPlaceholderText(tr("ssh -p 41234 root@connect.westb.seetacloud.com"));
    m_paste->setClearButtonEnabled(true);
    m_pasteStatus = noteLabel(this);
    m_pasteStatus->setText(tr("Paste the SSH command from your provider's console, or fill in the "
                              "fields below."));
    m_alias = new QComboBox(this);
    auto *quick = new QGroupBox(tr("Connect"), this);
    auto *quickForm = new QFormLayout(quick);
    quickForm->addRow(tr("SSH command:"), m_paste);
    quickForm->addRow(QString(), m_pasteStatus);
    quickForm->addRow(tr("Or a host from ~/.ssh/config:"), m_alias);

    // 2. Where and as whom.
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. gpu1 (defaults to the host)"));
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("root"));
    m_jump = new QLineEdit(this);
    m_jump->setPlaceholderText(tr("optional, e.g. user@bastion:2222"));
    m_identity = new QLineEdit(this);
    m_identity->setPlaceholderText(tr("default keys (~/.ssh/id_ed25519, id_rsa) and the agent"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *identityRow = new QHBoxLayout;
    identityRow->addWidget(m_identity, 1);
    identityRow->addWidget(browse);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("only if the machine uses password login"));
    m_remember = new QCheckBox(tr("Remember in the system keychain"), this);
    m_remember->setEnabled(false);
    m_keychainNote = noteLabel(this);
    m_keychainNote->setText(tr("Checking the system keychain…"));
    auto *login = new QGroupBox(tr("Machine"), this);
    auto *loginForm = new QFormLayout(login);
    loginForm->addRow(tr("Name:"), m_name);
    loginForm->addRow(tr("Host:"), m_host);
    loginForm->addRow(tr("Port:"), m_port);
    loginForm->addRow(tr("User:"), m_user);
    loginForm->addRow(tr("Jump host:"), m_jump);
    loginForm->addRow(tr("Private key:"), identityRow);
    loginForm->addRow(tr("Password:"), m_password);
    loginForm->addRow(QString(), m_remember);
    loginForm->addRow(QString(), m_keychainNote);

    // 3. What it is and what it costs.
    m_provider = new QComboBox(this);
    m_providerNote = noteLabel(this);
    m_tier = new QComboBox(this);
    m_price = new QDoubleSpinBox(this);
    m_price->setRange(0, 100000);
    m_price->setDecimals(3);
    m_price->setSpecialValueText(tr("unknown"));
    m_currency = new QComboBox(this);
    m_currency->addItems(knownCurrencies());
    m_currency->setCurrentText(QStringLiteral("CNY"));
    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(m_price, 1);
    priceRow->addWidget(m_currency);
    priceRow->addWidget(new QLabel(tr("per hour"), this));
    m_remoteRoot = new QLineEdit(MachineService::defaultRemoteRoot(), this);
    auto *billing = new QGroupBox(tr("Provider and price"), this);
    auto *billingForm = new QFormLayout(billing);
    billingForm->addRow(tr("Provider:"), m_provider);
    billingForm->addRow(QString(), m_providerNote);
    billingForm->addRow(tr("GPU tier:"), m_tier);
    billingForm->addRow(tr("Hourly price:"), priceRow);
    billingForm->addRow(tr("TrainDeck folder on the machine:"), m_remoteRoot);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_step = new QLabel(this);
    m_step->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_connect = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // Accept/reject are driven by the connection's outcome, not by the buttons.
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::startConnect);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectDialog::cancelOrClose);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(quick);
    left->addWidget(login);
    left->addStretch(1);
    columns->addLayout(left, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(billing);
    right->addStretch(1);
    columns->addLayout(right, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_progress);
    layout->addWidget(m_step);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(900);

    const QList<Provider> providers = m_catalog->providers();
    for (const Provider &p : providers) {
        if (p.id != QLatin1String(Catalog::LocalProviderId))
            m_provider->addItem(p.displayName(), p.id);
    }
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(QStringLiteral("ssh"))));
    fillTiers();
    setSshConfigPath(QString());

    connect(m_paste, &QLineEdit::textChanged, this, &ConnectDialog::parsePasted);
    connect(m_alias, &QComboBox::activated, this, &ConnectDialog::pickAlias);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &ConnectDialog::fillTiers);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &ConnectDialog::tierChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString start = m_identity->text().isEmpty()
                                  ? QDir::homePath() + QStringLiteral("/.ssh")
                                  : m_identity->text();
        const QString file = QFileDialog::getOpenFileName(this, tr("Private Key"), start);
        if (!file.isEmpty())
            m_identity->setText(file);
    });
    // Hand edits of where to connect make a picked alias stale.
    for (QLineEdit *e : {m_host, m_user})
        connect(e, &QLineEdit::textEdited, this, [this] { m_configAlias.clear(); });

    connect(m_service, &MachineService::stepChanged, m_step, &QLabel::setText);
    connect(m_service, &MachineService::hostKeyConfirmationRequested, this,
            &ConnectDialog::onHostKey);
    connect(m_service, &MachineService::passwordRequested, this, &ConnectDialog::onPassword);
    connect(m_service, &MachineService::passphraseRequested, this, &ConnectDialog::onPassphrase);
    connect(m_service, &MachineService::machineAdded, this, [this](const MachineRecord &m) {
        if (!m_busy)
            return;
        m_added = m;
        setBusy(false);
        accept();
    });
    connect(m_service, &MachineService::failed, this, [this](const SshError &e) {
        if (!m_busy)
            return;
        setBusy(false);
        showError(e.kind == SshErrorKind::Cancelled ? tr("Cancelled.") : e.message);
    });
    checkKeychain();
}

ConnectDialog::~ConnectDialog()
{
    if (m_busy)
        m_service->cancel();
}

void ConnectDialog::checkKeychain()
{
    auto *probe = new KeychainProbe(this);
    connect(probe, &KeychainProbe::finished, this, [this, probe](const QString &why) {
        m_keychainOk = why.isEmpty();
        m_remember->setEnabled(m_keychainOk);
        m_keychainNote->setText(
            why.isEmpty() ? tr("The password goes to the system keychain only when ticked, never "
                               "to TrainDeck's files.")
                          : why + QLatin1Char(' ') +
                                tr("The password will be asked for each time; TrainDeck never "
                                   "saves it in its own files."));
        probe->deleteLater();
    });
    probe->start();
}

void ConnectDialog::setSshConfigPath(const QString &path)
{
    m_configPath = path;
    m_alias->clear();
    const QStringList aliases = sshConfigHostAliases(path);
    m_alias->addItem(aliases.isEmpty() ? tr("(none found)") : tr("(choose)"));
    m_alias->addItems(aliases);
    m_alias->setEnabled(!aliases.isEmpty());
}

void ConnectDialog::parsePasted()
{
    const QString text = m_paste->text().trimmed();
    m_pasteStatus->setStyleSheet(QStringLiteral("color: palette(mid);"));
    if (text.isEmpty()) {
        m_pasteStatus->setText(tr("Paste the SSH command from your provider's console, or fill in "
                                  "the fields below."));
        return;
    }
    const SshLineParseResult parsed = parseSshLine(text);
    if (!parsed.ok) {
        m_pasteStatus->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_pasteStatus->setText(parsed.error);
        return;
    }
    SshEndpoint endpoint = parsed.endpoint;
    // "ssh gpu1" where gpu1 is a config alias: take what the config says about it.
    if (m_alias->findText(endpoint.host) > 0) {
        const SshConfigResolution r = resolveSshConfig(endpoint, m_configPath);
        if (r.ok)
            endpoint = r.endpoint;
    }
    applyEndpoint(endpoint);
    m_pasteStatus->setText(tr("✔ %1").arg(endpoint.targetHop().toString()));
}

void ConnectDialog::applyEndpoint(const SshEndpoint &endpoint)
{
    m_host->setText(endpoint.host);
    m_port->setValue(endpoint.effectivePort());
    m_user->setText(endpoint.user);
    m_jump->setText(endpoint.jumpSpec());
    if (!endpoint.identityFile.isEmpty())
        m_identity->setText(endpoint.identityFile);
    m_configAlias = endpoint.configAlias;
    if (m_name->text().isEmpty() && !endpoint.configAlias.isEmpty())
        m_name->setText(endpoint.configAlias);
}

void ConnectDialog::pickAlias(int index)
{
    if (index <= 0)
        return;
    SshEndpoint e;
    e.host = m_alias->itemText(index);
    const SshConfigResolution r = resolveSshConfig(e, m_configPath);
    if (!r.ok) {
        showError(r.warning);
        return;
    }
    m_identity->clear();
    applyEndpoint(r.endpoint);
    m_configAlias = e.host;
    if (m_name->text().isEmpty())
        m_name->setText(e.host);
    m_pasteStatus->setText(r.warning.isEmpty() ? tr("✔ %1 from ~/.ssh/config").arg(e.host)
                                               : r.warning);
}

void ConnectDialog::fillTiers()
{
    const QSignalBlocker block(m_tier);
    m_tier->clear();
    const Provider *p = m_catalog->provider(m_provider->currentData().toString());
    m_tier->addItem(tr("Other / not listed"), QString());
    if (p) {
        for (const GpuTier &t : p->tiers)
            m_tier->addItem(t.displayName(), t.id);
        m_providerNote->setText(
            p->apiSupported
                ? p->displayNotes()
                : (p->id == QLatin1String("ssh")
                       ? p->displayNotes()
                       : tr("TrainDeck does not drive %1's cloud API: rent the instance in its "
                            "console, then connect to it by SSH here.")
                             .arg(p->displayName())));
    }
    m_tier->setCurrentIndex(m_tier->count() > 1 ? 1 : 0);
    tierChanged();
}

void ConnectDialog::tierChanged()
{
    const GpuTier *t =
        m_catalog->tier(m_provider->currentData().toString(), m_tier->currentData().toString());
    if (!t)
        return;
    // The catalog's price as a starting point; the user enters what they actually pay.
    m_price->setValue(t->hourlyPrice.value_or(0.0));
    if (!t->currency.isEmpty())
        m_currency->setCurrentText(t->currency);
}

MachineDraft ConnectDialog::draft() const
{
    MachineDraft d;
    d.endpoint.host = m_host->text().trimmed();
    d.endpoint.port = m_port->value();
    d.endpoint.user = m_user->text().trimmed();
    d.endpoint.identityFile = m_identity->text().trimmed();
    d.endpoint.configAlias = m_configAlias;
    if (!m_jump->text().trimmed().isEmpty()) {
        QString error;
        parseJumpSpec(m_jump->text().trimmed(), &d.endpoint.jump, &error);
    }
    d.name = m_name->text().trimmed();
    d.providerId = m_provider->currentData().toString();
    d.gpuTier = m_tier->currentData().toString();
    if (m_price->value() > 0)
        d.hourlyPrice = m_price->value();
    d.currency = m_currency->currentText();
    d.remoteRoot = m_remoteRoot->text().trimmed();
    return d;
}

void ConnectDialog::startConnect()
{
    if (m_busy)
        return;
    m_error->hide();
    const MachineDraft d = draft();
    if (!m_jump->text().trimmed().isEmpty()) {
        QList<SshHop> hops;
        QString error;
        if (!parseJumpSpec(m_jump->text().trimmed(), &hops, &error)) {
            showError(error);
            return;
        }
    }
    QString error;
    setBusy(true);
    if (!m_service->add(d, &error)) {
        setBusy(false);
        showError(error);
    }
}

void ConnectDialog::cancelOrClose()
{
    if (m_busy) {
        m_step->setText(tr("Cancelling…"));
        m_service->cancel();
        return;
    }
    reject();
}

void ConnectDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_connect->setEnabled(!busy);
    if (!busy)
        m_step->clear();
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_paste, m_alias, m_name, m_host, m_port, m_user, m_jump, m_identity, m_password,
             m_provider, m_tier, m_price, m_currency, m_remoteRoot})
        w->setEnabled(!busy);
}

void ConnectDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConnectDialog::onHostKey(const HostKeyInfo &info)
{
    if (m_busy)
        m_service->answerHostKey(FingerprintDialog::ask(this, info));
}

void ConnectDialog::onPassword(const QString &userAtHost, int attempt)
{
    if (!m_busy)
        return;
    QByteArray password;
    if (attempt == 1 && !m_password->text().isEmpty()) {
        password = m_password->text().toUtf8();
    } else if (attempt == 1) {
        bool ok = false;
        password =
            QInputDialog::getText(this, tr("Password"), tr("Password for %1:").arg(userAtHost),
                                  QLineEdit::Password, QString(), &ok)
                .toUtf8();
        if (!ok)
            password.clear();
    }
    // A second question means the password was wrong: give up and say so instead of looping.
    m_service->answerPassword(password, m_keychainOk && m_remember->isChecked());
    password.fill('\0');
}

void ConnectDialog::onPassphrase(const QString &keyPath, int attempt)
{
    if (!m_busy)
        return;
    bool ok = false;
    QByteArray passphrase =
        QInputDialog::getText(this, tr("Key Passphrase"),
                              attempt > 1 ? tr("Wrong passphrase. Passphrase of %1:").arg(keyPath)
                                          : tr("Passphrase of %1:").arg(keyPath),
                              QLineEdit::Password, QString(), &ok)
            .toUtf8();
    m_service->answerPassphrase(ok ? passphrase : QByteArray());
    passphrase.fill('\0');
}

} // namespace td
