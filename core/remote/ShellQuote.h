#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace td {

// POSIX single-quote quoting: the only way a path or argument may reach a remote shell.
// Inside single quotes nothing is special except the quote itself, which becomes '\''.
QByteArray shellQuote(const QByteArray &word);
QString shellQuote(const QString &word);

// A remote command line assembled from quoted words and a fixed set of operators, so a caller
// can never splice raw text into the shell. Arguments containing NUL cannot be passed to
// execve(); such a command is marked invalid and refused by the runners.
class RemoteCommand
{
public:
    RemoteCommand() = default;
    explicit RemoteCommand(const QByteArray &program) { arg(program); }
    explicit RemoteCommand(const char *program) { arg(QByteArray(program)); }

    RemoteCommand &arg(const QByteArray &word);
    RemoteCommand &arg(const QString &word);
    RemoteCommand &arg(const char *word) { return arg(QByteArray(word)); }
    RemoteCommand &arg(qint64 number);
    RemoteCommand &args(const QList<QByteArray> &words);

    // Operators between commands; each operand is itself a RemoteCommand.
    RemoteCommand &andThen(const RemoteCommand &next);
    RemoteCommand &orElse(const RemoteCommand &next);
    RemoteCommand &pipeTo(const RemoteCommand &next);
    RemoteCommand &sequence(const RemoteCommand &next);
    RemoteCommand &stdoutTo(const QByteArray &path);
    RemoteCommand &stdoutAppendTo(const QByteArray &path);
    RemoteCommand &stdinFrom(const QByteArray &path);
    RemoteCommand &stderrToNull();
    RemoteCommand &stderrToStdout();
    // Wraps the command so far in a subshell: ( ... ).
    RemoteCommand grouped() const;

    bool isValid() const { return m_valid && !m_text.isEmpty(); }
    bool isEmpty() const { return m_text.isEmpty(); }
    const QByteArray &toShell() const { return m_text; }

private:
    RemoteCommand &appendOperator(const char *op, const RemoteCommand &next);
    void appendWord(const QByteArray &quoted);

    QByteArray m_text;
    bool m_valid = true;
};

} // namespace td
