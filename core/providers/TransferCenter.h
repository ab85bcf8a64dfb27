// Uploads to stored machines: started, cancelled and resumed here, recorded in the store's
// transfers table, run on the machine's shared connection (MachineConnections) by Uploader.
#pragma once

#include "core/remote/TransferProgress.h"
#include "core/remote/Upload.h"
#include "core/store/Store.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

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
    QString upload(const QString &machineId, const QStringList &sources, const QString &remoteDir,
                   QString *error = nullptr);
    // Runs a failed or cancelled upload again: finished files are kept and a cut-off file
    // continues from where it stopped.
    bool resume(const QString &transferId, QString *error = nullptr);
    void cancel(const QString &transferId);
    bool isRunning(const QString &transferId) const { return m_running.contains(transferId); }
    QStringList running() const { return QStringList(m_running.keys()); }
    QString stateDirFor(const QString &machineId) const;

    // Local paths as kept in transfers.local_path (one per line).
    static QStringList sourcesOf(const TransferRecord &record);

Q_SIGNALS:
    void started(const QString &transferId);
    void progress(const QString &transferId, const td::TransferProgress &progress);
    void finished(const QString &transferId, const td::UploadReport &report,
                  const td::SshError &error);

private:
    void start(TransferRecord record);
    void onDone(const QString &transferId, const UploadReport &report, const SshError &error);

    Store *m_store;
    MachineConnections *m_connections;
    QString m_stateDir;
    QHash<QString, TransferRecord> m_running;
    QSet<QString> m_cancelled;
};

} // namespace td

Q_DECLARE_METATYPE(td::UploadReport)
