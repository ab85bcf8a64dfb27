#include "core/remote/UploadManifest.h"

#include "core/remote/Sha256.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace td {

QByteArray UploadManifest::toJsonLines() const
{
    QByteArray out = "{\"traindeck_manifest\":1,\"hash\":\"sha256\"}\n";
    for (const ManifestEntry &e : entries) {
        QJsonObject o;
        // Paths come from the local file system through QString (UTF-8 on Linux), so they are
        // valid UTF-8; path_b64 is accepted when reading for names written by other tools.
        o.insert(QStringLiteral("path"), e.path);
        o.insert(QStringLiteral("size"), e.size);
        o.insert(QStringLiteral("mtime_ns"), e.mtimeNs);
        o.insert(QStringLiteral("mode"), e.mode);
        o.insert(QStringLiteral("sha256"), QString::fromLatin1(e.sha256));
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

bool UploadManifest::fromJsonLines(const QByteArray &text, UploadManifest *out)
{
    out->entries.clear();
    const QList<QByteArray> lines = text.split('\n');
    bool sawHeader = false;
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err;
        const QJsonObject o = QJsonDocument::fromJson(line, &err).object();
        if (err.error != QJsonParseError::NoError)
            return false;
        if (!sawHeader) {
            if (o.value(QStringLiteral("traindeck_manifest")).toInt() != kVersion ||
                o.value(QStringLiteral("hash")).toString() != QLatin1String("sha256"))
                return false;
            sawHeader = true;
            continue;
        }
        ManifestEntry e;
        if (o.contains(QStringLiteral("path_b64")))
            e.path = QString::fromUtf8(
                QByteArray::fromBase64(o.value(QStringLiteral("path_b64")).toString().toLatin1()));
        else
            e.path = o.value(QStringLiteral("path")).toString();
        // toInteger: nanosecond times exceed a double's 53 bits, and a rounded mtime would
        // never match the file again (every re-sync would re-hash everything).
        e.size = o.value(QStringLiteral("size")).toInteger();
        e.mtimeNs = o.value(QStringLiteral("mtime_ns")).toInteger();
        e.mode = o.value(QStringLiteral("mode")).toInt();
        e.sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1();
        if (e.path.isEmpty() || e.sha256.size() != 64)
            return false;
        out->entries.append(e);
    }
    return sawHeader;
}

QHash<QString, ManifestEntry> UploadManifest::byPath() const
{
    QHash<QString, ManifestEntry> map;
    for (const ManifestEntry &e : entries)
        map.insert(e.path, e);
    return map;
}

QByteArray sha256OfFile(const QString &path, qint64 limit, bool *ok)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (ok)
            *ok = false;
        return {};
    }
    Sha256 hash;
    QByteArray buf(1 << 20, Qt::Uninitialized);
    qint64 left = limit < 0 ? std::numeric_limits<qint64>::max() : limit;
    while (left > 0) {
        const qint64 n = f.read(buf.data(), qMin<qint64>(buf.size(), left));
        if (n < 0) {
            if (ok)
                *ok = false;
            return {};
        }
        if (n == 0)
            break;
        hash.addData(buf.constData(), n);
        left -= n;
    }
    if (ok)
        *ok = limit < 0 || left == 0;
    return hash.hexResult();
}

} // namespace td
