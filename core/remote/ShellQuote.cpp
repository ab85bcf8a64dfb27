#include "core/remote/ShellQuote.h"

namespace td {

QByteArray shellQuote(const QByteArray &word)
{
    QByteArray out;
    out.reserve(word.size() + 2);
    out.append('\'');
    for (char c : word) {
        if (c == '\'')
            out.append("'\\''");
        else
            out.append(c);
    }
    out.append('\'');
    return out;
}

QString shellQuote(const QString &word)
{
    return QString::fromUtf8(shellQuote(word.toUtf8()));
}

void RemoteCommand::appendWord(const QByteArray &quoted)
{
    if (!m_text.isEmpty())
        m_text.append(' ');
    m_text.append(quoted);
}

RemoteCommand &RemoteCommand::arg(const QByteArray &word)
{
    if (word.contains('\0'))
        m_valid = false;
    appendWord(shellQuote(word));
    return *this;
}

RemoteCommand &RemoteCommand::arg(const QString &word)
{
    return arg(word.toUtf8());
}

RemoteCommand &RemoteCommand::arg(qint64 number)
{
    // Digits (and a sign) are inert in every shell context, but quoting keeps one rule.
    return arg(QByteArray::number(number));
}

RemoteCommand &RemoteCommand::args(const QList<QByteArray> &words)
{
    for (const QByteArray &w : words)
        arg(w);
    return *this;
}

RemoteCommand &RemoteCommand::appendOperator(const char *op, const RemoteCommand &next)
{
    m_valid = m_valid && next.m_valid && !next.m_text.isEmpty();
    appendWord(op);
    appendWord(next.m_text);
    return *this;
}

RemoteCommand &RemoteCommand::andThen(const RemoteCommand &next)
{
    return appendOperator("&&", next);
}

RemoteCommand &RemoteCommand::orElse(const RemoteCommand &next)
{
    return appendOperator("||", next);
}

RemoteCommand &RemoteCommand::pipeTo(const RemoteCommand &next)
{
    return appendOperator("|", next);
}

RemoteCommand &RemoteCommand::sequence(const RemoteCommand &next)
{
    return appendOperator(";", next);
}

RemoteCommand &RemoteCommand::stdoutTo(const QByteArray &path)
{
    appendWord(">");
    return arg(path);
}

RemoteCommand &RemoteCommand::stdoutAppendTo(const QByteArray &path)
{
    appendWord(">>");
    return arg(path);
}

RemoteCommand &RemoteCommand::stdinFrom(const QByteArray &path)
{
    appendWord("<");
    return arg(path);
}

RemoteCommand &RemoteCommand::stderrToNull()
{
    appendWord("2>/dev/null");
    return *this;
}

RemoteCommand &RemoteCommand::stderrToStdout()
{
    appendWord("2>&1");
    return *this;
}

RemoteCommand RemoteCommand::grouped() const
{
    RemoteCommand g;
    g.m_valid = m_valid;
    g.m_text = "( " + m_text + " )";
    return g;
}

} // namespace td
