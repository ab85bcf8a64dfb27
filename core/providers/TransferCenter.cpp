#include "core/providers/TransferCenter.h"

#include "core/providers/MachineConnections.h"
#include "core/remote/SshSession.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QUuid>

#include <memory>

namespace td {

namespace {
// The store row is refreshed at most this often while bytes flow.
constexpr qint64 kStoreIntervalMs = 1000;
} // namespace

TransferCenter::TransferCenter(Store *store, MachineConnections *connections, QString stateDir,
                               QObject *parent)
    : QObject(parent), m_store(store), m_connections(connections), m_stateDir(std::move(stateDir))
{
    qRegisterMetaType<td::TransferProgress>();
    qRegisterMetaType<td::UploadReport>();
    qRegisterMetaType<td::DownloadReport>();
    // Transfers that were running when the app last ended stopped with it: say so, resumably.
    const QList<TransferRecord> all = m_store->transfers();
    for (TransferRecord t : all) {
        if (t.state == QLatin1String("running") || t.state == QLatin1String("queued")) {
            t.state = QStringLiteral("interrupted");
            m_store->upsertTransfer(t);
        }
    }
}

QString TransferCenter::stateDirFor(const QString &machineId) const
{
    return QDir(m_stateDir).filePath(machineId);
}

QStringList TransferCenter::sourcesOf(const TransferRecord &record)
{
    return record.localPath.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString TransferCenter::upload(const QString &machineId, const QStringList &sources,
                               const QString &remoteDir, QString *error, bool removeDeleted)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (sources.isEmpty())
        return fail(tr("Choose files or folders to upload."));
    for (const QString &s : sources) {
        if (!QFileInfo::exists(s))
            return fail(tr("%1 does not exist.").arg(QDir::toNativeSeparators(s)));
    }
    if (remoteDir.trimmed().isEmpty())
        return fail(tr("Enter the folder on the machine to upload into."));
    for (const TransferRecord &t : std::as_const(m_running)) {
        if (t.machineId == machineId && t.remotePath == remoteDir.trimmed())
            return fail(tr("An upload into %1 is already running.").arg(remoteDir));
    }
    TransferRecord record;
    record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.machineId = machineId;
    record.direction = QStringLiteral("upload");
    record.localPath = sources.join(QLatin1Char('\n'));
    record.remotePath = remoteDir.trimmed();
    if (removeDeleted)
        m_removeDeleted.insert(record.id);
    start(record);
    return record.id;
}

QString TransferCenter::download(const QString &machineId, const QString &remotePath,
                                 const QString &localDir, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (remotePath.trimmed().isEmpty())
        return fail(tr("Enter the folder or file on the machine to download."));
    if (localDir.trimmed().isEmpty())
        return fail(tr("Choose the folder on this computer to download into."));
    const QString target = QFileInfo(localDir.trimmed()).absoluteFilePath();
    if (QFileInfo(target).exists() && !QFileInfo(target).isDir())
        return fail(tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(target)));
    if (!QDir().mkpath(target))
        return fail(tr("Cannot create %1.").arg(QDir::toNativeSeparators(target)));
    for (const TransferRecord &t : std::as_const(m_running)) {
        if (isDownload(t) && t.localPath == target)
            return fail(
                tr("A download into %1 is already running.").arg(QDir::toNativeSeparators(target)));
    }
    TransferRecord record;
    record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.machineId = machineId;
    record.direction = QStringLiteral("download");
    record.localPath = target;
    record.remotePath = remotePath.trimmed();
    startDownload(record);
    return record.id;
}

bool TransferCenter::resume(const QString &transferId, QString *error)
{
    m_store->flush(5000);
    TransferRecord record;
    bool found = false;
    const QList<TransferRecord> all = m_store->transfers();
    for (const TransferRecord &t : all) {
        if (t.id == transferId) {
            record = t;
            found = true;
        }
    }
    QString problem;
    if (!found)
        problem = tr("There is no transfer %1.").arg(transferId.left(8));
    else if (m_running.contains(transferId))
        problem = tr("That transfer is already running.");
    else if (record.state == QLatin1String("done"))
        problem = tr("That transfer has finished.");
    else if (record.machineId.isEmpty())
        problem = tr("The machine of that transfer was removed.");
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    if (isDownload(record))
        startDownload(record);
    else
        start(record);
    return true;
}

void TransferCenter::begin(TransferRecord &record)
{
    record.state = QStringLiteral("running");
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.endedAt = {};
    m_store->upsertTransfer(record);
    m_running.insert(record.id, record);
    m_cancelled.remove(record.id);
    Q_EMIT started(record.id);
}

std::function<void(const TransferProgress &)>
TransferCenter::progressRelay(const QString &transferId)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    // Called on the connection's thread; the signal and the record are updated on this one.
    return [this, id = transferId, clock](const TransferProgress &p) {
        QMetaObject::invokeMethod(this, [this, id, p] {
            Q_EMIT progress(id, p);
            auto it = m_running.find(id);
            if (it == m_running.end())
                return;
            it->bytesTotal = p.bytesTotal;
            it->bytesDone = p.bytesDone;
        });
        if (clock->elapsed() >= kStoreIntervalMs) {
            clock->restart();
            QMetaObject::invokeMethod(this, [this, id] {
                if (const auto it = m_running.constFind(id); it != m_running.constEnd())
                    m_store->upsertTransfer(*it);
            });
        }
    };
}

template <typename Worker, typename Request, typename Report>
void TransferCenter::runTransfer(const TransferRecord &record, const Request &request,
                                 void (TransferCenter::*done)(const QString &, const Report &,
                                                              const SshError &))
{
    const QString id = record.id;
    auto relay = progressRelay(id);
    m_connections->run(
        record.machineId,
        [this, id, request, relay, done](SshSession &session) {
            Worker worker(session);
            worker.setProgressCallback(relay);
            Report report;
            const SshError e = worker.run(request, &report);
            // After a cancel the channel may be half-used: start clean next time.
            if (e.kind == SshErrorKind::Cancelled)
                session.disconnect();
            QMetaObject::invokeMethod(
                this, [this, id, report, e, done] { (this->*done)(id, report, e); });
        },
        [this, id, done](const SshError &e) { (this->*done)(id, Report{}, e); });
}

void TransferCenter::startDownload(TransferRecord record)
{
    begin(record);
    DownloadRequest request;
    request.remotePath = record.remotePath;
    request.localDir = record.localPath;
    runTransfer<Downloader>(record, request, &TransferCenter::onDownloadDone);
}

void TransferCenter::start(TransferRecord record)
{
    begin(record);
    UploadRequest request;
    request.sources = sourcesOf(record);
    request.remoteDir = record.remotePath;
    request.stateDir = stateDirFor(record.machineId);
    request.machineKey = record.machineId;
    request.removeDeleted = m_removeDeleted.contains(record.id);
    runTransfer<Uploader>(record, request, &TransferCenter::onDone);
}

void TransferCenter::cancel(const QString &transferId)
{
    const auto it = m_running.constFind(transferId);
    if (it == m_running.constEnd())
        return;
    m_cancelled.insert(transferId);
    m_connections->cancel(it->machineId);
}

bool TransferCenter::finish(const QString &transferId, qint64 bytesTotal, const SshError &error)
{
    TransferRecord record = m_running.take(transferId);
    if (record.id.isEmpty())
        return false;
    const bool cancelled =
        error.kind == SshErrorKind::Cancelled || m_cancelled.contains(transferId);
    m_cancelled.remove(transferId);
    if (!error)
        m_removeDeleted.remove(transferId);
    record.endedAt = QDateTime::currentDateTimeUtc();
    if (!error) {
        record.state = QStringLiteral("done");
        record.bytesTotal = bytesTotal;
        record.bytesDone = bytesTotal;
    } else {
        record.state = cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
    }
    m_store->upsertTransfer(record);
    if (error && !cancelled) {
        if (isDownload(record))
            m_store->logEvent(QStringLiteral("download-failed"),
                              tr("Download of %1 failed: %2").arg(record.remotePath, error.message),
                              record.machineId);
        else
            m_store->logEvent(QStringLiteral("upload-failed"),
                              tr("Upload to %1 failed: %2").arg(record.remotePath, error.message),
                              record.machineId);
    }
    return true;
}

void TransferCenter::onDone(const QString &transferId, const UploadReport &report,
                            const SshError &error)
{
    if (finish(transferId, report.bytesTotal, error))
        Q_EMIT finished(transferId, report, error);
}

void TransferCenter::onDownloadDone(const QString &transferId, const DownloadReport &report,
                                    const SshError &error)
{
    if (finish(transferId, report.bytesTotal, error))
        Q_EMIT downloadFinished(transferId, report, error);
}

} // namespace td
