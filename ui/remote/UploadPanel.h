// The Upload page: drop files or folders, choose the folder on the machine, watch per-file and
// total progress with rate and time left; cancel, and resume after a failure.
#pragma once

#include "core/providers/TransferCenter.h"
#include "core/store/Store.h"

#include <QFileIconProvider>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace td {

class UploadPanel : public QWidget
{
    Q_OBJECT
public:
    UploadPanel(TransferCenter *transfers, QWidget *parent = nullptr);

    // The machine uploads go to; a Local or empty record disables the page with a hint.
    void setMachine(const MachineRecord &machine);
    QString machineId() const { return m_machine.id; }
    void setSources(const QStringList &paths);
    QStringList sources() const;
    void addSources(const QStringList &paths);

    // Starts uploading the listed sources; false (with the reason shown) when it cannot.
    bool startUpload();
    QString currentTransfer() const { return m_transferId; }

    QLineEdit *remoteDirEdit() const { return m_remoteDir; }
    QCheckBox *removeDeletedBox() const { return m_removeDeleted; }
    QPushButton *uploadButton() const { return m_upload; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *resumeButton() const { return m_resume; }
    QProgressBar *fileBar() const { return m_fileBar; }
    QProgressBar *totalBar() const { return m_totalBar; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    // Total progress of the current upload in percent (100 when it finished).
    void percentChanged(int percent);
    void uploadFinished(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void onProgress(const QString &id, const TransferProgress &p);
    void onFinished(const QString &id, const UploadReport &report, const SshError &error);
    void updateButtons();

    TransferCenter *m_transfers;
    QFileIconProvider m_icons;
    MachineRecord m_machine;
    QString m_transferId;
    QString m_failedId;
    QLabel *m_target;
    QListWidget *m_list;
    QLineEdit *m_remoteDir;
    QCheckBox *m_removeDeleted;
    QPushButton *m_addFiles;
    QPushButton *m_addFolder;
    QPushButton *m_clear;
    QPushButton *m_upload;
    QPushButton *m_cancel;
    QPushButton *m_resume;
    QLabel *m_file;
    QProgressBar *m_fileBar;
    QProgressBar *m_totalBar;
    QLabel *m_stats;
    QLabel *m_status;
};

// "1.5 MB of 40 MB · 56 MB/s · 0:05 left"
QString formatTransferStats(const TransferProgress &p);

} // namespace td
