// Download from the selected machine: a remote folder or file (results, checkpoints) into a
// folder on this computer, with progress, cancel and resume; shown under the upload panel.
#pragma once

#include "core/providers/TransferCenter.h"
#include "core/store/Store.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace td {

class DownloadPanel : public QGroupBox
{
    Q_OBJECT
public:
    DownloadPanel(TransferCenter *transfers, QWidget *parent = nullptr);

    // The machine downloads come from; a Local or empty record disables the panel.
    void setMachine(const MachineRecord &machine);
    QString machineId() const { return m_machine.id; }

    // Starts downloading the remote path into the local folder; false (with the reason shown)
    // when it cannot.
    bool startDownload();
    QString currentTransfer() const { return m_transferId; }

    QLineEdit *remotePathEdit() const { return m_remotePath; }
    QLineEdit *localDirEdit() const { return m_localDir; }
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *resumeButton() const { return m_resume; }
    QProgressBar *totalBar() const { return m_totalBar; }
    QLabel *statusLabel() const { return m_status; }

    // Where downloads go unless the user picks another folder: Downloads/TrainDeck.
    static QString defaultDownloadRoot();

Q_SIGNALS:
    void downloadFinished(bool ok);

private:
    void onProgress(const QString &id, const TransferProgress &p);
    void onFinished(const QString &id, const DownloadReport &report, const SshError &error);
    void updateButtons();

    TransferCenter *m_transfers;
    MachineRecord m_machine;
    QString m_transferId;
    QString m_failedId;
    QLineEdit *m_remotePath;
    QLineEdit *m_localDir;
    QPushButton *m_browse;
    QPushButton *m_download;
    QPushButton *m_cancel;
    QPushButton *m_resume;
    QProgressBar *m_totalBar;
    QLabel *m_stats;
    QLabel *m_status;
};

} // namespace td
