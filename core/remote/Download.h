#pragma once

#include "core/remote/SshError.h"
#include "core/remote/TarReader.h"
#include "core/remote/TransferProgress.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace td {

class SshSession;

// Writes a tar stream into a target folder, refusing any member that could land outside it:
// absolute paths, ".." components, links of any kind, devices, and paths whose existing
// parent folders resolve elsewhere. Files are written as "<name>.part" and renamed when whole.
class SafeTarExtractor : public TarReader::Handler
{
public:
    explicit SafeTarExtractor(const QString &targetDir);
    bool feed(const char *data, qint64 size) { return m_reader.feed(data, size); }
    bool isFinished() const { return m_reader.isFinished(); }
    SshError error() const;
    void setDataCallback(std::function<void(const QString &path, qint64 bytes)> cb)
    {
        m_onData = std::move(cb);
    }
    int filesWritten() const { return m_files; }

    bool beginEntry(const TarReader::Entry &entry) override;
    bool entryData(const char *data, qint64 size) override;
    bool endEntry() override;

    // A member name as a safe relative path, or empty when it must be refused.
    static QString safeRelativePath(const QByteArray &name);

private:
    bool refuse(const QString &why);

    TarReader m_reader{this};
    QString m_target; // canonical
    std::unique_ptr<QFile> m_file;
    QString m_finalPath;
    QString m_currentRel;
    qint64 m_mtime = 0;
    SshError m_error;
    int m_files = 0;
    std::function<void(const QString &, qint64)> m_onData;
};

struct DownloadRequest
{
    // A folder (all of it lands in localDir) or one file (lands in localDir under its name);
    // absolute, or relative to the remote home ("~/" accepted).
    QString remotePath;
    QString localDir;
};

struct DownloadReport
{
    int filesTotal = 0;
    int filesSent = 0;      // came in the tar stream
    int filesUnchanged = 0; // already complete locally (same size and modification time)
    int filesResumed = 0;   // continued from a local .part file
    qint64 bytesTotal = 0;  // size of every remote file, unchanged ones included
    qint64 bytesReceived = 0;
    qint64 elapsedMs = 0;
    // Files that changed while they were read (a running job's log): what arrived is a
    // consistent earlier version; the next download fetches the newer one.
    QStringList filesChanging;
};

// Downloads as a tar stream from "tar -cf -" on the remote, parsed here (see SafeTarExtractor),
// with progress; an interrupted download resumes from the .part files it left once the remote
// file's prefix is shown to hold the same bytes (SHA-256 on both sides).
class Downloader
{
public:
    explicit Downloader(SshSession &session) : m_session(session) {}
    void setProgressCallback(std::function<void(const TransferProgress &)> cb)
    {
        m_progress = std::move(cb);
    }
    SshError run(const DownloadRequest &request, DownloadReport *report);

private:
    SshSession &m_session;
    std::function<void(const TransferProgress &)> m_progress;
};

} // namespace td
