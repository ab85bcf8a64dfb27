#include "core/remote/Download.h"

#include "core/remote/RemoteTr.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"
#include "core/remote/Upload.h"
#include "core/remote/UploadManifest.h"

#include <QDateTime>
#include <QFileInfo>

#include <cstdio>

namespace td {

SafeTarExtractor::SafeTarExtractor(const QString &targetDir)
{
    QDir().mkpath(targetDir);
    m_target = QFileInfo(targetDir).canonicalFilePath();
}

SshError SafeTarExtractor::error() const
{
    if (m_error)
        return m_error;
    if (!m_reader.error().isEmpty())
        return SshError::make(SshErrorKind::ProtocolError, m_reader.error());
    return {};
}

bool SafeTarExtractor::refuse(const QString &why)
{
    m_error = SshError::make(SshErrorKind::ProtocolError, why);
    return false;
}

QString SafeTarExtractor::safeRelativePath(const QByteArray &name)
{
    if (name.isEmpty() || name.startsWith('/') || name.contains('\0'))
        return {};
    QStringList parts;
    for (const QByteArray &part : name.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..")
            return {};
        parts << QString::fromUtf8(part);
    }
    return parts.join(QLatin1Char('/'));
}

bool SafeTarExtractor::beginEntry(const TarReader::Entry &entry)
{
    const QString rel = safeRelativePath(entry.path);
    const QString shown = QString::fromUtf8(entry.path);
    if (rel.isEmpty())
        return (entry.path == "." || entry.path == "./") && entry.type == '5'
                   ? true
                   : refuse(RemoteTr::tr("Refused the archive member “%1”: it would be written "
                                         "outside the download folder.")
                                .arg(shown));
    if (entry.type != '0' && entry.type != '7' && entry.type != '5')
        return refuse(RemoteTr::tr("Refused the archive member “%1”: links and special files "
                                   "are not downloaded, they could point outside the download "
                                   "folder.")
                          .arg(shown));
    const QString path = m_target + QLatin1Char('/') + rel;
    const QString parent = entry.type == '5' ? path : QFileInfo(path).absolutePath();
    QDir().mkpath(parent);
    // An existing folder could be a symlink to elsewhere: resolve and check.
    const QString canonicalParent = QFileInfo(parent).canonicalFilePath();
    if (canonicalParent != m_target && !canonicalParent.startsWith(m_target + QLatin1Char('/')))
        return refuse(RemoteTr::tr("Refused the archive member “%1”: its folder leads outside "
                                   "the download folder.")
                          .arg(shown));
    if (entry.type == '5')
        return true;
    if (QFileInfo(path).isSymLink())
        return refuse(RemoteTr::tr("Refused to overwrite the link %1.").arg(path));
    m_finalPath = path;
    m_currentRel = rel;
    m_mtime = entry.mtimeSec;
    m_file = std::make_unique<QFile>(path + QStringLiteral(".part"));
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return refuse(RemoteTr::tr("Could not write %1.").arg(m_file->fileName()));
    // Unix mode bits to Qt's layout (owner twice: "Owner" and "User"); owner can always write.
    const int m = entry.mode | 0600;
    const int owner = (m >> 6) & 7;
    m_file->setPermissions(
        QFileDevice::Permissions((owner << 12) | (owner << 8) | (((m >> 3) & 7) << 4) | (m & 7)));
    return true;
}

bool SafeTarExtractor::entryData(const char *data, qint64 size)
{
    if (!m_file || m_file->write(data, size) != size)
        return refuse(RemoteTr::tr("Could not write %1.").arg(m_finalPath));
    if (m_onData)
        m_onData(m_currentRel, size);
    return true;
}

bool SafeTarExtractor::endEntry()
{
    if (!m_file)
        return true;
    // The remote time is kept: an unchanged size and time mean "already downloaded" next run.
    m_file->flush();
    m_file->setFileTime(QDateTime::fromSecsSinceEpoch(m_mtime), QFileDevice::FileModificationTime);
    m_file->close();
    // rename(2) replaces an older copy in one step: the final name never holds a partial file.
    if (::rename(QFile::encodeName(m_file->fileName()).constData(),
                 QFile::encodeName(m_finalPath).constData()) != 0)
        return refuse(RemoteTr::tr("Could not write %1.").arg(m_finalPath));
    m_file.reset();
    ++m_files;
    return true;
}

namespace {

struct RemoteFile
{
    QByteArray path; // "./a/b"
    qint64 size = 0;
    qint64 mtime = 0;
};

} // namespace

SshError Downloader::run(const DownloadRequest &request, DownloadReport *report)
{
    *report = DownloadReport{};
    ProgressMeter meter;
    TransferProgress progress;
    // One round trip tells whether the path is a folder or a file and lists what to fetch.
    const QByteArray target = remotePathArgument(request.remotePath);
    const QByteArray script = "p=" + shellQuote(target) +
                              "\n"
                              "if [ -d \"$p\" ]; then echo d; exec find \"$p/.\" -type f -printf "
                              "'%s %T@ %P\\0'\n"
                              "elif [ -f \"$p\" ]; then echo f; exec find \"$p\" -maxdepth 0 "
                              "-printf '%s %T@ %f\\0'\n"
                              "else exit 3; fi\n";
    RemoteResult probe;
    if (SshError e = m_session.run(RemoteCommand("sh").arg("-s"), &probe, script))
        return e;
    if (probe.exitStatus == 3)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("There is no file or folder “%1” on the machine.")
                                  .arg(request.remotePath));
    const bool single = probe.stdOut.startsWith("f\n");
    if (probe.exitStatus != 0 || !(single || probe.stdOut.startsWith("d\n")))
        return SshError::make(
            SshErrorKind::RemoteCommandFailed,
            RemoteTr::tr("Could not list %1 on the machine: %2")
                .arg(request.remotePath, QString::fromUtf8(probe.stdErr.trimmed())));
    // A single file is fetched from its folder under its own name.
    QByteArray dir = target;
    if (single) {
        const qsizetype slash = target.lastIndexOf('/');
        dir = slash > 0 ? target.left(slash) : QByteArray(slash == 0 ? "/" : ".");
    }
    const QByteArray listing = probe.stdOut.mid(2);

    QList<RemoteFile> wanted;
    for (const QByteArray &rec : listing.split('\0')) {
        const int s1 = rec.indexOf(' ');
        const int s2 = rec.indexOf(' ', s1 + 1);
        if (s1 <= 0 || s2 <= 0)
            continue;
        RemoteFile f{rec.mid(s2 + 1), rec.left(s1).toLongLong(),
                     qint64(rec.mid(s1 + 1, s2 - s1 - 1).toDouble())};
        ++report->filesTotal;
        report->bytesTotal += f.size;
        const QString rel = SafeTarExtractor::safeRelativePath(f.path);
        if (rel.isEmpty())
            continue;
        const QFileInfo local(request.localDir + QLatin1Char('/') + rel);
        if (local.exists() && local.size() == f.size &&
            local.lastModified().toSecsSinceEpoch() == f.mtime) {
            ++report->filesUnchanged;
            continue;
        }
        wanted << f;
        progress.bytesTotal += f.size;
        ++progress.filesTotal;
    }

    SafeTarExtractor extractor(request.localDir);
    extractor.setDataCallback([&](const QString &path, qint64 n) {
        progress.currentFile = path;
        progress.filesDone = report->filesResumed + extractor.filesWritten();
        progress.bytesDone += n;
        report->bytesReceived += n;
        if (m_progress && meter.update(&progress, false))
            m_progress(progress);
    });

    // Resume: a .part left by an interrupted run continues with the remote file's tail.
    QList<RemoteFile> whole;
    for (const RemoteFile &f : wanted) {
        const QString rel = SafeTarExtractor::safeRelativePath(f.path);
        const QString partPath =
            request.localDir + QLatin1Char('/') + rel + QStringLiteral(".part");
        const qint64 have = QFileInfo(partPath).size();
        if (!QFileInfo::exists(partPath) || have <= 0 || have >= f.size) {
            whole << f;
            continue;
        }
        // The remote file may have been rewritten since (a checkpoint saved again): the local
        // prefix is kept only when it is byte-for-byte the remote one.
        QByteArray remotePrefix;
        if (SshError e = m_session.runChecked(RemoteCommand("head")
                                                  .arg("-c")
                                                  .arg(QByteArray::number(have))
                                                  .arg("--")
                                                  .arg(dir + '/' + f.path)
                                                  .pipeTo(RemoteCommand("sha256sum")),
                                              &remotePrefix))
            return e;
        bool readable = false;
        const QByteArray localPrefix = sha256OfFile(partPath, -1, &readable);
        if (!readable || remotePrefix.left(64) != localPrefix) {
            QFile::remove(partPath);
            whole << f;
            continue;
        }
        QFile part(partPath);
        if (!part.open(QIODevice::Append))
            return SshError::make(SshErrorKind::LocalIoError,
                                  RemoteTr::tr("Could not write %1.").arg(partPath));
        SshError error;
        // Exactly the listed size: a file still growing (a log) ends where it was listed.
        auto ch = m_session.openExec(
            RemoteCommand("tail")
                .arg("-c")
                .arg(QByteArray("+") + QByteArray::number(have + 1))
                .arg("--")
                .arg(dir + '/' + f.path)
                .pipeTo(RemoteCommand("head").arg("-c").arg(QByteArray::number(f.size - have))),
            &error);
        if (!ch)
            return error;
        progress.bytesDone += have;
        ch->setSink([&](const char *d, int n, bool isErr) {
            if (isErr)
                return true;
            progress.bytesDone += n;
            report->bytesReceived += n;
            return part.write(d, n) == n;
        });
        if (SshError e = ch->sendEof())
            return e;
        if (SshError e = ch->waitForExit())
            return e;
        part.flush();
        part.setFileTime(QDateTime::fromSecsSinceEpoch(f.mtime), QFileDevice::FileModificationTime);
        part.close();
        if (ch->exitStatus() != 0 || part.size() != f.size)
            return SshError::make(SshErrorKind::RemoteCommandFailed,
                                  RemoteTr::tr("Could not resume %1.").arg(rel));
        const QString finalPath = request.localDir + QLatin1Char('/') + rel;
        if (::rename(QFile::encodeName(partPath).constData(),
                     QFile::encodeName(finalPath).constData()) != 0)
            return SshError::make(SshErrorKind::LocalIoError,
                                  RemoteTr::tr("Could not write %1.").arg(finalPath));
        ++report->filesResumed;
    }
    if (!whole.isEmpty()) {
        SshError error;
        auto ch = m_session.openExec(RemoteCommand("tar")
                                         .arg("-C")
                                         .arg(dir)
                                         .arg("--format=pax")
                                         .arg("--null")
                                         .arg("-T")
                                         .arg("-")
                                         .arg("-cf")
                                         .arg("-"),
                                     &error);
        if (!ch)
            return error;
        QByteArray stderrText;
        ch->setSink([&](const char *d, int n, bool isErr) {
            if (isErr) {
                stderrText.append(d, qMin(n, 4096));
                return true;
            }
            if (extractor.feed(d, n))
                return true;
            ch->setSinkError(extractor.error());
            return false;
        });
        QByteArray names;
        for (const RemoteFile &f : whole)
            names += "./" + f.path + '\0';
        if (SshError e = ch->write(names))
            return e;
        if (SshError e = ch->sendEof())
            return e;
        if (SshError e = ch->waitForExit())
            return e;
        // GNU tar exits 1 when a file changed while it was read (a running job's log): the
        // member still holds exactly the bytes its header announced, a consistent prefix, and
        // the next download fetches the newer version.
        bool onlyChanged = ch->exitStatus() == 1 && !stderrText.trimmed().isEmpty();
        for (const QByteArray &line : stderrText.trimmed().split('\n')) {
            if (!line.contains("file changed as we read it"))
                onlyChanged = false;
            else
                report->filesChanging << QString::fromUtf8(line.left(line.lastIndexOf(':')))
                                             .section(QStringLiteral(": "), 1);
        }
        if ((ch->exitStatus() != 0 && !onlyChanged) || !extractor.isFinished())
            return SshError::make(SshErrorKind::RemoteCommandFailed,
                                  RemoteTr::tr("The remote tar failed: %1")
                                      .arg(QString::fromUtf8(stderrText.trimmed())));
        report->filesSent = extractor.filesWritten();
    }
    report->elapsedMs = meter.elapsedMs();
    progress.filesDone = progress.filesTotal;
    if (m_progress) {
        meter.update(&progress, true);
        m_progress(progress);
    }
    return {};
}

} // namespace td
