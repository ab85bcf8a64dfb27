#include "ui/main/MainWindow.h"

#include "core/jobs/JobService.h"
#include "ui/main/DashboardPanel.h"
#include "ui/main/HistoryPanel.h"
#include "ui/main/JobHistoryModel.h"
#include "ui/main/LaunchPanel.h"
#include "ui/main/MachinesPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
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

namespace td {

MainWindow::MainWindow(Store *store, JobService *jobs, Catalog catalog, QString dataDir,
                       QWidget *parent)
    : QMainWindow(parent), m_store(store), m_jobs(jobs), m_catalog(std::move(catalog)),
      m_dataDir(std::move(dataDir))
{
    setWindowTitle(tr("TrainDeck"));
    setObjectName(QStringLiteral("MainWindow"));

    m_machines = new MachinesPanel(store, this);
    m_historyModel = new JobHistoryModel(store, this);
    m_launch = new LaunchPanel(store, &m_catalog, this);
    m_dashboard = new DashboardPanel(store, this);
    m_history = new HistoryPanel(m_historyModel, this);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_launch, tr("&Launch"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_history, tr("&History"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_machines);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({240, 960});
    setCentralWidget(split);

    m_spend = new QLabel(this);
    m_activity = new QLabel(this);
    statusBar()->addWidget(m_activity, 1);
    statusBar()->addPermanentWidget(m_spend);

    createMenus();

    connect(m_launch, &LaunchPanel::launchRequested, this, &MainWindow::launchFromForm);
    connect(m_jobs, &JobService::jobUpdated, this, &MainWindow::onJobUpdated);
    connect(m_jobs, &JobService::metricsAppended, m_dashboard, &DashboardPanel::appendRows);
    connect(m_jobs, &JobService::logAppended, m_dashboard, &DashboardPanel::appendLog);
    connect(m_dashboard, &DashboardPanel::stopRequested, this, &MainWindow::stopJob);
    connect(m_history, &HistoryPanel::openRequested, this, &MainWindow::openJob);
    connect(m_history, &HistoryPanel::rerunRequested, this, &MainWindow::rerunJob);
    connect(m_history, &HistoryPanel::deleteRequested, this, &MainWindow::deleteJob);
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
    connect(openData, &QAction::triggered, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataDir));
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *machines = menuBar()->addMenu(tr("&Machines"));
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
    const struct { const char *text; int key; } pages[] = {
        {QT_TR_NOOP("Launch"), Qt::Key_1}, {QT_TR_NOOP("Dashboard"), Qt::Key_2}, {QT_TR_NOOP("History"), Qt::Key_3}};
    for (int i = 0; i < 3; ++i) {
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
        statusBar()->showMessage(tr("Job %1 failed: %2")
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
    m_launch->setConfig(EngineConfig::fromJson(QJsonDocument::fromJson(job->configJson.toUtf8()).object()));
    m_tabs->setCurrentWidget(m_launch);
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
    m_store->logEvent(QStringLiteral("delete"), tr("Job deleted from history"), job ? job->machineId : QString(), jobId);
    if (job && job->machineId == JobService::localMachineId() && job->remoteDir == m_jobs->jobDir(jobId))
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
            soFar += *machine->hourlyPrice * job.startedAt.secsTo(QDateTime::currentDateTimeUtc()) / 3600.0;
    }
    m_spend->setText(tr("Spend: %1 %2/h · %3 %2 so far")
                         .arg(QLocale().toString(perHour, 'f', 2), currency,
                              QLocale().toString(soFar, 'f', 2)));
    m_activity->setText(m_running.isEmpty() ? tr("No job running")
                                            : tr("%n job(s) running", nullptr, int(m_running.size())));
    if (!m_running.isEmpty())
        m_machines->setRunningJobs(m_running);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About TrainDeck"),
                       tr("<h3>TrainDeck %1</h3><p>Train neural networks on rented cloud GPUs: pick "
                          "a GPU, upload, launch, watch, download, release.</p><p>Licensed under "
                          "the GNU General Public License, version 3 or later.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_jobs->activeLocalJobs().isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Quit TrainDeck"),
            tr("A job is running on this computer. Quitting stops it (a checkpoint is saved). Quit anyway?"),
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
