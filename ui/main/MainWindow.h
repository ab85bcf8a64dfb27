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

class ConnectDialog;
class DashboardPanel;
class DownloadPanel;
class HistoryPanel;
class JobHistoryModel;
class JobService;
class LaunchPanel;
class MachineConnections;
class MachineService;
class MachinesPanel;
class RemoteLaunchFlow;
class TransferCenter;
class TransferList;
class UploadPanel;

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
    UploadPanel *uploadPanel() const { return m_upload; }
    DownloadPanel *downloadPanel() const { return m_download; }
    // Downloads a remote job's folder into localParent/job-<id>; returns the transfer id, or an
    // empty string after telling the user why not.
    QString downloadJobResults(const QString &jobId, const QString &localParent);
    TransferList *transferList() const { return m_transferList; }
    MachineService *machineService() const { return m_machineService; }
    MachineConnections *connections() const { return m_connections; }
    TransferCenter *transfers() const { return m_transfers; }
    RemoteLaunchFlow *remoteLaunch() const { return m_remoteLaunch; }

    // Launches from the Launch page's current settings (also the Jobs menu's Launch action).
    // Local: returns the job id, empty on error (shown to the user). Remote: preparing the
    // machine is asynchronous, so this returns empty and the job appears on the Dashboard.
    QString launchFromForm();
    // Machines → Add Machine…: opens the (non-modal) connect dialog and returns it.
    ConnectDialog *addMachine();
    // Machines → Remove Machine…: asks once, saying what is kept, then removes the machine.
    bool removeMachine(const QString &machineId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void onJobUpdated(const JobRecord &job);
    void openJob(const QString &jobId);
    void rerunJob(const QString &jobId);
    void deleteJob(const QString &jobId);
    void chooseAndDownloadResults(const QString &jobId);
    bool hasRemoteResults(const QString &jobId) const;
    void stopJob(const QString &jobId);
    void updateStatusBar();
    void showAbout();
    void machinesChanged(const QString &selectMachineId);
    void askMachinePassword(const QString &machineId, const QString &userAtHost, int attempt);

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
    MachineService *m_machineService = nullptr;
    MachineConnections *m_connections = nullptr;
    TransferCenter *m_transfers = nullptr;
    RemoteLaunchFlow *m_remoteLaunch = nullptr;
    UploadPanel *m_upload = nullptr;
    DownloadPanel *m_download = nullptr;
    TransferList *m_transferList = nullptr;
    QLabel *m_spend = nullptr;
    QLabel *m_activity = nullptr;
    QTimer m_tick;
    QHash<QString, JobRecord> m_running; // by machine id
};

} // namespace td
