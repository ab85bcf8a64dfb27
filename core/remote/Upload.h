#pragma once

#include "core/remote/SshError.h"
#include "core/remote/TransferProgress.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace td {

class SshSession;

struct UploadRequest
{
    QStringList sources; // local files and folders (see scanLocalTree)
    QString remoteDir;   // absolute, or relative to the remote home ("~/" is accepted)
    // Local state: the manifest per (machine, remote dir) and the id of an unfinished transfer.
    QString stateDir;
    QString machineKey; // any stable id of the machine, e.g. its database id
    // Hash every file on the remote after it is written, before anything is moved into place
    // (in batches while later files still stream). Off only where the remote's CPU is scarce
    // and the link fast: SSH's integrity protection still covers the bytes on the way.
    bool verifyOnRemote = true;
    // Mirror deletions: a file that an earlier upload from this computer put into remoteDir and
    // that no longer exists here is deleted there too. Never a file TrainDeck did not upload,
    // nor one that still exists here (ignored now, or outside today's sources).
    bool removeDeleted = false;
};

struct UploadReport
{
    QString transferId;
    int filesTotal = 0;     // files in the tree after ignore rules
    int filesSent = 0;      // files whose content travelled in this run
    int filesUnchanged = 0; // already on the remote with the same hash
    int filesResumed = 0;   // partly sent before, continued from the remote staging size
    int filesRemoved = 0;   // deleted on the remote because they were deleted here
    qint64 bytesSent = 0;   // payload bytes sent in this run
    qint64 bytesTotal = 0;  // size of the whole tree
    qint64 elapsedMs = 0;
    QStringList skipped;
};

// Uploads a tree with delta sync (SHA-256 manifest kept locally and remotely), as one streamed
// PAX tar into <remoteDir>/.traindeck-staging/<transfer-id>/files/<path> on an exec channel
// running "tar --no-same-owner -p -xf -". Files are hashed while they stream (read once); files
// staged by an earlier, interrupted run are checked with sha256sum on the remote. One remote
// script then renames the staged files into place and replaces the manifest last: an
// interruption never leaves a file half-replaced, and the next run resumes (finished files are
// kept, a cut-off file continues from its staged size after a prefix hash check). An unchanged
// tree costs one remote command: the local manifest is a stat cache (size and mtime), and the
// remote manifest is compared by its hash.
class Uploader
{
public:
    explicit Uploader(SshSession &session) : m_session(session) {}
    void setProgressCallback(std::function<void(const TransferProgress &)> cb)
    {
        m_progress = std::move(cb);
    }
    // The callback comes at most this often while bytes flow (100 ms by default; 0: after
    // every chunk read, about 1 MiB).
    void setProgressIntervalMs(int ms) { m_progressIntervalMs = ms; }
    SshError run(const UploadRequest &request, UploadReport *report);

private:
    SshSession &m_session;
    std::function<void(const TransferProgress &)> m_progress;
    int m_progressIntervalMs = 100;
};

// "~/x" and "~" become paths relative to the remote home (single quotes stop ~ expansion).
QByteArray remotePathArgument(const QString &path);

} // namespace td
