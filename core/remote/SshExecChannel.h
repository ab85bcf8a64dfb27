#pragma once

#include "core/remote/SshError.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <functional>

struct ssh_channel_struct;

namespace td {

class SshSession;

// A running remote command on an exec channel. Writes wait for the peer's window while
// draining output, so a command that talks back while reading stdin cannot deadlock us.
class SshExecChannel
{
public:
    // Receives output as it arrives; return false to abort (the call then fails with the error
    // set by setSinkError or a generic one).
    using Sink = std::function<bool(const char *data, int size, bool isStderr)>;

    SshExecChannel(SshSession &session, ssh_channel_struct *channel);
    ~SshExecChannel();
    SshExecChannel(const SshExecChannel &) = delete;
    SshExecChannel &operator=(const SshExecChannel &) = delete;

    // Without a sink, output accumulates in takeStdOut()/takeStdErr().
    void setSink(Sink sink) { m_sink = std::move(sink); }
    void setSinkError(const SshError &error) { m_sinkError = error; }
    void setIoTimeout(int ms) { m_ioTimeoutMs = ms; }

    SshError write(const char *data, qint64 size);
    SshError write(const QByteArray &data) { return write(data.constData(), data.size()); }
    SshError sendEof();
    // Reads until the command ends (EOF and exit status). timeoutMs < 0: only the io timeout.
    SshError waitForExit(int timeoutMs = -1);
    // Reads what has arrived without waiting; *finished tells whether the command has ended
    // (exitStatus() is then set).
    SshError pollExit(bool *finished);
    int exitStatus() const { return m_exitStatus; }
    bool isEof() const { return m_eof; }

    QByteArray takeStdOut() { return std::exchange(m_stdOut, {}); }
    QByteArray takeStdErr() { return std::exchange(m_stdErr, {}); }
    qint64 bytesWritten() const { return m_written; }

private:
    SshError drain(bool *progress);
    SshError checkExit(bool *finished, bool *progress);
    SshError checkProgress();

    SshSession &m_session;
    ssh_channel_struct *m_channel;
    Sink m_sink;
    SshError m_sinkError;
    QByteArray m_stdOut;
    QByteArray m_stdErr;
    QElapsedTimer m_sinceProgress;
    int m_ioTimeoutMs;
    int m_exitStatus = -1;
    qint64 m_written = 0;
    bool m_eof = false;
    bool m_eofSent = false;
};

} // namespace td
