#pragma once

#include "SshdFixture.h"

#include "core/remote/SshSession.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>

namespace td::test {

inline SshConnectOptions fixtureOptions(const SshdFixture &sshd)
{
    SshConnectOptions o;
    o.endpoint.host = sshd.host();
    o.endpoint.port = sshd.port();
    o.endpoint.user = sshd.userName();
    o.endpoint.identityFile = sshd.userKeyPath();
    o.knownHostsPath = sshd.knownHostsPath();
    o.globalKnownHostsPath = sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    o.connectTimeoutMs = 10000;
    o.ioTimeoutMs = 20000;
    return o;
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(b.data()), size / 4);
    return b;
}

// relative path -> sha256 of every regular file under root (".traindeck-*" excluded).
inline QMap<QString, QByteArray> treeDigest(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(QLatin1String(".traindeck-")))
            continue;
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        out.insert(rel, h.result().toHex());
    }
    return out;
}

} // namespace td::test
