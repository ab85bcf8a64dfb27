#include "ui/main/LaunchPanel.h"

#include "core/cost/CostEstimator.h"
#include "core/cost/ModelSpec.h"
#include "core/cost/Money.h"
#include "core/cost/Precision.h"
#include "core/cost/VramEstimator.h"
#include "core/remote/MachineFacts.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace td {

namespace {
QString money(double amount, const QString &currency)
{
    return formatMoney(amount, currency);
}
} // namespace

LaunchPanel::LaunchPanel(Store *store, Catalog *catalog, QWidget *parent)
    : QWidget(parent), m_store(store), m_catalog(catalog)
{
    // Where: provider and tier with what they cost and whether the job fits.
    m_provider = new QComboBox(this);
    m_tier = new QComboBox(this);
    m_price = new QLabel(this);
    m_price->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_setPrice = new QPushButton(tr("Set My Price…"), this);
    m_setPrice->setToolTip(tr("Use the price you actually pay (kept for next time)"));
    m_vram = new QLabel(this);
    m_support = new QLabel(this);
    m_fit = new QLabel(this);
    m_fit->setWordWrap(true);
    m_cost = new QLabel(this);
    m_cost->setWordWrap(true);
    m_connectNote = new QLabel(this);
    m_connectNote->setWordWrap(true);
    m_connectNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_connectNote->setObjectName(QStringLiteral("connectNote"));
    m_machine = new QComboBox(this);
    m_addMachine = new QPushButton(tr("Add Machine…"), this);
    m_machineRow = new QWidget(this);
    auto *machineLayout = new QHBoxLayout(m_machineRow);
    machineLayout->setContentsMargins(0, 0, 0, 0);
    machineLayout->addWidget(m_machine, 1);
    machineLayout->addWidget(m_addMachine);

    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(m_price, 1);
    priceRow->addWidget(m_setPrice);
    auto *where = new QGroupBox(tr("Where to train"), this);
    auto *whereForm = new QFormLayout(where);
    whereForm->addRow(tr("Provider:"), m_provider);
    whereForm->addRow(tr("Machine:"), m_machineRow);
    whereForm->addRow(tr("GPU tier:"), m_tier);
    whereForm->addRow(tr("Price:"), priceRow);
    whereForm->addRow(tr("GPU / VRAM:"), m_vram);
    whereForm->addRow(tr("Engine:"), m_support);
    whereForm->addRow(tr("Fits?"), m_fit);
    whereForm->addRow(tr("Estimated cost:"), m_cost);
    whereForm->addRow(m_connectNote);

    // What: the engine job.
    const EngineConfig defaults;
    m_dataDir = new QLineEdit(defaults.dataDir, this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir, 1);
    dataRow->addWidget(browse);
    m_model = new QComboBox(this);
    m_model->addItem(tr("MLP (784-256-128-10)"), QStringLiteral("mlp"));
    m_model->addItem(tr("CNN (2 conv layers)"), QStringLiteral("cnn"));
    m_model->addItem(tr("Small ResNet"), QStringLiteral("resnet-small"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, 65536);
    m_lr = new QDoubleSpinBox(this);
    m_lr->setDecimals(6);
    m_lr->setRange(0.000001, 10.0);
    m_lr->setSingleStep(0.0001);
    m_precision = new QComboBox(this);
    m_precision->addItem(tr("FP32"), QStringLiteral("fp32"));
    m_precision->addItem(tr("FP16 mixed precision"), QStringLiteral("fp16"));
    m_precision->addItem(tr("BF16 mixed precision"), QStringLiteral("bf16"));
    m_limit = new QSpinBox(this);
    m_limit->setRange(0, 60000);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setSingleStep(1000);
    m_threads = new QSpinBox(this);
    m_threads->setRange(0, QThread::idealThreadCount());
    m_threads->setSpecialValueText(tr("automatic"));

    auto *what = new QGroupBox(tr("What to train"), this);
    auto *whatForm = new QFormLayout(what);
    whatForm->addRow(tr("Dataset:"), dataRow);
    whatForm->addRow(tr("Model:"), m_model);
    whatForm->addRow(tr("Epochs:"), m_epochs);
    whatForm->addRow(tr("Batch size:"), m_batch);
    whatForm->addRow(tr("Learning rate:"), m_lr);
    whatForm->addRow(tr("Precision:"), m_precision);
    whatForm->addRow(tr("Training images:"), m_limit);
    whatForm->addRow(tr("CPU threads:"), m_threads);

    m_launch = new QPushButton(tr("Launch ▶"), this);
    m_launch->setDefault(true);
    m_launch->setMinimumHeight(34);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_launch);

    // Or: any command on a remote machine (a PyTorch script in its own environment).
    m_command = new QLineEdit(this);
    m_command->setPlaceholderText(tr("python train.py --epochs 10"));
    m_workDir = new QLineEdit(this);
    m_workDir->setPlaceholderText(tr("e.g. ~/.traindeck/data/project (default: the job folder)"));
    m_envSetup = new QLineEdit(this);
    m_envSetup->setPlaceholderText(tr("optional, e.g. ~/miniconda3/bin/activate"));
    auto *scriptNote = new QLabel(tr("The command runs detached on the machine, its output goes to "
                                     "the job's log. It is run as a program with arguments, not "
                                     "through a shell: use bash -c '…' for pipes."),
                                  this);
    scriptNote->setWordWrap(true);
    scriptNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *script = new QGroupBox(tr("Script to run"), this);
    auto *scriptForm = new QFormLayout(script);
    scriptForm->addRow(tr("Command:"), m_command);
    scriptForm->addRow(tr("Working folder:"), m_workDir);
    scriptForm->addRow(tr("Environment activate script:"), m_envSetup);
    m_metricsPreset = new QComboBox(this);
    m_metricsPreset->addItem(tr("Recognise automatically"), QStringLiteral("auto"));
    m_metricsPreset->addItem(tr("JSON Lines on stdout"), QStringLiteral("json"));
    m_metricsPreset->addItem(tr("PyTorch prints (Epoch … Loss: …)"), QStringLiteral("pytorch"));
    m_metricsPreset->addItem(tr("PyTorch Lightning progress bar"), QStringLiteral("lightning"));
    m_metricsPreset->addItem(tr("Hugging Face Trainer logs"), QStringLiteral("hf"));
    m_metricsPreset->addItem(tr("My own regular expression"), QStringLiteral("regex"));
    m_metricsRegex = new QLineEdit(this);
    m_metricsRegex->setPlaceholderText(tr("e.g. step (?<step>\\d+) loss (?<loss>[0-9.]+)"));
    m_metricsRegex->setEnabled(false);
    connect(m_metricsPreset, &QComboBox::currentIndexChanged, this, [this] {
        m_metricsRegex->setEnabled(m_metricsPreset->currentData().toString() ==
                                   QLatin1String("regex"));
    });
    scriptForm->addRow(tr("Metrics in the log:"), m_metricsPreset);
    scriptForm->addRow(tr("Expression:"), m_metricsRegex);
    scriptForm->addRow(scriptNote);
    m_engineBox = what;
    m_scriptBox = script;
    m_scriptBox->hide();
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Training engine (bundled)"), QStringLiteral("engine"));
    m_mode->addItem(tr("Script (your own command)"), QStringLiteral("script"));
    auto *modeForm = new QFormLayout;
    modeForm->addRow(tr("Job:"), m_mode);
    auto *right = new QVBoxLayout;
    right->addLayout(modeForm);
    right->addWidget(what);
    right->addWidget(script);
    right->addStretch(1);

    auto *columns = new QHBoxLayout;
    columns->addWidget(where, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addLayout(buttons);
    layout->addStretch(1);

    setConfig(defaults);
    fillProviders();

    connect(m_machine, &QComboBox::currentIndexChanged, this, &LaunchPanel::machineChanged);
    connect(m_addMachine, &QPushButton::clicked, this, &LaunchPanel::addMachineRequested);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &LaunchPanel::modeChanged);
    connect(m_command, &QLineEdit::textChanged, this, &LaunchPanel::updateDetails);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &LaunchPanel::fillTiers);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &LaunchPanel::updateDetails);
    connect(m_setPrice, &QPushButton::clicked, this, &LaunchPanel::setOwnPrice);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Dataset Folder"), m_dataDir->text());
        if (!dir.isEmpty())
            m_dataDir->setText(dir);
    });
    connect(m_launch, &QPushButton::clicked, this, &LaunchPanel::launchRequested);
    for (QSpinBox *s : {m_epochs, m_batch, m_limit})
        connect(s, &QSpinBox::valueChanged, this, &LaunchPanel::updateDetails);
    connect(m_model, &QComboBox::currentIndexChanged, this, &LaunchPanel::updateDetails);
    connect(m_precision, &QComboBox::currentIndexChanged, this, &LaunchPanel::updateDetails);
}

EngineConfig LaunchPanel::config() const
{
    EngineConfig c;
    c.dataDir = m_dataDir->text().trimmed();
    c.model = m_model->currentData().toString();
    c.epochs = m_epochs->value();
    c.batchSize = m_batch->value();
    c.learningRate = m_lr->value();
    c.precision = m_precision->currentData().toString();
    c.limitTrain = m_limit->value();
    c.threads = m_threads->value();
    return c;
}

void LaunchPanel::setConfig(const EngineConfig &c)
{
    m_dataDir->setText(c.dataDir);
    m_model->setCurrentIndex(std::max(0, m_model->findData(c.model)));
    m_epochs->setValue(c.epochs);
    m_batch->setValue(c.batchSize);
    m_lr->setValue(c.learningRate);
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(c.precision)));
    m_limit->setValue(c.limitTrain);
    m_threads->setValue(c.threads);
}

void LaunchPanel::fillProviders()
{
    const QSignalBlocker block(m_provider);
    m_provider->clear();
    const QList<Provider> providers = m_catalog->providers();
    for (const Provider &p : providers)
        m_provider->addItem(p.displayName(), p.id);
    m_provider->setCurrentIndex(
        std::max(0, m_provider->findData(QString::fromLatin1(Catalog::LocalProviderId))));
    fillTiers();
}

void LaunchPanel::fillTiers()
{
    const QSignalBlocker block(m_tier);
    m_tier->clear();
    if (const Provider *p = currentProvider()) {
        for (const GpuTier &t : p->tiers)
            m_tier->addItem(t.displayName(), t.id);
    }
    m_tier->setEnabled(m_tier->count() > 0);
    reloadMachines();
}

bool LaunchPanel::isLocal() const
{
    return m_provider->currentData().toString() == QLatin1String(Catalog::LocalProviderId);
}

QString LaunchPanel::selectedMachineId() const
{
    return isLocal() ? QString() : m_machine->currentData().toString();
}

void LaunchPanel::reloadMachines()
{
    const QString keep = m_machine->currentData().toString();
    {
        const QSignalBlocker block(m_machine);
        m_machine->clear();
        const QString provider = m_provider->currentData().toString();
        const QList<MachineRecord> machines = m_store->machines();
        for (const MachineRecord &m : machines) {
            if (m.provider != provider || m.provider == QLatin1String(Catalog::LocalProviderId))
                continue;
            m_machine->addItem(tr("%1 (%2@%3)").arg(m.name, m.user, m.host), m.id);
        }
        m_machine->setCurrentIndex(std::max(0, m_machine->findData(keep)));
        m_machine->setEnabled(m_machine->count() > 0);
        if (m_machine->count() == 0)
            m_machine->setPlaceholderText(tr("none added yet"));
    }
    if (auto *form = qobject_cast<QFormLayout *>(m_machineRow->parentWidget()->layout()))
        form->setRowVisible(m_machineRow, !isLocal());
    machineChanged();
}

void LaunchPanel::machineChanged()
{
    // The stored machine knows its own tier: show its figures.
    if (const auto machine = m_store->machine(selectedMachineId());
        machine && !machine->gpuTier.isEmpty()) {
        const int t = m_tier->findData(machine->gpuTier);
        if (t >= 0) {
            const QSignalBlocker block(m_tier);
            m_tier->setCurrentIndex(t);
        }
    }
    updateDetails();
}

bool LaunchPanel::selectMachine(const QString &machineId)
{
    const auto machine = m_store->machine(machineId);
    if (!machine)
        return false;
    const int p = m_provider->findData(machine->provider);
    if (p < 0)
        return false;
    m_provider->setCurrentIndex(p);
    reloadMachines();
    const int m = m_machine->findData(machineId);
    if (m < 0)
        return false;
    m_machine->setCurrentIndex(m);
    machineChanged();
    return true;
}

bool LaunchPanel::scriptMode() const
{
    return m_mode->currentData().toString() == QLatin1String("script");
}

void LaunchPanel::setScriptMode(bool on)
{
    m_mode->setCurrentIndex(on ? 1 : 0);
}

QString LaunchPanel::scriptCommand() const
{
    return m_command->text().trimmed();
}

QString LaunchPanel::scriptWorkDir() const
{
    return m_workDir->text().trimmed();
}

QString LaunchPanel::scriptEnvSetup() const
{
    return m_envSetup->text().trimmed();
}

QString LaunchPanel::scriptMetricsPreset() const
{
    return m_metricsPreset->currentData().toString();
}

QString LaunchPanel::scriptMetricsRegex() const
{
    return m_metricsRegex->text();
}

void LaunchPanel::modeChanged()
{
    m_engineBox->setVisible(!scriptMode());
    m_scriptBox->setVisible(scriptMode());
    updateDetails();
}

void LaunchPanel::setPreparing(bool preparing, const QString &text)
{
    m_preparing = preparing;
    updateDetails();
    if (preparing && !text.isEmpty())
        m_connectNote->setText(text);
}

bool LaunchPanel::selectTier(const QString &providerId, const QString &tierId)
{
    const int p = m_provider->findData(providerId);
    if (p < 0)
        return false;
    m_provider->setCurrentIndex(p);
    const int t = m_tier->findData(tierId);
    if (t < 0)
        return false;
    m_tier->setCurrentIndex(t);
    updateDetails();
    return true;
}

const Provider *LaunchPanel::currentProvider() const
{
    return m_catalog->provider(m_provider->currentData().toString());
}

const GpuTier *LaunchPanel::currentTier() const
{
    return m_catalog->tier(m_provider->currentData().toString(), m_tier->currentData().toString());
}

void LaunchPanel::updateDetails()
{
    const Provider *provider = currentProvider();
    const GpuTier *tier = currentTier();
    const bool local = provider && provider->id == QLatin1String(Catalog::LocalProviderId);
    if (!tier) {
        for (QLabel *l : {m_price, m_vram, m_support, m_fit, m_cost})
            l->clear();
        // A plain SSH host has no catalog tier: the machine's own facts and price count.
        if (const auto machine = m_store->machine(selectedMachineId())) {
            m_price->setText(
                machine->hourlyPrice
                    ? tr("%1/h (your price)").arg(money(*machine->hourlyPrice, machine->currency))
                    : tr("not set"));
            const MachineFacts facts = MachineFacts::fromJson(
                QJsonDocument::fromJson(machine->factsJson.toUtf8()).object());
            QStringList gpus;
            for (const GpuFact &g : facts.gpus)
                gpus << g.name;
            m_vram->setText(gpus.isEmpty() ? tr("no NVIDIA GPU found on the machine")
                                           : gpus.join(QStringLiteral(", ")));
        } else {
            m_price->setText(tr("set when the machine is added"));
        }
        updateLaunchState();
        return;
    }

    // Price, with where the figure comes from.
    if (tier->hourlyPrice && *tier->hourlyPrice == 0.0 && tier->isCpuOnly()) {
        m_price->setText(tr("Free (this computer)"));
    } else if (tier->hourlyPrice) {
        QString text = tr("%1/h").arg(money(*tier->hourlyPrice, tier->currency));
        if (tier->priceMin && tier->priceMax && *tier->priceMin != *tier->priceMax)
            text += QLatin1String("  ") + tr("(%1–%2)").arg(money(*tier->priceMin, tier->currency),
                                                            money(*tier->priceMax, tier->currency));
        if (tier->priceOverridden)
            text += QLatin1String("  ") + tr("(your price)");
        m_price->setText(text);
    } else {
        m_price->setText(tr("No public price — set the price you pay"));
    }
    m_price->setToolTip(tier->priceSource.isEmpty()
                            ? QString()
                            : tr("Source: %1 (%2)")
                                  .arg(tier->priceSource,
                                       QLocale().toString(tier->priceDate, QLocale::ShortFormat)));
    m_setPrice->setVisible(!local);

    if (tier->isCpuOnly())
        m_vram->setText(tr("none (CPU only)"));
    else
        m_vram->setText(tr("%1 GiB × %2").arg(tier->vramGiB).arg(tier->gpuCount));
    if (!tier->engineSupported)
        m_support->setText(tr("Not supported by traindeck-engine (not a CUDA device)"));
    else if (tier->isCpuOnly())
        m_support->setText(tr("CPU"));
    else
        m_support->setText(tr("CUDA, compute capability %1").arg(tier->computeCapability));

    const EngineConfig c = config();
    const int trainImages = c.limitTrain > 0 ? c.limitTrain : 60000;

    // Fit: the engine's model at this batch size and precision against the tier's VRAM.
    const std::optional<ModelSpec> spec = ModelSpec::byName(c.model);
    const Precision precision = precisionFromString(c.precision).value_or(Precision::Fp32);
    m_fit->setStyleSheet(QString());
    if (!spec) {
        m_fit->setText(tr("Unknown model"));
        m_cost->clear();
    } else {
        VramOptions options;
        options.batchSize = c.batchSize;
        options.precision = precision;
        options.optimizer = Optimizer::AdamW;
        const VramEstimator estimator(*spec, options);
        if (tier->isCpuOnly()) {
            options.runtimeAllowanceBytes = 0; // no CUDA context on the CPU
            const VramEstimator cpu(*spec, options);
            m_fit->setText(tr("Needs about %1 GiB of RAM")
                               .arg(QLocale().toString(cpu.breakdown().totalGiB(), 'f', 2)));
        } else {
            const VramFit fit = estimator.fits(tier->vramGiB);
            const QString need = QLocale().toString(fit.requiredGiB, 'f', 2);
            switch (fit.verdict) {
            case VramVerdict::Fits:
                m_fit->setText(tr("✔ Fits: about %1 of %2 GiB").arg(need).arg(tier->vramGiB));
                break;
            case VramVerdict::Tight:
                m_fit->setText(tr("⚠ Tight: about %1 of %2 GiB. %3")
                                   .arg(need)
                                   .arg(tier->vramGiB)
                                   .arg(fit.message));
                m_fit->setStyleSheet(QStringLiteral("color: #b9770e;"));
                break;
            case VramVerdict::DoesNotFit:
                m_fit->setText(tr("✘ Does not fit: %1").arg(fit.message));
                m_fit->setStyleSheet(QStringLiteral("color: #c0392b;"));
                break;
            }
        }

        // Cost: time estimated from the tier's throughput, times its price.
        TrainingPlan plan;
        plan.epochs = c.epochs;
        plan.samplesPerEpoch = trainImages;
        plan.precision = precision;
        JobCostEstimate job = CostEstimator::estimateJob(*spec, *tier, plan);
        if (!job.time.valid && local) {
            // No datasheet figure for a CPU: use what this computer measured last time.
            if (const double measured = lastLocalThroughput(c.model); measured > 0) {
                job.time = CostEstimator::fromMeasuredThroughput(measured, plan);
                job.cost = CostEstimator::estimate(*tier, job.time.hours);
            }
        }
        if (!job.time.valid) {
            m_cost->setText(job.time.problem);
        } else {
            m_cost->setText(tr("%1 for about %2")
                                .arg(CostEstimator::formatEstimate(job.cost),
                                     CostEstimator::formatDuration(job.time.hours)));
            m_cost->setToolTip(job.time.basis);
        }
    }

    updateLaunchState();
}

void LaunchPanel::updateLaunchState()
{
    const Provider *provider = currentProvider();
    const bool local = isLocal();
    if (!provider) {
        m_launch->setEnabled(false);
        return;
    }
    if (local) {
        m_connectNote->setText(
            scriptMode() ? tr("Script jobs run on remote machines: choose the provider "
                              "of a machine you added.")
                         : tr("Runs on this computer with the bundled engine. No account needed."));
        m_launch->setText(tr("Launch on This Computer ▶"));
        m_launch->setEnabled(!scriptMode() && !m_preparing);
        m_launch->setToolTip(QString());
        return;
    }
    const auto machine = m_store->machine(selectedMachineId());
    const QString api = tr("TrainDeck does not drive %1's cloud API: rent and release the instance "
                           "in its console, and connect to it by SSH.")
                            .arg(provider->displayName());
    if (!machine) {
        m_connectNote->setText(tr("Add a machine first (Machines → Add Machine…).") +
                               QLatin1Char(' ') + api);
        m_launch->setText(tr("Launch ▶"));
        m_launch->setEnabled(false);
        m_launch->setToolTip(tr("Add a machine first"));
        return;
    }
    QString note =
        tr("Runs on %1 over SSH and keeps running when TrainDeck closes.").arg(machine->name);
    if (machine->hourlyPrice)
        note += QLatin1Char(' ') +
                tr("Your price for it: %1/h.").arg(money(*machine->hourlyPrice, machine->currency));
    if (provider->id != QLatin1String("ssh"))
        note += QLatin1Char(' ') + api;
    m_connectNote->setText(note);
    m_launch->setText(tr("Launch on %1 ▶").arg(machine->name));
    const bool ready = !scriptMode() || !m_command->text().trimmed().isEmpty();
    m_launch->setEnabled(ready && !m_preparing);
    m_launch->setToolTip(ready ? QString() : tr("Enter the command to run"));
}

double LaunchPanel::lastLocalThroughput(const QString &model) const
{
    const QList<JobRecord> jobs = m_store->jobsForMachine(QStringLiteral("local"));
    for (const JobRecord &job : jobs) {
        if (job.state != JobState::Succeeded ||
            !job.configJson.contains(QLatin1String("\"") + model + QLatin1String("\"")))
            continue;
        const QList<MetricPoint> points =
            m_store->metricSeries(job.id, QStringLiteral("samples_per_s"), QStringLiteral("step"));
        if (!points.isEmpty())
            return points.constLast().value;
    }
    return 0;
}

void LaunchPanel::setOwnPrice()
{
    const GpuTier *tier = currentTier();
    if (!tier)
        return;
    const QString currency = tier->currency.isEmpty() ? QStringLiteral("CNY") : tier->currency;
    bool ok = false;
    const double price = QInputDialog::getDouble(
        this, tr("Set My Price"),
        tr("Hourly price of %1 in %2 (0 removes your price):").arg(tier->displayName(), currency),
        tier->hourlyPrice.value_or(0.0), 0.0, 100000.0, 3, &ok);
    if (!ok)
        return;
    const QString providerId = tier->providerId;
    const QString tierId = tier->id;
    if (price <= 0.0) {
        m_store->setPriceOverride(providerId, tierId, std::nullopt, currency);
        // Back to the catalog's own figure.
        QStringList warnings;
        Catalog fresh = Catalog::loadBuiltIn(&warnings);
        QList<TierPriceOverride> keep;
        const QList<PriceOverride> stored = m_store->priceOverrides();
        for (const PriceOverride &o : stored) {
            if (!(o.provider == providerId && o.tier == tierId))
                keep.append(
                    TierPriceOverride{o.provider, o.tier, o.price, o.currency, o.updatedAt});
        }
        fresh.applyPriceOverrides(keep);
        *m_catalog = fresh;
    } else {
        m_store->setPriceOverride(providerId, tierId, price, currency);
        m_catalog->applyPriceOverrides({TierPriceOverride{providerId, tierId, price, currency,
                                                          QDateTime::currentDateTimeUtc()}});
    }
    const QString keepProvider = providerId, keepTier = tierId;
    fillProviders();
    selectTier(keepProvider, keepTier);
}

} // namespace td
