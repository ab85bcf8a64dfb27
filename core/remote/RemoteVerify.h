// The check of uploaded files on the remote: every staged file hashed again there and compared
// with the SHA-256 taken while it was read here, before anything is moved into place.
#pragma once

#include "core/remote/SshError.h"

#include <QByteArray>
#include <QList>

namespace td {

// A POSIX sh fragment that checks files against their SHA-256 with GNU sha256sum, in parallel
// lanes of about equal bytes; it exits 3 with the "name: FAILED" lines on stderr when any
// differs and goes on otherwise. Paths are relative to the shell's folder; scratchPrefix names
// the lanes' output files (removed afterwards).
struct VerifyItem
{
    QByteArray sha256; // lowercase hex
    QByteArray path;
    qint64 size = 0;
};
QByteArray sha256VerifyScript(const QList<VerifyItem> &items, const QByteArray &scratchPrefix);

// The fragment's result as an error: exit 3 names the files that differ, 4 says the check could
// not run; any other status is not the fragment's and gives no error here.
SshError verifyScriptFailure(int exitStatus, const QByteArray &stdErr);

} // namespace td
