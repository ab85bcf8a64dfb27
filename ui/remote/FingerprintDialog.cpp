#include "ui/remote/FingerprintDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace td {

namespace {
std::optional<bool> g_nextAnswer;
HostKeyInfo g_lastAsked;
} // namespace

FingerprintDialog::FingerprintDialog(const HostKeyInfo &info, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("New Host Key"));
    setObjectName(QStringLiteral("FingerprintDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(40, 40));
    auto *intro = new QLabel(tr("<b>TrainDeck has not connected to %1 before.</b><br>Before "
                                "trusting it, make sure this is really your machine.")
                                 .arg(info.host.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(intro, 1);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *fingerprint = new QLabel(info.sha256Fingerprint, this);
    fingerprint->setFont(mono);
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fingerprint->setObjectName(QStringLiteral("fingerprint"));
    auto *form = new QFormLayout;
    form->addRow(tr("Host:"), new QLabel(info.host, this));
    form->addRow(tr("Port:"), new QLabel(QString::number(info.port), this));
    form->addRow(tr("Key type:"), new QLabel(info.keyType, this));
    form->addRow(tr("Fingerprint:"), fingerprint);

    auto *advice = new QLabel(
        tr("Compare the fingerprint with the one your provider's console shows for this instance "
           "(or run “ssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub” on it through the web "
           "terminal). If you trust the key, TrainDeck records it in %2 and refuses to connect if "
           "it ever changes.")
            .arg(info.keyType.startsWith(QLatin1String("ssh-"))
                     ? info.keyType.mid(4)
                     : info.keyType.section(QLatin1Char('-'), 0, 0),
                 info.knownHostsPath.isEmpty() ? tr("known_hosts") : info.knownHostsPath),
        this);
    advice->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_accept = buttons->addButton(tr("Trust This Key"), QDialogButtonBox::AcceptRole);
    m_reject = buttons->addButton(tr("Reject"), QDialogButtonBox::RejectRole);
    m_reject->setDefault(true); // a stray Enter must not trust a key
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(advice);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

bool FingerprintDialog::ask(QWidget *parent, const HostKeyInfo &info)
{
    g_lastAsked = info;
    if (g_nextAnswer)
        return *std::exchange(g_nextAnswer, std::nullopt);
    FingerprintDialog dialog(info, parent);
    return dialog.exec() == QDialog::Accepted;
}

void FingerprintDialog::setNextAnswer(std::optional<bool> accept)
{
    g_nextAnswer = accept;
}

HostKeyInfo FingerprintDialog::lastAsked()
{
    return g_lastAsked;
}

} // namespace td
