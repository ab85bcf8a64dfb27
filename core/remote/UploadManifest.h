#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace td {

// One file of an upload (contract: DESIGN.md "Upload manifest", version 1).
struct ManifestEntry
{
    QString path; // relative, '/' separators
    qint64 size = 0;
    qint64 mtimeNs = 0;
    int mode = 0644;
    QByteArray sha256; // lowercase hex
};

class UploadManifest
{
public:
    static constexpr int kVersion = 1;
    static constexpr const char *kRemoteName = ".traindeck-manifest";

    QList<ManifestEntry> entries;

    // JSON Lines: a header line, then one object per file.
    QByteArray toJsonLines() const;
    // Unknown fields are ignored; an unknown version or a malformed file gives false.
    static bool fromJsonLines(const QByteArray &text, UploadManifest *out);
    QHash<QString, ManifestEntry> byPath() const;
};

// SHA-256 of a whole file, or of its first `limit` bytes (limit < 0: all), read in chunks.
QByteArray sha256OfFile(const QString &path, qint64 limit = -1, bool *ok = nullptr);

} // namespace td
