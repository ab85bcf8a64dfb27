#include "core/remote/CredentialStore.h"

#include "core/remote/RemoteTr.h"

#ifdef TRAINDECK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <QEventLoop>

namespace td {

bool CredentialStore::isAvailable()
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString CredentialStore::keyFor(const QString &user, const QString &host, int port)
{
    return QStringLiteral("ssh:%1@%2:%3").arg(user, host).arg(port);
}

#ifdef TRAINDECK_HAVE_KEYCHAIN
namespace {
// Runs a QtKeychain job to completion on the calling thread.
bool runJob(QKeychain::Job &job, QString *error)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // never a plain-text file
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError) {
        if (error)
            *error = job.errorString();
        return false;
    }
    return true;
}
} // namespace
#endif

std::optional<QByteArray> CredentialStore::readPassword(const QString &key, QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    if (!runJob(job, error))
        return std::nullopt;
    return job.binaryData();
#else
    Q_UNUSED(key);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return std::nullopt;
#endif
}

bool CredentialStore::writePassword(const QString &key, const QByteArray &password,
                                    QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setBinaryData(password);
    return runJob(job, error);
#else
    Q_UNUSED(key);
    Q_UNUSED(password);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return false;
#endif
}

bool CredentialStore::removePassword(const QString &key, QString *error) const
{
#ifdef TRAINDECK_HAVE_KEYCHAIN
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    return runJob(job, error);
#else
    Q_UNUSED(key);
    if (error)
        *error = RemoteTr::tr("This build has no keychain support.");
    return false;
#endif
}

} // namespace td
