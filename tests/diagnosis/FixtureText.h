// Loads the recorded texts of tests/data/gpu-texts. Each file starts with a "# source:" and a
// "# what:" line describing where it came from; the tests see only what follows them.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace td::test {

inline QString gpuTextPath(const QString &name)
{
    return QStringLiteral(TRAINDECK_TEST_DATA "/gpu-texts/") + name;
}

// The file's bytes without its leading description lines. Empty when the file is missing, which
// the callers' expectations then fail on.
inline QByteArray fixtureBytes(const QString &name)
{
    QFile file(gpuTextPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.readAll();
    while (bytes.startsWith("# source:") || bytes.startsWith("# what:")) {
        const qsizetype newline = bytes.indexOf('\n');
        bytes = newline < 0 ? QByteArray() : bytes.mid(newline + 1);
    }
    return bytes;
}

inline QString fixtureText(const QString &name)
{
    return QString::fromUtf8(fixtureBytes(name));
}

} // namespace td::test
