// The main window: machines on the left, Launch / Dashboard / History on the right.
#pragma once

#include "core/catalog/Catalog.h"
#include "core/store/Store.h"

#include <QHash>
#include <QMainWindow>
#include <QTimer>

class QLabel;
class QTabWidget;

namespace td {

class DashboardPanel;
class HistoryPanel;
class JobHistoryModel;
class JobService;
class LaunchPanel;
class MachinesPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Store *store, JobService *jobs, Catalog catalog, QString dataDir,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    LaunchPanel *launchPanel() const { return m_launch; }
    DashboardPanel *dashboard() const { return m_dashboard; }
    HistoryPanel *history() const { return m_history; }
    JobHistoryModel *historyModel() const { return m_historyModel; }
    MachinesPanel *machines() const { return m_machines; }
    QTabWidget *tabs() const { return m_tabs; }

    // Launches a Local engine job from the Launch page's current settings (also the toolbar's
    // Launch action). Returns the job id, empty on error (shown to the user).
    QString launchFromForm();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void onJobUpdated(const JobRecord &job);
    void openJob(const QString &jobId);
    void rerunJob(const QString &jobId);
    void deleteJob(const QString &jobId);
    void stopJob(const QString &jobId);
    void updateStatusBar();
    void showAbout();

    Store *m_store;
    JobService *m_jobs;
    Catalog m_catalog;
    QString m_dataDir;
    QTabWidget *m_tabs = nullptr;
    LaunchPanel *m_launch = nullptr;
    DashboardPanel *m_dashboard = nullptr;
    HistoryPanel *m_history = nullptr;
    JobHistoryModel *m_historyModel = nullptr;
    MachinesPanel *m_machines = nullptr;
    QLabel *m_spend = nullptr;
    QLabel *m_activity = nullptr;
    QTimer m_tick;
    QHash<QString, JobRecord> m_running; // by machine id
};

} // namespace td
