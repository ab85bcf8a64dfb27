#include "core/remote/IgnoreMatcher.h"

namespace td {

QString gitGlobToRegex(const QString &glob)
{
    QString re;
    const int n = glob.size();
    for (int i = 0; i < n; ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            const bool doubleStar = i + 1 < n && glob.at(i + 1) == QLatin1Char('*');
            const bool atSegmentStart = i == 0 || glob.at(i - 1) == QLatin1Char('/');
            if (doubleStar && atSegmentStart) {
                const bool atEnd = i + 2 == n;
                const bool beforeSlash = i + 2 < n && glob.at(i + 2) == QLatin1Char('/');
                if (atEnd) { // "x/**": everything inside
                    re += QStringLiteral(".*");
                    i += 1;
                    continue;
                }
                if (beforeSlash) { // "**/x" or "a/**/b": zero or more directories
                    re += QStringLiteral("(?:.*/)?");
                    i += 2;
                    continue;
                }
            }
            // Any other run of stars behaves like a single one (no slash).
            while (i + 1 < n && glob.at(i + 1) == QLatin1Char('*'))
                ++i;
            re += QStringLiteral("[^/]*");
        } else if (c == QLatin1Char('?')) {
            re += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const int close = glob.indexOf(QLatin1Char(']'), i + 2);
            if (close < 0) {
                re += QStringLiteral("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, close - i - 1);
            if (set.startsWith(QLatin1Char('!')))
                set[0] = QLatin1Char('^');
            set.replace(QLatin1String("\\"), QLatin1String("\\\\"));
            re += QLatin1Char('[') + set + QLatin1Char(']');
            i = close;
        } else if (c == QLatin1Char('\\') && i + 1 < n) {
            re += QRegularExpression::escape(QString(glob.at(++i)));
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QStringLiteral("\\A") + re + QStringLiteral("\\z");
}

void IgnoreMatcher::addRule(const QString &baseDir, const QString &rawLine)
{
    QString line = rawLine;
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    // Trailing spaces are ignored unless escaped with a backslash.
    while (line.endsWith(QLatin1Char(' ')) && !line.endsWith(QLatin1String("\\ ")))
        line.chop(1);
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return;
    Rule rule;
    if (line.startsWith(QLatin1Char('!'))) {
        rule.negate = true;
        line.remove(0, 1);
    } else if (line.startsWith(QLatin1String("\\!")) || line.startsWith(QLatin1String("\\#"))) {
        line.remove(0, 1);
    }
    if (line.endsWith(QLatin1Char('/'))) {
        rule.dirOnly = true;
        line.chop(1);
    }
    if (line.isEmpty())
        return;
    rule.matchBasename = !line.contains(QLatin1Char('/'));
    if (line.startsWith(QLatin1Char('/')))
        line.remove(0, 1);
    rule.base = baseDir.isEmpty() ? QString() : baseDir + QLatin1Char('/');
    rule.re = QRegularExpression(gitGlobToRegex(line));
    if (!rule.re.isValid())
        return;
    m_rules.append(rule);
}

void IgnoreMatcher::addRules(const QString &baseDir, const QByteArray &content)
{
    for (const QByteArray &line : content.split('\n'))
        addRule(baseDir, QString::fromUtf8(line));
}

bool IgnoreMatcher::isIgnored(const QString &relPath, bool isDir) const
{
    const int slash = relPath.lastIndexOf(QLatin1Char('/'));
    const QString name = relPath.mid(slash + 1);
    // The last matching rule decides, and rules are stored shallow to deep, file order within.
    for (auto it = m_rules.crbegin(); it != m_rules.crend(); ++it) {
        const Rule &r = *it;
        if (r.dirOnly && !isDir)
            continue;
        if (!r.base.isEmpty() && !relPath.startsWith(r.base))
            continue;
        const QString subject = r.matchBasename ? name : relPath.mid(r.base.size());
        if (r.re.match(subject).hasMatch())
            return !r.negate;
    }
    return false;
}

} // namespace td
