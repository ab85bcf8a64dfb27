#pragma once

#include "core/remote/CancelFlag.h"
#include "core/remote/SshError.h"
#include "core/remote/SshInteraction.h"
#include "core/remote/SshSession.h"

#include <QDeadlineTimer>

#include <functional>

struct ssh_session_struct;

namespace td {

// What one hop's handshake needs; internal to SshSession.
struct HopContext
{
    ssh_session_struct *session;
    SshHop hop;
    const SshConnectOptions &options;
    SshInteraction *interaction;
    const CancelFlag &cancel;
    QDeadlineTimer deadline;
};

// Repeats a non-blocking libssh call while it answers `again`, waiting on the socket between
// tries. Returns the final code; *error is set on cancellation or timeout.
int retryWhileAgain(HopContext &ctx, const std::function<int()> &call, int again, SshError *error);

SshError verifyHostKey(HopContext &ctx, HostKeyInfo *info);
SshError authenticate(HopContext &ctx);

// Overwrites a secret before its memory is released.
void wipe(QByteArray &secret);

} // namespace td
