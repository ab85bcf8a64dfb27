#include "core/remote/Upload.h"

#include "core/remote/LocalTree.h"
#include "core/remote/RemoteTr.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"
#include "core/remote/TarWriter.h"
#include "core/remote/UploadManifest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSet>
#include <QUuid>

#include <map>

namespace td {

QByteArray remotePathArgument(const QString &path)
{
    QString p = path;
    if (p == QLatin1String("~"))
        p = QStringLiteral(".");
    else if (p.startsWith(QLatin1String("~/")))
        p = p.mid(2);
    // A relative path gets "./" so that a name starting with '-' is never read as an option.
    if (!p.startsWith(QLatin1Char('/')) && !p.startsWith(QLatin1String("./")))
        p = QStringLiteral("./") + p;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p.toUtf8();
}

namespace {

constexpr qint64 kReadChunk = 1 << 20;
constexpr qint64 kSendBuffer = 256 * 1024;
const QByteArray kStagingDir = ".traindeck-staging";
const QByteArray kManifestMember = "manifest.new";

struct Blob
{
    QByteArray sha;
    LocalFile file;         // the first local file with this content
    qint64 stagedSize = -1; // size found in the remote staging dir, -1 = absent
};

QString stateKey(const UploadRequest &r)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((r.machineKey + QLatin1Char('\n') + r.remoteDir).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(32));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFileAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit();
}

SshError localError(const QString &message)
{
    return SshError::make(SshErrorKind::LocalIoError, message);
}

class UploadRun
{
public:
    UploadRun(SshSession &s, const UploadRequest &r, UploadReport *rep,
              const std::function<void(const TransferProgress &)> &cb)
        : session(s), request(r), report(rep), progressCb(cb)
    {
    }
    SshError run();

private:
    SshError hashLocal(QList<LocalFile> &files);
    SshError readRemoteState(UploadManifest *remote, QHash<QByteArray, qint64> *staged);
    SshError resumePartial(Blob &blob);
    SshError streamTar(const QList<Blob *> &toSend, const QByteArray &manifest);
    SshError verifyStaged(const QList<QByteArray> &shas);
    SshError commit(const QList<LocalFile> &files, const QSet<QByteArray> &changed);
    SshError sendFileRange(const LocalFile &f, qint64 offset, const QByteArray &expectSha,
                           const std::function<SshError(const char *, qint64)> &out);
    void report_(bool force);

    SshSession &session;
    const UploadRequest &request;
    UploadReport *report;
    const std::function<void(const TransferProgress &)> &progressCb;
    QByteArray dir;
    QByteArray staging;
    TransferProgress progress;
    ProgressMeter meter;
};

void UploadRun::report_(bool force)
{
    if (progressCb && meter.update(&progress, force))
        progressCb(progress);
}

SshError UploadRun::hashLocal(QList<LocalFile> &files)
{
    // The local manifest doubles as a stat cache: unchanged size and mtime reuse the hash.
    UploadManifest cached;
    UploadManifest::fromJsonLines(readFile(request.stateDir + QLatin1Char('/') + stateKey(request) +
                                           QStringLiteral(".manifest")),
                                  &cached);
    const QHash<QString, ManifestEntry> cache = cached.byPath();
    for (LocalFile &f : files) {
        const auto it = cache.constFind(f.entry.path);
        if (it != cache.constEnd() && it->size == f.entry.size && it->mtimeNs == f.entry.mtimeNs) {
            f.entry.sha256 = it->sha256;
            continue;
        }
        if (SshError e = session.checkCancelled())
            return e;
        bool ok = false;
        f.entry.sha256 = sha256OfFile(f.absolutePath, -1, &ok);
        if (!ok)
            return localError(RemoteTr::tr("Could not read %1.").arg(f.absolutePath));
    }
    return {};
}

SshError UploadRun::readRemoteState(UploadManifest *remote, QHash<QByteArray, qint64> *staged)
{
    if (SshError e = session.runChecked(RemoteCommand("mkdir").arg("-p").arg("--").arg(staging)))
        return e;
    RemoteResult r;
    if (SshError e = session.run(
            RemoteCommand("cat").arg("--").arg(dir + '/' + UploadManifest::kRemoteName), &r))
        return e;
    // A missing or unreadable manifest means "nothing known": everything is sent.
    if (r.exitStatus != 0 || !UploadManifest::fromJsonLines(r.stdOut, remote))
        remote->entries.clear();
    QByteArray listing;
    if (SshError e = session.runChecked(RemoteCommand("find")
                                            .arg(staging)
                                            .arg("-maxdepth")
                                            .arg("1")
                                            .arg("-type")
                                            .arg("f")
                                            .arg("-printf")
                                            .arg("%s %f\\n"),
                                        &listing))
        return e;
    for (const QByteArray &line : listing.split('\n')) {
        const int space = line.indexOf(' ');
        if (space > 0)
            staged->insert(line.mid(space + 1), line.left(space).toLongLong());
    }
    return {};
}

SshError UploadRun::sendFileRange(const LocalFile &f, qint64 offset, const QByteArray &expectSha,
                                  const std::function<SshError(const char *, qint64)> &out)
{
    QFile file(f.absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return localError(RemoteTr::tr("Could not read %1.").arg(f.absolutePath));
    // The whole file is hashed while it is sent (the skipped prefix is read for the hash only):
    // a file modified since planning must not be committed under its old hash.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buf(kReadChunk, Qt::Uninitialized);
    qint64 pos = 0;
    progress.currentFile = f.entry.path;
    progress.fileTotal = f.entry.size;
    progress.fileDone = offset;
    while (pos < f.entry.size) {
        const qint64 n = file.read(buf.data(), qMin<qint64>(buf.size(), f.entry.size - pos));
        if (n <= 0)
            return localError(
                RemoteTr::tr("%1 shrank while it was being uploaded.").arg(f.absolutePath));
        hash.addData(QByteArrayView(buf.constData(), n));
        const qint64 skip = qBound<qint64>(0, offset - pos, n);
        if (n > skip) {
            if (SshError e = out(buf.constData() + skip, n - skip))
                return e;
            progress.fileDone += n - skip;
            progress.bytesDone += n - skip;
            report->bytesSent += n - skip;
            report_(false);
        }
        pos += n;
    }
    if (hash.result().toHex() != expectSha)
        return localError(RemoteTr::tr("%1 changed while it was being uploaded; upload again.")
                              .arg(f.absolutePath));
    return {};
}

SshError UploadRun::resumePartial(Blob &blob)
{
    const QByteArray path = staging + '/' + blob.sha;
    QByteArray out;
    if (SshError e = session.runChecked(RemoteCommand("sha256sum").arg("--").arg(path), &out))
        return e;
    bool ok = false;
    const QByteArray localPrefix = sha256OfFile(blob.file.absolutePath, blob.stagedSize, &ok);
    if (!ok || out.left(64) != localPrefix) {
        blob.stagedSize = -1; // different content: send it whole in the tar stream
        return {};
    }
    SshError error;
    auto channel = session.openExec(RemoteCommand("cat").stdoutAppendTo(path), &error);
    if (!channel)
        return error;
    if (SshError e = sendFileRange(blob.file, blob.stagedSize, blob.sha,
                                   [&](const char *d, qint64 n) { return channel->write(d, n); }))
        return e;
    if (SshError e = channel->sendEof())
        return e;
    if (SshError e = channel->waitForExit())
        return e;
    if (channel->exitStatus() != 0)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("Could not append to a staged file: %1")
                                  .arg(QString::fromUtf8(channel->takeStdErr())));
    blob.stagedSize = blob.file.entry.size;
    ++report->filesResumed;
    return {};
}

SshError UploadRun::streamTar(const QList<Blob *> &toSend, const QByteArray &manifest)
{
    SshError error;
    auto channel = session.openExec(
        RemoteCommand("tar").arg("--no-same-owner").arg("-xf").arg("-").arg("-C").arg(staging),
        &error);
    if (!channel)
        return error;
    // Headers are small: gather output so the channel sees large writes.
    QByteArray pending;
    SshError sinkError;
    auto flush = [&]() -> SshError {
        if (pending.isEmpty())
            return {};
        SshError e = channel->write(pending);
        pending.clear();
        return e;
    };
    TarWriter tar([&](const char *d, qint64 n) {
        pending.append(d, n);
        if (pending.size() >= kSendBuffer)
            sinkError = flush();
        return !sinkError;
    });
    auto failed = [&]() {
        return sinkError ? sinkError : localError(RemoteTr::tr("Archive error."));
    };
    for (Blob *blob : toSend) {
        if (!tar.beginFile(blob->sha, blob->file.entry.size, blob->file.entry.mtimeNs, 0600))
            return failed();
        if (SshError e = sendFileRange(blob->file, 0, blob->sha, [&](const char *d, qint64 n) {
                return tar.writeData(d, n) ? SshError{} : failed();
            }))
            return e;
        if (!tar.endFile())
            return failed();
        ++progress.filesDone;
        ++report->filesSent;
        report_(true);
    }
    if (!tar.beginFile(kManifestMember, manifest.size(), 0, 0600) ||
        !tar.writeData(manifest.constData(), manifest.size()) || !tar.endFile() || !tar.finish())
        return failed();
    if (SshError e = flush())
        return e;
    if (SshError e = channel->sendEof())
        return e;
    if (SshError e = channel->waitForExit())
        return e;
    if (channel->exitStatus() != 0)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("The remote tar failed (exit status %1): %2")
                                  .arg(channel->exitStatus())
                                  .arg(QString::fromUtf8(channel->takeStdErr().trimmed())));
    return {};
}

SshError UploadRun::verifyStaged(const QList<QByteArray> &shas)
{
    if (shas.isEmpty())
        return {};
    QByteArray out;
    const QByteArray names = shas.join('\n') + '\n';
    if (SshError e = session.runChecked(RemoteCommand("cd").arg("--").arg(staging).andThen(
                                            RemoteCommand("xargs").arg("sha256sum").arg("--")),
                                        &out, names))
        return e;
    QSet<QByteArray> verified;
    for (const QByteArray &line : out.split('\n')) {
        // "<hash>  <name>": the staged name is the expected hash.
        if (line.size() >= 66 && line.left(64) == line.mid(66).trimmed())
            verified.insert(line.left(64));
    }
    QList<QByteArray> bad;
    for (const QByteArray &sha : shas)
        if (!verified.contains(sha))
            bad << sha;
    if (bad.isEmpty())
        return {};
    RemoteCommand rm("rm");
    rm.arg("-f").arg("--");
    for (const QByteArray &sha : bad)
        rm.arg(staging + '/' + sha);
    session.runChecked(rm);
    return SshError::make(SshErrorKind::ProtocolError,
                          RemoteTr::tr("%n staged file(s) did not match their checksum on the "
                                       "remote side; they will be sent again.",
                                       nullptr, int(bad.size())));
}

SshError UploadRun::commit(const QList<LocalFile> &files, const QSet<QByteArray> &changed)
{
    QByteArray script = "set -e\n";
    script += RemoteCommand("cd").arg("--").arg(dir).toShell() + '\n';
    const QByteArray stagingRel = kStagingDir + '/' + staging.mid(staging.lastIndexOf('/') + 1);
    QSet<QString> parents;
    QHash<QByteArray, int> usesLeft;
    for (const LocalFile &f : files)
        if (changed.contains(f.entry.path.toUtf8()))
            usesLeft[f.entry.sha256] += 1;
    int tmpIndex = 0;
    for (const LocalFile &f : files) {
        if (!changed.contains(f.entry.path.toUtf8()))
            continue;
        const QByteArray dest = "./" + f.entry.path.toUtf8();
        const int slash = f.entry.path.lastIndexOf(QLatin1Char('/'));
        if (slash > 0 && !parents.contains(f.entry.path.left(slash))) {
            parents.insert(f.entry.path.left(slash));
            script += RemoteCommand("mkdir")
                          .arg("-p")
                          .arg("--")
                          .arg("./" + f.entry.path.left(slash).toUtf8())
                          .toShell() +
                      '\n';
        }
        const QByteArray blob = stagingRel + '/' + f.entry.sha256;
        const QByteArray mode = QByteArray::number(f.entry.mode & 07777, 8);
        QByteArray source = blob;
        if (--usesLeft[f.entry.sha256] > 0) {
            // Same content at several paths: copy within staging, so every final step is a rename.
            source = stagingRel + "/copy-" + QByteArray::number(tmpIndex++);
            script += RemoteCommand("cp").arg("--").arg(blob).arg(source).toShell() + '\n';
        }
        script += RemoteCommand("chmod").arg(mode).arg("--").arg(source).toShell() + '\n';
        script += RemoteCommand("mv").arg("-fT").arg("--").arg(source).arg(dest).toShell() + '\n';
    }
    script += RemoteCommand("mv")
                  .arg("-fT")
                  .arg("--")
                  .arg(stagingRel + '/' + kManifestMember)
                  .arg(QByteArray(UploadManifest::kRemoteName))
                  .toShell() +
              '\n';
    script += RemoteCommand("rm").arg("-rf").arg("--").arg(stagingRel).toShell() + '\n';
    script += RemoteCommand("rmdir")
                  .arg("--")
                  .arg(kStagingDir)
                  .stderrToNull()
                  .orElse(RemoteCommand("true"))
                  .toShell() +
              '\n';
    return session.runChecked(RemoteCommand("sh").arg("-s"), nullptr, script);
}

SshError UploadRun::run()
{
    LocalTreeScan scan = scanLocalTree(request.sources);
    if (!scan.error.isEmpty())
        return localError(scan.error);
    report->skipped = scan.skipped;
    report->filesTotal = int(scan.files.size());
    for (const LocalFile &f : scan.files)
        report->bytesTotal += f.entry.size;
    QDir().mkpath(request.stateDir);
    if (SshError e = hashLocal(scan.files))
        return e;

    const QString key = stateKey(request);
    const QString pendingPath =
        request.stateDir + QLatin1Char('/') + key + QStringLiteral(".pending");
    QByteArray id = readFile(pendingPath).trimmed();
    if (id.isEmpty() || id.contains('/')) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        if (!writeFileAtomically(pendingPath, id + '\n'))
            return localError(RemoteTr::tr("Could not write to %1.").arg(request.stateDir));
    }
    report->transferId = QString::fromLatin1(id);
    dir = remotePathArgument(request.remoteDir);
    staging = dir + '/' + kStagingDir + '/' + id;

    UploadManifest remote;
    QHash<QByteArray, qint64> staged;
    if (SshError e = readRemoteState(&remote, &staged))
        return e;
    const QHash<QString, ManifestEntry> remoteByPath = remote.byPath();

    UploadManifest manifest;
    QSet<QByteArray> changed;
    std::map<QByteArray, Blob> blobs;
    for (const LocalFile &f : scan.files) {
        manifest.entries << f.entry;
        const auto it = remoteByPath.constFind(f.entry.path);
        if (it != remoteByPath.constEnd() && it->sha256 == f.entry.sha256 &&
            it->mode == f.entry.mode) {
            ++report->filesUnchanged;
            continue;
        }
        changed.insert(f.entry.path.toUtf8());
        if (blobs.find(f.entry.sha256) == blobs.end())
            blobs[f.entry.sha256] = Blob{f.entry.sha256, f, staged.value(f.entry.sha256, -1)};
    }

    QList<Blob *> partial, toSend;
    for (auto &[sha, blob] : blobs) {
        if (blob.stagedSize == blob.file.entry.size)
            continue; // finished in an earlier attempt; verified below with the rest
        if (blob.stagedSize > 0 && blob.stagedSize < blob.file.entry.size)
            partial << &blob;
        else
            toSend << &blob;
        progress.bytesTotal += blob.file.entry.size - qMax<qint64>(0, blob.stagedSize);
        ++progress.filesTotal;
    }
    report_(true);
    for (Blob *blob : partial) {
        if (SshError e = resumePartial(*blob))
            return e;
        if (blob->stagedSize < 0) {
            progress.bytesTotal += blob->file.entry.size;
            toSend << blob;
        } else {
            ++progress.filesDone;
        }
    }
    const QByteArray manifestText = manifest.toJsonLines();
    if (SshError e = streamTar(toSend, manifestText))
        return e;
    QList<QByteArray> shas;
    for (const auto &[sha, blob] : blobs)
        shas << sha;
    if (SshError e = verifyStaged(shas))
        return e;
    if (SshError e = commit(scan.files, changed))
        return e;
    if (!writeFileAtomically(
            request.stateDir + QLatin1Char('/') + key + QStringLiteral(".manifest"), manifestText))
        return localError(RemoteTr::tr("Could not write to %1.").arg(request.stateDir));
    QFile::remove(pendingPath);
    report_(true);
    return {};
}

} // namespace

SshError Uploader::run(const UploadRequest &request, UploadReport *report)
{
    *report = UploadReport{};
    ProgressMeter total;
    UploadRun run(m_session, request, report, m_progress);
    SshError e = run.run();
    report->elapsedMs = total.elapsedMs();
    return e;
}

} // namespace td
