#include "core/providers/SshConfigHosts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace td {

namespace {

void collect(const QString &path, int depth, QStringList *out)
{
    // ssh itself gives up on deep Include chains; a loop must not hang us either.
    if (depth > 8)
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    const QString sshDir = QDir::homePath() + QStringLiteral("/.ssh");
    static const QRegularExpression keyValue(QStringLiteral("^\\s*(\\w+)\\s*(?:=\\s*|\\s+)(.*)$"));
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = keyValue.match(line);
        if (!m.hasMatch())
            continue;
        const QString key = m.captured(1).toLower();
        const QStringList values =
            m.captured(2).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (key == QLatin1String("host")) {
            for (QString v : values) {
                v.remove(QLatin1Char('"'));
                if (v.contains(QLatin1Char('*')) || v.contains(QLatin1Char('?')) ||
                    v.startsWith(QLatin1Char('!')) || out->contains(v))
                    continue;
                out->append(v);
            }
        } else if (key == QLatin1String("include")) {
            for (QString pattern : values) {
                if (pattern.startsWith(QLatin1String("~/")))
                    pattern = QDir::homePath() + pattern.mid(1);
                else if (QFileInfo(pattern).isRelative())
                    pattern = sshDir + QLatin1Char('/') + pattern;
                const QFileInfo info(pattern);
                const QStringList matches =
                    QDir(info.path()).entryList({info.fileName()}, QDir::Files, QDir::Name);
                for (const QString &name : matches)
                    collect(info.path() + QLatin1Char('/') + name, depth + 1, out);
            }
        }
    }
}

} // namespace

QStringList sshConfigHostAliases(const QString &configPath)
{
    QStringList out;
    collect(configPath.isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh/config") : configPath,
            0, &out);
    return out;
}

} // namespace td
