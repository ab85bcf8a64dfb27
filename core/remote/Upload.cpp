#include "core/remote/Upload.h"

#include "core/remote/LocalTree.h"
#include "core/remote/RemoteTr.h"
#include "core/remote/RemoteVerify.h"
#include "core/remote/Sha256.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"
#include "core/remote/TarWriter.h"
#include "core/remote/UploadManifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSaveFile>
#include <QSet>
#include <QUuid>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Large reads and large channel writes: per-call overhead (syscalls, libssh bookkeeping) is
// what limits a loopback or LAN transfer, not the bytes.
constexpr qint64 kReadChunk = 1 << 20;
constexpr qint64 kSendBuffer = 1 << 20;
// Arguments per remote mkdir/mv command in the commit script, well under any ARG_MAX.
constexpr qint64 kMaxArgBytes = 64 * 1024;
const QByteArray kStagingDir = ".traindeck-staging";
const QByteArray kFilesDir = "files"; // staged files mirror the tree: staging/files/<path>
const QByteArray kManifestMember = "manifest.new";
const QByteArray kSeparator = QByteArray("\0traindeck-staged\0", 18);

// One file whose content has to reach the remote in this run.
struct Change
{
    LocalFile *file;        // sha256 is empty until hashed (then it is hashed while sent)
    qint64 stagedSize = -1; // size found in the remote staging dir, -1 = absent
    bool resumed = false;
    bool verified = false; // its staged copy was hashed on the remote while the stream ran
};

// Staged files are hashed on the remote while later ones still stream, in batches of at least
// this many bytes (a file counts 4 KiB more than its size), one batch at a time.
constexpr qint64 kVerifyBatchBytes = 64 * 1024 * 1024;

QString statePath(const UploadRequest &r, const char *suffix)
{
    const QByteArray key =
        Sha256::hexOf((r.machineKey + QLatin1Char('\n') + r.remoteDir).toUtf8()).left(32);
    return r.stateDir + QLatin1Char('/') + QString::fromLatin1(key) + QLatin1String(suffix);
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

QByteArray parentOf(const QByteArray &path)
{
    const int slash = path.lastIndexOf('/');
    return slash > 0 ? path.left(slash) : QByteArray(".");
}

// A script line removing a folder when it is empty; a folder with anything in it stays.
QByteArray removeIfEmpty(const QByteArray &folder)
{
    return RemoteCommand("rmdir")
               .arg("--")
               .arg(folder)
               .stderrToNull()
               .orElse(RemoteCommand("true"))
               .toShell() +
           '\n';
}

// Appends "cmd fixed... a b c" lines to script, splitting the variable arguments so that no
// single command line grows past kMaxArgBytes.
void appendBatched(QByteArray *script, const QList<QByteArray> &fixed,
                   const QList<QByteArray> &args, const QList<QByteArray> &tail = {})
{
    qsizetype i = 0;
    while (i < args.size()) {
        RemoteCommand cmd;
        cmd.args(fixed);
        qint64 bytes = 0;
        for (; i < args.size() && (bytes == 0 || bytes + args[i].size() < kMaxArgBytes); ++i) {
            cmd.arg(args[i]);
            bytes += args[i].size() + 3;
        }
        cmd.args(tail);
        *script += cmd.toShell() + '\n';
    }
}

class UploadRun
{
public:
    UploadRun(SshSession &s, const UploadRequest &r, UploadReport *rep,
              const std::function<void(const TransferProgress &)> &cb, int progressIntervalMs)
        : session(s), request(r), report(rep), progressCb(cb),
          buffer(kReadChunk, Qt::Uninitialized), meter(progressIntervalMs)
    {
    }
    SshError run();

private:
    SshError probeRemote(const QByteArray &cachedText, bool withStaging, QByteArray *remoteText,
                         bool *remoteIsCached, QHash<QByteArray, qint64> *staged);
    SshError hashNow(LocalFile &f);
    SshError checkCarriedOver(QList<Change> &changes);
    SshError resumePartial(Change &c);
    SshError streamTar(const QList<Change *> &toSend, const QList<LocalFile> &files,
                       const QList<ManifestEntry> &carried, QByteArray *manifestText);
    SshError commit(const QList<Change> &changes, const QList<QByteArray> &removals,
                    const QByteArray &stagingId);
    QList<QByteArray> deletedHere(const UploadManifest &cached, const UploadManifest &remote,
                                  const QList<LocalFile> &files) const;
    SshError sendFileRange(LocalFile &f, qint64 offset,
                           const std::function<SshError(const char *, qint64)> &out);
    void report_(bool force);

    SshSession &session;
    const UploadRequest &request;
    UploadReport *report;
    const std::function<void(const TransferProgress &)> &progressCb;
    QByteArray dir;
    QByteArray staging; // dir/.traindeck-staging/<transfer-id>
    QByteArray buffer;  // one read buffer for the whole run
    Sha256 hasher;
    TransferProgress progress;
    ProgressMeter meter;
};

void UploadRun::report_(bool force)
{
    if (progressCb && meter.update(&progress, force))
        progressCb(progress);
}

SshError UploadRun::hashNow(LocalFile &f)
{
    if (SshError e = session.checkCancelled())
        return e;
    bool ok = false;
    f.entry.sha256 = sha256OfFile(f.absolutePath, -1, &ok);
    if (!ok)
        return localError(RemoteTr::tr("Could not read %1.").arg(f.absolutePath));
    return {};
}

// One round trip tells what the remote holds: when its manifest is byte-for-byte the one this
// machine committed last (same SHA-256), only "same" comes back and the local copy is used;
// otherwise the manifest itself. With an unfinished transfer, the staged files follow.
SshError UploadRun::probeRemote(const QByteArray &cachedText, bool withStaging,
                                QByteArray *remoteText, bool *remoteIsCached,
                                QHash<QByteArray, qint64> *staged)
{
    const QByteArray manifestPath = dir + '/' + UploadManifest::kRemoteName;
    const QByteArray expected =
        cachedText.isEmpty() ? QByteArray("none") : Sha256::hexOf(cachedText);
    QByteArray script =
        "h=$(" + RemoteCommand("sha256sum").stderrToNull().stdinFrom(manifestPath).toShell() +
        ")\n";
    script += "if [ \"${h%% *}\" = " + shellQuote(expected) + " ]; then echo same; else " +
              RemoteCommand("cat").arg("--").arg(manifestPath).stderrToNull().toShell() + "; fi\n";
    if (withStaging) {
        script += "printf '\\000traindeck-staged\\000'\n";
        script += RemoteCommand("find")
                      .arg(staging + '/' + kFilesDir)
                      .arg("-type")
                      .arg("f")
                      .arg("-printf")
                      .arg("%s %P\\0")
                      .stderrToNull()
                      .toShell() +
                  '\n';
    }
    script += "exit 0\n";
    QByteArray out;
    if (SshError e = session.runChecked(RemoteCommand("sh").arg("-s"), &out, script))
        return e;
    const qsizetype sep = withStaging ? out.indexOf(kSeparator) : out.size();
    if (sep < 0)
        return SshError::make(SshErrorKind::ProtocolError,
                              RemoteTr::tr("Unexpected answer from the remote shell."));
    *remoteIsCached = !cachedText.isEmpty() && out.left(sep) == "same\n";
    *remoteText = *remoteIsCached ? cachedText : out.left(sep);
    if (withStaging) {
        for (const QByteArray &rec : out.mid(sep + kSeparator.size()).split('\0')) {
            const int space = rec.indexOf(' ');
            if (space > 0)
                staged->insert(rec.mid(space + 1), rec.left(space).toLongLong());
        }
    }
    return {};
}

// Streams bytes [offset, size) of f to out while hashing the whole file (the prefix is read for
// the hash only). The bytes hashed are the bytes sent, so the manifest never names content
// that did not travel; a file modified meanwhile fails instead of being committed.
SshError UploadRun::sendFileRange(LocalFile &f, qint64 offset,
                                  const std::function<SshError(const char *, qint64)> &out)
{
    const int fd = ::open(QFile::encodeName(f.absolutePath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return localError(RemoteTr::tr("Could not read %1.").arg(f.absolutePath));
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (f.entry.size > kReadChunk)
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    hasher.reset();
    qint64 pos = 0;
    progress.currentFile = f.entry.path;
    progress.fileTotal = f.entry.size;
    progress.fileDone = offset;
    while (pos < f.entry.size) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(qMin(kReadChunk, f.entry.size - pos)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return localError(RemoteTr::tr("Could not read %1.").arg(f.absolutePath));
        if (n == 0)
            return localError(
                RemoteTr::tr("%1 shrank while it was being uploaded.").arg(f.absolutePath));
        hasher.addData(buffer.constData(), n);
        const qint64 skip = qBound<qint64>(0, offset - pos, qint64(n));
        if (n > skip) {
            if (SshError e = out(buffer.constData() + skip, n - skip))
                return e;
            progress.fileDone += n - skip;
            progress.bytesDone += n - skip;
            report->bytesSent += n - skip;
            report_(false);
        }
        pos += n;
    }
    const QByteArray sha = hasher.hexResult();
    struct stat st;
    const bool same =
        ::fstat(fd, &st) == 0 && st.st_size == f.entry.size &&
        qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec == f.entry.mtimeNs;
    if (!same || (!f.entry.sha256.isEmpty() && sha != f.entry.sha256))
        return localError(RemoteTr::tr("%1 changed while it was being uploaded; upload again.")
                              .arg(f.absolutePath));
    f.entry.sha256 = sha;
    return {};
}

// Files staged complete by an interrupted run did not pass through this run's tar: their
// content is checked with sha256sum on the remote (one command for all of them); a mismatch
// is simply sent again.
SshError UploadRun::checkCarriedOver(QList<Change> &changes)
{
    QList<Change *> whole;
    for (Change &c : changes)
        if (c.stagedSize == c.file->entry.size)
            whole << &c;
    if (whole.isEmpty())
        return {};
    QByteArray script;
    for (Change *c : whole) {
        if (c->file->entry.sha256.isEmpty())
            if (SshError e = hashNow(*c->file))
                return e;
        // One line per file in order, even for a file that vanished meanwhile.
        script += RemoteCommand("sha256sum")
                      .stderrToNull()
                      .stdinFrom(staging + '/' + kFilesDir + '/' + c->file->entry.path.toUtf8())
                      .orElse(RemoteCommand("echo").arg("missing"))
                      .toShell() +
                  '\n';
    }
    QByteArray out;
    if (SshError e = session.runChecked(RemoteCommand("sh").arg("-s"), &out, script))
        return e;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i < whole.size(); ++i) {
        Change *c = whole[i];
        if (i < lines.size() && lines[i].left(64) == c->file->entry.sha256) {
            c->resumed = true;
            c->verified = true; // just hashed on the remote
            ++progress.filesDone;
        } else {
            c->stagedSize = -1;
        }
    }
    return {};
}

SshError UploadRun::resumePartial(Change &c)
{
    LocalFile &f = *c.file;
    const QByteArray path = staging + '/' + kFilesDir + '/' + f.entry.path.toUtf8();
    QByteArray out;
    if (SshError e = session.runChecked(RemoteCommand("sha256sum").stdinFrom(path), &out))
        return e;
    bool ok = false;
    const QByteArray localPrefix = sha256OfFile(f.absolutePath, c.stagedSize, &ok);
    if (!ok || out.left(64) != localPrefix) {
        c.stagedSize = -1; // different content: send it whole in the tar stream
        return {};
    }
    SshError error;
    // tar gave the staged file its final mode, which may lack write permission.
    auto channel = session.openExec(RemoteCommand("chmod").arg("u+w").arg("--").arg(path).andThen(
                                        RemoteCommand("cat").stdoutAppendTo(path)),
                                    &error);
    if (!channel)
        return error;
    if (SshError e = sendFileRange(f, c.stagedSize,
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
    c.stagedSize = f.entry.size;
    c.resumed = true;
    ++report->filesResumed;
    ++progress.filesDone;
    return {};
}

SshError UploadRun::streamTar(const QList<Change *> &toSend, const QList<LocalFile> &files,
                              const QList<ManifestEntry> &carried, QByteArray *manifestText)
{
    SshError error;
    // -p: files get exactly the local mode (no umask), so the commit needs no chmod per file.
    auto channel = session.openExec(RemoteCommand("mkdir")
                                        .arg("-p")
                                        .arg("--")
                                        .arg(staging)
                                        .andThen(RemoteCommand("tar"))
                                        .arg("--no-same-owner")
                                        .arg("-p")
                                        .arg(request.verifyOnRemote ? "-xvf" : "-xf")
                                        .arg("-")
                                        .arg("-C")
                                        .arg(staging),
                                    &error);
    if (!channel)
        return error;

    // tar -v prints a member's name as it starts writing it, one line each (names with a
    // newline are escaped): with n lines seen, the first n - 1 members are complete on the
    // remote and can be hashed there while the rest streams. Fewer lines (another tar) only
    // leave more to the check in commit().
    const QByteArray stagingRel = kStagingDir + '/' + staging.mid(staging.lastIndexOf('/') + 1);
    const QByteArray filesRel = stagingRel + '/' + kFilesDir + '/';
    QList<Change *> members; // in stream order
    qsizetype linesSeen = 0;
    qsizetype verifiedUpTo = 0;
    std::unique_ptr<SshExecChannel> verifier;
    QList<Change *> verifying;
    int batch = 0;
    auto collectVerifier = [&](bool wait) -> SshError {
        if (!verifier)
            return {};
        bool done = false;
        if (wait) {
            if (SshError e = verifier->waitForExit())
                return e;
            done = true;
        } else if (SshError e = verifier->pollExit(&done)) {
            return e;
        }
        if (!done)
            return {};
        const int status = verifier->exitStatus();
        const QByteArray err = verifier->takeStdErr();
        verifier.reset();
        if (SshError e = verifyScriptFailure(status, err))
            return e;
        if (status != 0) // not the script's own failure: leave these to commit()
            return {};
        for (Change *c : std::as_const(verifying))
            c->verified = true;
        verifying.clear();
        return {};
    };
    auto verifyCompleted = [&]() -> SshError {
        if (!request.verifyOnRemote)
            return {};
        linesSeen += channel->takeStdOut().count('\n');
        if (SshError e = collectVerifier(false))
            return e;
        if (verifier)
            return {};
        const qsizetype complete = qMin(members.size(), qMax<qsizetype>(0, linesSeen - 1));
        qint64 bytes = 0;
        for (qsizetype i = verifiedUpTo; i < complete; ++i)
            bytes += members[i]->file->entry.size + 4096;
        if (bytes < kVerifyBatchBytes)
            return {};
        QList<VerifyItem> items;
        verifying.clear();
        for (qsizetype i = verifiedUpTo; i < complete; ++i) {
            const ManifestEntry &e = members[i]->file->entry;
            items.append({e.sha256, filesRel + e.path.toUtf8(), e.size});
            verifying << members[i];
        }
        verifiedUpTo = complete;
        SshError openError;
        verifier = session.openExec(
            RemoteCommand("cd").arg("--").arg(dir).andThen(RemoteCommand("sh").arg("-s")),
            &openError);
        if (!verifier)
            return openError;
        const QByteArray script =
            sha256VerifyScript(items, stagingRel + "/verify-" + QByteArray::number(++batch));
        if (SshError e = verifier->write(script))
            return e;
        return verifier->sendEof();
    };
    // Headers and small files are gathered so the channel sees large writes; large data goes
    // straight through without a copy.
    QByteArray pending;
    pending.reserve(kSendBuffer);
    SshError sinkError;
    auto flush = [&]() -> SshError {
        if (pending.isEmpty())
            return {};
        SshError e = channel->write(pending);
        pending.resize(0);
        return e;
    };
    TarWriter tar([&](const char *d, qint64 n) {
        if (pending.size() + n > kSendBuffer) {
            sinkError = flush();
            if (!sinkError && n >= kSendBuffer / 2)
                sinkError = channel->write(d, n);
            else if (!sinkError)
                pending.append(d, n);
        } else {
            pending.append(d, n);
        }
        return !sinkError;
    });
    auto failed = [&]() {
        return sinkError ? sinkError : localError(RemoteTr::tr("Archive error."));
    };
    for (Change *c : toSend) {
        LocalFile &f = *c->file;
        if (!tar.beginFile(kFilesDir + '/' + f.entry.path.toUtf8(), f.entry.size, f.entry.mtimeNs,
                           f.entry.mode))
            return failed();
        if (SshError e = sendFileRange(f, 0, [&](const char *d, qint64 n) {
                return tar.writeData(d, n) ? SshError{} : failed();
            }))
            return e;
        if (!tar.endFile())
            return failed();
        members << c;
        ++progress.filesDone;
        ++report->filesSent;
        report_(false);
        if (SshError e = verifyCompleted())
            return e;
    }
    // Every hash is known now: the manifest travels last in the same stream.
    UploadManifest manifest;
    manifest.entries.reserve(files.size() + carried.size());
    for (const LocalFile &f : files) {
        if (f.entry.sha256.isEmpty())
            return localError(RemoteTr::tr("Archive error."));
        manifest.entries << f.entry;
    }
    manifest.entries << carried;
    *manifestText = manifest.toJsonLines();
    if (!tar.beginFile(kManifestMember, manifestText->size(), 0, 0600) ||
        !tar.writeData(manifestText->constData(), manifestText->size()) || !tar.endFile() ||
        !tar.finish())
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
    // The batch still being hashed; whatever was not checked yet is checked by commit().
    if (SshError e = collectVerifier(true))
        return e;
    report_(true);
    return {};
}

// The paths to delete on the remote for removeDeleted: listed both in the manifest this
// computer committed last and in the remote's (so TrainDeck put them there), safe relative
// paths, absent from this scan, and with no file or folder at their local place.
QList<QByteArray> UploadRun::deletedHere(const UploadManifest &cached, const UploadManifest &remote,
                                         const QList<LocalFile> &files) const
{
    QSet<QString> scanned;
    for (const LocalFile &f : files)
        scanned.insert(f.entry.path);
    const QHash<QString, ManifestEntry> remoteByPath = remote.byPath();
    // Where a tree path lives here: scanLocalTree's naming, one folder's contents or
    // "<source name>/<path>" for several sources.
    const bool contents = request.sources.size() == 1 && QFileInfo(request.sources.first()).isDir();
    auto localPathOf = [&](const QString &rel) -> QString {
        if (contents)
            return request.sources.first() + QLatin1Char('/') + rel;
        const QString first = rel.section(QLatin1Char('/'), 0, 0);
        for (const QString &source : request.sources) {
            if (QFileInfo(source).fileName() == first)
                return QFileInfo(source).path() + QLatin1Char('/') + rel;
        }
        return {};
    };
    QList<QByteArray> out;
    for (const ManifestEntry &e : cached.entries) {
        if (scanned.contains(e.path) || !remoteByPath.contains(e.path))
            continue;
        const QStringList parts = e.path.split(QLatin1Char('/'));
        if (e.path.startsWith(QLatin1Char('/')) || parts.contains(QStringLiteral("..")) ||
            parts.contains(QStringLiteral(".")) || parts.contains(QString()))
            continue;
        const QString local = localPathOf(e.path);
        if (local.isEmpty() || QFileInfo::exists(local) || QFileInfo(local).isSymLink())
            continue;
        out << e.path.toUtf8();
    }
    return out;
}

// One remote shell script checks every staged file's SHA-256, deletes the removals, moves each
// staged file into place with rename(2) (one mv per destination folder, not per file), then the
// manifest, then removes the staging dir.
SshError UploadRun::commit(const QList<Change> &changes, const QList<QByteArray> &removals,
                           const QByteArray &stagingId)
{
    QByteArray script = "set -e\n";
    script += RemoteCommand("cd").arg("--").arg(dir).toShell() + '\n';
    const QByteArray stagingRel = kStagingDir + '/' + stagingId;
    const QByteArray filesRel = stagingRel + '/' + kFilesDir + '/';
    // The remote hashes every staged file before anything is moved into place: a mismatch
    // leaves the folder untouched (the staged copy is sent again by the next run).
    QList<VerifyItem> verify;
    verify.reserve(changes.size());
    for (const Change &c : changes) {
        if (request.verifyOnRemote && !c.verified)
            verify.append(
                {c.file->entry.sha256, filesRel + c.file->entry.path.toUtf8(), c.file->entry.size});
    }
    script += sha256VerifyScript(verify, stagingRel + "/verify");
    QMap<QByteArray, QList<QByteArray>> byFolder; // destination folder -> staged sources
    QList<QByteArray> parents;
    for (const Change &c : changes) {
        const QByteArray rel = c.file->entry.path.toUtf8();
        const QByteArray folder = parentOf(rel);
        auto it = byFolder.find(folder);
        if (it == byFolder.end()) {
            it = byFolder.insert(folder, {});
            if (folder != ".")
                parents << "./" + folder;
        }
        it->append(filesRel + rel);
        if (c.resumed) // appended to after tar set its mode
            script += RemoteCommand("chmod")
                          .arg(QByteArray::number(c.file->entry.mode & 07777, 8))
                          .arg("--")
                          .arg(filesRel + rel)
                          .toShell() +
                      '\n';
    }
    // Deletions first: a file deleted here may be where a new folder goes.
    if (!removals.isEmpty()) {
        QList<QByteArray> files;
        QSet<QByteArray> folders;
        for (const QByteArray &rel : removals) {
            files << "./" + rel;
            for (QByteArray folder = parentOf(rel); folder != "."; folder = parentOf(folder))
                folders.insert("./" + folder);
        }
        appendBatched(&script, {"rm", "-f", "--"}, files);
        // Folders left empty go too, deepest first; a folder with anything else in it stays.
        QList<QByteArray> deepestFirst(folders.cbegin(), folders.cend());
        std::sort(deepestFirst.begin(), deepestFirst.end(),
                  [](const QByteArray &a, const QByteArray &b) {
                      return a.count('/') != b.count('/') ? a.count('/') > b.count('/') : a < b;
                  });
        for (const QByteArray &folder : std::as_const(deepestFirst))
            script += removeIfEmpty(folder);
    }
    appendBatched(&script, {"mkdir", "-p", "--"}, parents);
    for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it)
        appendBatched(&script, {"mv", "-f", "--"}, it.value(), {"./" + it.key() + '/'});
    script += RemoteCommand("mv")
                  .arg("-f")
                  .arg("--")
                  .arg(stagingRel + '/' + kManifestMember)
                  .arg(QByteArray(UploadManifest::kRemoteName))
                  .toShell() +
              '\n';
    script += RemoteCommand("rm").arg("-rf").arg("--").arg(stagingRel).toShell() + '\n';
    script += removeIfEmpty(kStagingDir);
    RemoteResult result;
    if (SshError e = session.run(RemoteCommand("sh").arg("-s"), &result, script))
        return e;
    if (SshError e = verifyScriptFailure(result.exitStatus, result.stdErr))
        return e;
    if (result.exitStatus != 0)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("Could not move the uploaded files into place: %1")
                                  .arg(QString::fromUtf8(result.stdErr.trimmed())));
    return {};
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

    // The local manifest is the one last committed to this remote dir; it doubles as a stat
    // cache: unchanged size and mtime reuse the hash without reading the file.
    const QString manifestPath = statePath(request, ".manifest");
    const QString pendingPath = statePath(request, ".pending");
    const QByteArray cachedText = readFile(manifestPath);
    UploadManifest cached;
    if (!UploadManifest::fromJsonLines(cachedText, &cached))
        cached.entries.clear();
    const QHash<QString, ManifestEntry> cache = cached.byPath();
    for (LocalFile &f : scan.files) {
        const auto it = cache.constFind(f.entry.path);
        if (it != cache.constEnd() && it->size == f.entry.size && it->mtimeNs == f.entry.mtimeNs)
            f.entry.sha256 = it->sha256;
    }

    QByteArray id = readFile(pendingPath).trimmed();
    const bool unfinished = !id.isEmpty() && !id.contains('/');
    if (!unfinished)
        id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    report->transferId = QString::fromLatin1(id);
    dir = remotePathArgument(request.remoteDir);
    staging = dir + '/' + kStagingDir + '/' + id;

    QByteArray remoteText;
    bool remoteIsCached = false;
    QHash<QByteArray, qint64> staged;
    if (SshError e = probeRemote(cached.entries.isEmpty() ? QByteArray() : cachedText, unfinished,
                                 &remoteText, &remoteIsCached, &staged))
        return e;
    UploadManifest remote;
    if (remoteIsCached)
        remote = cached;
    else if (!UploadManifest::fromJsonLines(remoteText, &remote))
        remote.entries.clear(); // missing or unreadable: nothing is known, everything is sent
    const QHash<QString, ManifestEntry> remoteByPath = remoteIsCached ? cache : remote.byPath();

    // A file is unchanged when the remote manifest has its hash and mode. Unknown hashes are
    // computed up front only where the remote might hold the same content (same size);
    // everything else is hashed while it streams, so its bytes are read once.
    QList<Change> changes;
    for (LocalFile &f : scan.files) {
        const auto it = remoteByPath.constFind(f.entry.path);
        const bool candidate = it != remoteByPath.constEnd() && it->mode == f.entry.mode;
        if (candidate && f.entry.sha256.isEmpty() && it->size == f.entry.size)
            if (SshError e = hashNow(f))
                return e;
        if (candidate && !f.entry.sha256.isEmpty() && it->sha256 == f.entry.sha256) {
            ++report->filesUnchanged;
            continue;
        }
        changes << Change{&f, staged.value(f.entry.path.toUtf8(), -1)};
    }

    const QList<QByteArray> removals =
        request.removeDeleted ? deletedHere(cached, remote, scan.files) : QList<QByteArray>();
    // Files gone from the scan that stay on the remote keep their manifest lines: the manifest
    // describes what TrainDeck put there, so a later mirrored upload can still remove them.
    QList<ManifestEntry> carried;
    {
        QSet<QString> keep;
        for (const LocalFile &f : scan.files)
            keep.insert(f.entry.path);
        for (const QByteArray &r : removals)
            keep.insert(QString::fromUtf8(r));
        for (const ManifestEntry &e : remote.entries) {
            if (!keep.contains(e.path))
                carried << e;
        }
    }
    if (changes.isEmpty() && removals.isEmpty() && !unfinished) {
        UploadManifest manifest;
        manifest.entries.reserve(scan.files.size() + carried.size());
        for (const LocalFile &f : scan.files)
            manifest.entries << f.entry;
        manifest.entries << carried;
        const QByteArray text = manifest.toJsonLines();
        if (text == remoteText) {
            // The remote already matches: nothing to stage, nothing to commit.
            if (text != cachedText && !writeFileAtomically(manifestPath, text))
                return localError(RemoteTr::tr("Could not write to %1.").arg(request.stateDir));
            report_(true);
            return {};
        }
    }

    if (!unfinished && !writeFileAtomically(pendingPath, id + '\n'))
        return localError(RemoteTr::tr("Could not write to %1.").arg(request.stateDir));
    if (SshError e = checkCarriedOver(changes))
        return e;
    for (const Change &c : changes) {
        if (c.resumed)
            continue;
        const bool partial = c.stagedSize > 0 && c.stagedSize < c.file->entry.size;
        progress.bytesTotal += c.file->entry.size - (partial ? c.stagedSize : 0);
        ++progress.filesTotal;
    }
    report_(true);
    QList<Change *> toSend;
    for (Change &c : changes) {
        if (c.resumed)
            continue;
        if (c.stagedSize > 0 && c.stagedSize < c.file->entry.size) {
            const qint64 prefix = c.stagedSize;
            if (SshError e = resumePartial(c))
                return e;
            if (c.resumed)
                continue;
            progress.bytesTotal += prefix; // the staged prefix did not match: sent whole
        }
        toSend << &c;
    }
    QByteArray manifestText;
    if (SshError e = streamTar(toSend, scan.files, carried, &manifestText))
        return e;
    if (SshError e = commit(changes, removals, id))
        return e;
    report->filesRemoved = int(removals.size());
    if (!writeFileAtomically(manifestPath, manifestText))
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
    UploadRun run(m_session, request, report, m_progress, m_progressIntervalMs);
    SshError e = run.run();
    report->elapsedMs = total.elapsedMs();
    return e;
}

} // namespace td
