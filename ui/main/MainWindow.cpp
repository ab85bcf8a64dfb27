#include "ui/main/MainWindow.h"

#include "core/jobs/JobService.h"
#include "core/providers/MachineConnections.h"
#include "core/providers/MachineService.h"
#include "core/providers/TransferCenter.h"
#include "ui/main/DashboardPanel.h"
#include "ui/main/HistoryPanel.h"
#include "ui/main/JobHistoryModel.h"
#include "ui/main/LaunchPanel.h"
#include "ui/main/MachinesPanel.h"
#include "ui/remote/ConnectDialog.h"
#include "ui/remote/DownloadPanel.h"
#include "ui/remote/MessageBox.h"
#include "ui/remote/RemoteLaunchFlow.h"
#include "ui/remote/TransferList.h"
#include "ui/remote/UploadPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace td {

MainWindow::MainWindow(Store *store, JobService *jobs, Catalog catalog, QString dataDir,
                       QWidget *parent)
    : QMainWindow(parent), m_store(store), m_jobs(jobs), m_catalog(std::move(catalog)),
      m_dataDir(std::move(dataDir))
{
    setWindowTitle(tr("TrainDeck"));
    setObjectName(QStringLiteral("MainWindow"));

    m_machines = new MachinesPanel(store, this);
    m_machines->setCatalog(&m_catalog);
    m_machineService = new MachineService(store, this);
    m_connections = new MachineConnections(store, this);
    m_transfers = new TransferCenter(store, m_connections,
                                     QDir(m_dataDir).filePath(QStringLiteral("transfers")), this);
    m_remoteLaunch = new RemoteLaunchFlow(store, jobs, m_connections, m_dataDir, this);
    m_upload = new UploadPanel(m_transfers, this);
    m_download = new DownloadPanel(m_transfers, this);
    m_transferList = new TransferList(store, m_transfers, this);
    m_historyModel = new JobHistoryModel(store, this);
    m_launch = new LaunchPanel(store, &m_catalog, this);
    m_dashboard = new DashboardPanel(store, this);
    m_history = new HistoryPanel(m_historyModel, this);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_launch, tr("&Launch"));
    auto *transferPage = new QWidget(this);
    auto *transferLayout = new QVBoxLayout(transferPage);
    transferLayout->setContentsMargins(0, 0, 0, 0);
    transferLayout->addWidget(m_upload, 1);
    auto *downloadRow = new QVBoxLayout; // aligned with the upload panel's own margins
    downloadRow->setContentsMargins(m_upload->layout()->contentsMargins());
    downloadRow->addWidget(m_download);
    transferLayout->addLayout(downloadRow);
    m_tabs->addTab(transferPage, tr("&Upload / Download"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_history, tr("&History"));

    // The machine list and the transfers stay visible whatever page is open.
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_machines);
    left->addWidget(m_transferList);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    left->setMinimumWidth(240);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({280, 920});
    setCentralWidget(split);

    m_spend = new QLabel(this);
    m_activity = new QLabel(this);
    statusBar()->addWidget(m_activity, 1);
    statusBar()->addPermanentWidget(m_spend);

    createMenus();

    connect(m_launch, &LaunchPanel::launchRequested, this, &MainWindow::launchFromForm);
    connect(m_launch, &LaunchPanel::addMachineRequested, this, &MainWindow::addMachine);
    connect(m_machines, &MachinesPanel::addMachineRequested, this, &MainWindow::addMachine);
    connect(m_machines, &MachinesPanel::selectionChanged, this, [this](const QString &id) {
        const MachineRecord m = m_store->machine(id).value_or(MachineRecord{});
        m_upload->setMachine(m);
        m_download->setMachine(m);
    });
    connect(m_machineService, &MachineService::machineAdded, this, [this](const MachineRecord &m) {
        machinesChanged(m.id);
        statusBar()->showMessage(tr("Added %1.").arg(m.name), 8000);
    });
    connect(m_machineService, &MachineService::machineUpdated, this,
            [this](const MachineRecord &m) { machinesChanged(m.id); });
    connect(m_connections, &MachineConnections::passwordRequested, this,
            &MainWindow::askMachinePassword);
    connect(m_connections, &MachineConnections::passphraseRequested, this,
            [this](const QString &machineId, const QString &keyPath, int) {
                bool ok = false;
                QByteArray passphrase = QInputDialog::getText(this, tr("Key Passphrase"),
                                                              tr("Passphrase of %1:").arg(keyPath),
                                                              QLineEdit::Password, QString(), &ok)
                                            .toUtf8();
                m_connections->answerPassphrase(machineId, ok ? passphrase : QByteArray());
                passphrase.fill('\0');
            });
    connect(m_remoteLaunch, &RemoteLaunchFlow::stepChanged, this, [this](const QString &text) {
        m_launch->setPreparing(true, text);
        statusBar()->showMessage(text, 10000);
    });
    connect(m_remoteLaunch, &RemoteLaunchFlow::failed, this, [this](const QString &message) {
        m_launch->setPreparing(false);
        statusBar()->clearMessage();
        MessageBox::warning(this, tr("Cannot Launch"), message);
    });
    connect(m_remoteLaunch, &RemoteLaunchFlow::launched, this, [this](const QString &id) {
        m_launch->setPreparing(false);
        statusBar()->clearMessage();
        m_tabs->setCurrentWidget(m_dashboard);
        if (const auto job = m_store->job(id))
            m_dashboard->showJob(*job);
    });
    connect(m_jobs, &JobService::connectionProblem, this,
            [this](const QString &jobId, const QString &message) {
                statusBar()->showMessage(tr("Job %1: %2").arg(jobId.left(8), message), 10000);
            });
    connect(m_jobs, &JobService::jobUpdated, this, &MainWindow::onJobUpdated);
    connect(m_jobs, &JobService::metricsAppended, m_dashboard, &DashboardPanel::appendRows);
    connect(m_jobs, &JobService::gpuSamplesAppended, m_dashboard,
            &DashboardPanel::appendGpuSamples);
    connect(m_jobs, &JobService::logAppended, m_dashboard, &DashboardPanel::appendLog);
    connect(m_dashboard, &DashboardPanel::stopRequested, this, &MainWindow::stopJob);
    connect(m_history, &HistoryPanel::openRequested, this, &MainWindow::openJob);
    connect(m_history, &HistoryPanel::rerunRequested, this, &MainWindow::rerunJob);
    connect(m_history, &HistoryPanel::deleteRequested, this, &MainWindow::deleteJob);
    connect(m_history, &HistoryPanel::downloadRequested, this,
            &MainWindow::chooseAndDownloadResults);
    m_history->setDownloadable([this](const QString &id) { return hasRemoteResults(id); });
    connect(m_transfers, &TransferCenter::downloadFinished, this,
            [this](const QString &, const DownloadReport &report, const SshError &error) {
                if (error && error.kind != SshErrorKind::Cancelled)
                    statusBar()->showMessage(tr("Download failed: %1").arg(error.message), 15000);
                else if (!error)
                    statusBar()->showMessage(
                        tr("Downloaded %1 files (%2 received).")
                            .arg(report.filesTotal)
                            .arg(QLocale().formattedDataSize(report.bytesReceived)),
                        10000);
            });
    connect(m_store, &Store::writeFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Could not save to the database: %1").arg(message), 10000);
    });

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    m_tick.start();
    updateStatusBar();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("ui/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("ui/geometry")))
        resize(1200, 760);
    // Reopening the app shows the most recent job where the user left it.
    const QList<JobRecord> recent = m_store->jobs();
    if (!recent.isEmpty())
        m_dashboard->showJob(recent.first());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("ui/page"), 0).toInt());
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openData = file->addAction(tr("Open &Data Folder"));
    connect(openData, &QAction::triggered, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataDir)); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *machines = menuBar()->addMenu(tr("&Machines"));
    QAction *add = machines->addAction(tr("&Add Machine…"));
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(add, &QAction::triggered, this, &MainWindow::addMachine);
    QAction *remove = machines->addAction(tr("Re&move Machine…"));
    connect(remove, &QAction::triggered, this,
            [this] { removeMachine(m_machines->selectedMachineId()); });
    QAction *probe = machines->addAction(tr("&Check Machine Again"));
    probe->setToolTip(
        tr("Connect to the selected machine and look at its GPUs, drivers and tools again"));
    connect(probe, &QAction::triggered, this, [this] {
        QString error;
        if (!m_machineService->reprobe(m_machines->selectedMachineId(), &error))
            statusBar()->showMessage(error, 8000);
    });
    connect(m_machineService, &MachineService::stepChanged, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_machineService, &MachineService::failed, this, [this](const SshError &e) {
        statusBar()->showMessage(e.message.section(QLatin1Char('\n'), 0, 0), 15000);
    });
    machines->addSeparator();
    QAction *refresh = machines->addAction(tr("&Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_machines, &MachinesPanel::reload);

    QMenu *jobs = menuBar()->addMenu(tr("&Jobs"));
    QAction *launch = jobs->addAction(tr("&Launch Training"));
    launch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(launch, &QAction::triggered, this, &MainWindow::launchFromForm);
    QAction *stop = jobs->addAction(tr("&Stop Job"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(stop, &QAction::triggered, this, [this] {
        if (!m_dashboard->jobId().isEmpty())
            stopJob(m_dashboard->jobId());
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const struct
    {
        const char *text;
        int key;
    } pages[] = {{QT_TR_NOOP("Launch"), Qt::Key_1},
                 {QT_TR_NOOP("Upload"), Qt::Key_2},
                 {QT_TR_NOOP("Dashboard"), Qt::Key_3},
                 {QT_TR_NOOP("History"), Qt::Key_4}};
    for (int i = 0; i < 4; ++i) {
        QAction *a = view->addAction(tr(pages[i].text));
        a->setShortcut(QKeySequence(Qt::CTRL | pages[i].key));
        connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About TrainDeck"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QString MainWindow::launchFromForm()
{
    if (!m_launch->isLocal()) {
        const QString machineId = m_launch->selectedMachineId();
        if (machineId.isEmpty()) {
            MessageBox::warning(this, tr("Cannot Launch"),
                                tr("Add a machine first: Machines → Add Machine…"));
            return {};
        }
        if (m_remoteLaunch->isBusy())
            return {};
        if (m_launch->scriptMode())
            m_remoteLaunch->launchScript(machineId, m_launch->scriptCommand(),
                                         m_launch->scriptWorkDir(), m_launch->scriptEnvSetup(),
                                         m_launch->scriptMetricsPreset(),
                                         m_launch->scriptMetricsRegex());
        else
            m_remoteLaunch->launchEngine(machineId, m_launch->config());
        return {};
    }
    const EngineConfig config = m_launch->config();
    QString error;
    const QString id = m_jobs->launchLocal(config, &error);
    if (id.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Launch"), error);
        return {};
    }
    m_tabs->setCurrentWidget(m_dashboard);
    if (const auto job = m_store->job(id))
        m_dashboard->showJob(*job);
    return id;
}

ConnectDialog *MainWindow::addMachine()
{
    auto *dialog = new ConnectDialog(m_machineService, &m_catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool MainWindow::removeMachine(const QString &machineId)
{
    const auto machine = m_store->machine(machineId);
    if (!machine || machine->provider == QLatin1String("local")) {
        statusBar()->showMessage(tr("Select a remote machine in the list to remove it."), 8000);
        return false;
    }
    if (m_running.contains(machineId)) {
        MessageBox::information(this, tr("Remove Machine"),
                                tr("A job is running on %1. Stop it (or wait for it to end) before "
                                   "removing the machine.")
                                    .arg(machine->name));
        return false;
    }
    const int jobs = int(m_store->jobsForMachine(machineId).size());
    const auto answer = MessageBox::question(
        this, tr("Remove Machine"),
        tr("Remove %1 from TrainDeck?").arg(machine->name) + QStringLiteral("\n\n") +
            tr("Kept: its %n job(s) in the history, with their metrics and logs.", nullptr, jobs) +
            QStringLiteral("\n") +
            tr("Not touched: the machine itself and its files. TrainDeck does not release the "
               "instance; release it in the provider's console to stop paying.") +
            QStringLiteral("\n") +
            tr("Removed: its connection details, its upload records and a password remembered in "
               "the system keychain."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    m_connections->drop(machineId);
    QString error;
    if (!m_machineService->remove(machineId, &error)) {
        statusBar()->showMessage(error, 8000);
        return false;
    }
    machinesChanged(QString());
    m_historyModel->reload();
    statusBar()->showMessage(tr("Removed %1.").arg(machine->name), 8000);
    return true;
}

void MainWindow::machinesChanged(const QString &selectMachineId)
{
    m_machines->reload();
    m_launch->reloadMachines();
    m_transferList->reload();
    if (!selectMachineId.isEmpty()) {
        m_machines->selectMachine(selectMachineId);
        m_launch->selectMachine(selectMachineId);
    }
}

void MainWindow::askMachinePassword(const QString &machineId, const QString &userAtHost,
                                    int attempt)
{
    bool ok = false;
    QByteArray password =
        QInputDialog::getText(this, tr("Password"),
                              attempt > 1 ? tr("Wrong password. Password for %1:").arg(userAtHost)
                                          : tr("Password for %1:").arg(userAtHost),
                              QLineEdit::Password, QString(), &ok)
            .toUtf8();
    m_connections->answerPassword(machineId, ok ? password : QByteArray(), false);
    password.fill('\0');
}

void MainWindow::onJobUpdated(const JobRecord &job)
{
    if (m_dashboard->jobId().isEmpty() || m_dashboard->jobId() == job.id) {
        if (m_dashboard->jobId() != job.id)
            m_dashboard->showJob(job);
        else
            m_dashboard->updateJob(job);
    }
    m_historyModel->updateJob(job);
    if (isTerminal(job.state))
        m_running.remove(job.machineId);
    else
        m_running.insert(job.machineId, job);
    m_machines->setRunningJobs(m_running);
    if (job.state == JobState::Failed) {
        const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
        statusBar()->showMessage(
            tr("Job %1 failed: %2")
                .arg(job.id.left(8), summary.value(QLatin1String("reason")).toString()),
            15000);
    }
    updateStatusBar();
}

void MainWindow::openJob(const QString &jobId)
{
    if (const auto job = m_store->job(jobId)) {
        m_dashboard->showJob(*job);
        m_tabs->setCurrentWidget(m_dashboard);
    }
}

void MainWindow::rerunJob(const QString &jobId)
{
    const auto job = m_store->job(jobId);
    if (!job || job->kind != QLatin1String("engine"))
        return;
    m_launch->setConfig(
        EngineConfig::fromJson(QJsonDocument::fromJson(job->configJson.toUtf8()).object()));
    m_tabs->setCurrentWidget(m_launch);
}

bool MainWindow::hasRemoteResults(const QString &jobId) const
{
    const auto job = m_store->job(jobId);
    if (!job || job->remoteDir.isEmpty() || job->machineId.isEmpty() ||
        job->machineId == JobService::localMachineId())
        return false;
    const auto machine = m_store->machine(job->machineId);
    return machine && machine->provider != QLatin1String("local");
}

void MainWindow::chooseAndDownloadResults(const QString &jobId)
{
    QSettings settings;
    QString start = settings.value(QStringLiteral("ui/resultsFolder")).toString();
    if (start.isEmpty() || !QFileInfo(start).isDir()) {
        start = DownloadPanel::defaultDownloadRoot();
        QDir().mkpath(start);
    }
    const QString parent = QFileDialog::getExistingDirectory(
        this, tr("Download Results of Job %1 Into").arg(jobId.left(8)), start);
    if (parent.isEmpty())
        return;
    settings.setValue(QStringLiteral("ui/resultsFolder"), parent);
    downloadJobResults(jobId, parent);
}

QString MainWindow::downloadJobResults(const QString &jobId, const QString &localParent)
{
    if (!hasRemoteResults(jobId)) {
        MessageBox::warning(
            this, tr("Download Results"),
            tr("Job %1 has no folder on a remote machine TrainDeck knows.").arg(jobId.left(8)));
        return {};
    }
    const JobRecord job = *m_store->job(jobId);
    const QString target = QDir(localParent).filePath(QStringLiteral("job-") + jobId.left(8));
    QString error;
    const QString id = m_transfers->download(job.machineId, job.remoteDir, target, &error);
    if (id.isEmpty()) {
        MessageBox::warning(this, tr("Download Results"), error);
        return {};
    }
    statusBar()->showMessage(
        m_jobs->isActive(jobId)
            ? tr("Downloading the results of job %1 into %2; the job is still running, files it "
                 "writes later are not included.")
                  .arg(jobId.left(8), QDir::toNativeSeparators(target))
            : tr("Downloading the results of job %1 into %2.")
                  .arg(jobId.left(8), QDir::toNativeSeparators(target)),
        10000);
    return id;
}

void MainWindow::deleteJob(const QString &jobId)
{
    if (m_jobs->isActive(jobId)) {
        QMessageBox::information(this, tr("Delete Job"), tr("Stop the job before deleting it."));
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Delete Job"),
        tr("Delete job %1 from the history? Its metrics and log in TrainDeck's data folder are "
           "removed; files on remote machines are not touched.")
            .arg(jobId.left(8)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const auto job = m_store->job(jobId);
    m_store->deleteJob(jobId);
    m_store->logEvent(QStringLiteral("delete"), tr("Job deleted from history"),
                      job ? job->machineId : QString(), jobId);
    if (job && job->machineId == JobService::localMachineId() &&
        job->remoteDir == m_jobs->jobDir(jobId))
        QDir(job->remoteDir).removeRecursively();
    m_store->flush(5000);
    m_historyModel->reload();
    if (m_dashboard->jobId() == jobId)
        m_dashboard->showJob(JobRecord{});
}

void MainWindow::stopJob(const QString &jobId)
{
    if (!m_jobs->stop(jobId))
        statusBar()->showMessage(tr("That job is not running."), 5000);
}

void MainWindow::updateStatusBar()
{
    double perHour = 0, soFar = 0;
    QString currency = QStringLiteral("CNY");
    for (const JobRecord &job : std::as_const(m_running)) {
        const auto machine = m_store->machine(job.machineId);
        if (!machine || !machine->hourlyPrice)
            continue;
        perHour += *machine->hourlyPrice;
        currency = machine->currency;
        if (job.startedAt.isValid())
            soFar += *machine->hourlyPrice * job.startedAt.secsTo(QDateTime::currentDateTimeUtc()) /
                     3600.0;
    }
    m_spend->setText(
        tr("Spend: %1 %2/h · %3 %2 so far")
            .arg(QLocale().toString(perHour, 'f', 2), currency, QLocale().toString(soFar, 'f', 2)));
    m_activity->setText(m_running.isEmpty()
                            ? tr("No job running")
                            : tr("%n job(s) running", nullptr, int(m_running.size())));
    if (!m_running.isEmpty())
        m_machines->setRunningJobs(m_running);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About TrainDeck"),
        tr("<h3>TrainDeck %1</h3><p>Train neural networks on rented cloud GPUs: pick "
           "a GPU, upload, launch, watch, download, release.</p><p>Licensed under "
           "the GNU General Public License, version 3 or later.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_jobs->activeLocalJobs().isEmpty()) {
        const auto answer =
            QMessageBox::question(this, tr("Quit TrainDeck"),
                                  tr("A job is running on this computer. Quitting stops it (a "
                                     "checkpoint is saved). Quit anyway?"),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_jobs->stopAll();
    }
    QSettings().setValue(QStringLiteral("ui/geometry"), saveGeometry());
    QSettings().setValue(QStringLiteral("ui/page"), m_tabs->currentIndex());
    m_store->flush(10000);
    event->accept();
}

} // namespace td
