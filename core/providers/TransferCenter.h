// Uploads to and downloads from stored machines: started, cancelled and resumed here, recorded
// in the store's transfers table, run on the machine's shared connection (MachineConnections)
// by Uploader and Downloader.
#pragma once

#include "core/remote/Download.h"
#include "core/remote/TransferProgress.h"
#include "core/remote/Upload.h"
#include "core/store/Store.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace td {

class MachineConnections;

class TransferCenter : public QObject
{
    Q_OBJECT
public:
    // `stateDir` keeps the upload manifests and unfinished-transfer ids, one folder per machine.
    TransferCenter(Store *store, MachineConnections *connections, QString stateDir,
                   QObject *parent = nullptr);

    // Starts uploading files and folders into remoteDir on the machine; returns the transfer id
    // or an empty string with a translated *error.
    // removeDeleted mirrors local deletions of files an earlier upload put there (kept for a
    // resume while the app runs; a transfer resumed after a restart does not delete).
    QString upload(const QString &machineId, const QStringList &sources, const QString &remoteDir,
                   QString *error = nullptr, bool removeDeleted = false);
    // Starts downloading a remote folder or file into localDir (created when missing); returns
    // the transfer id or an empty string with a translated *error.
    QString download(const QString &machineId, const QString &remotePath, const QString &localDir,
                     QString *error = nullptr);
    // Runs a failed or cancelled transfer again: finished files are kept and a cut-off file
    // continues from where it stopped.
    bool resume(const QString &transferId, QString *error = nullptr);
    void cancel(const QString &transferId);
    bool isRunning(const QString &transferId) const { return m_running.contains(transferId); }
    QStringList running() const { return QStringList(m_running.keys()); }
    QString stateDirFor(const QString &machineId) const;

    // Local paths as kept in transfers.local_path (one per line; a download's target folder).
    static QStringList sourcesOf(const TransferRecord &record);
    static bool isDownload(const TransferRecord &record)
    {
        return record.direction == QLatin1String("download");
    }

Q_SIGNALS:
    void started(const QString &transferId);
    void progress(const QString &transferId, const td::TransferProgress &progress);
    void finished(const QString &transferId, const td::UploadReport &report,
                  const td::SshError &error);
    void downloadFinished(const QString &transferId, const td::DownloadReport &report,
                          const td::SshError &error);

private:
    void start(TransferRecord record);
    void startDownload(TransferRecord record);
    void begin(TransferRecord &record);
    // Runs Worker (Uploader or Downloader) on the machine's connection; done gets the result
    // on this object's thread.
    template <typename Worker, typename Request, typename Report>
    void runTransfer(const TransferRecord &record, const Request &request,
                     void (TransferCenter::*done)(const QString &, const Report &,
                                                  const SshError &));
    // Relays progress to the signal and, at most once a second, to the store.
    std::function<void(const TransferProgress &)> progressRelay(const QString &transferId);
    void onDone(const QString &transferId, const UploadReport &report, const SshError &error);
    void onDownloadDone(const QString &transferId, const DownloadReport &report,
                        const SshError &error);
    // Ends the record: done, cancelled or failed (logged); false when it was not running.
    bool finish(const QString &transferId, qint64 bytesTotal, const SshError &error);

    Store *m_store;
    MachineConnections *m_connections;
    QString m_stateDir;
    QHash<QString, TransferRecord> m_running;
    QSet<QString> m_cancelled;
    QSet<QString> m_removeDeleted; // uploads that mirror deletions
};

} // namespace td

Q_DECLARE_METATYPE(td::UploadReport)
Q_DECLARE_METATYPE(td::DownloadReport)
