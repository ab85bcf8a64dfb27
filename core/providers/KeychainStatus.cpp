#include "core/providers/KeychainStatus.h"

#include <QCoreApplication>
#include <QTimer>

#include <optional>

#ifdef TRAINDECK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace td {

namespace {
// GUI thread only, like the probe itself.
std::optional<QString> g_reason;
} // namespace

KeychainProbe::KeychainProbe(QObject *parent) : QObject(parent) {}

void KeychainProbe::start()
{
    if (g_reason) {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(*g_reason); });
        return;
    }
#ifdef TRAINDECK_HAVE_KEYCHAIN
    // Reading an entry that does not exist tells a working backend (EntryNotFound) from a
    // missing one without writing anything. The job deletes itself when done, even if this
    // probe is gone by then: QtKeychain does not cope with a job destroyed in flight.
    auto *job = new QKeychain::ReadPasswordJob(QStringLiteral("TrainDeck"));
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QStringLiteral("traindeck-keychain-probe"));
    connect(job, &QKeychain::Job::finished, job, [](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
            g_reason = QString();
        else
            g_reason = QCoreApplication::translate("KeychainStatus",
                                                   "No system keychain is available (%1).")
                           .arg(j->errorString());
    });
    connect(job, &QKeychain::Job::finished, this,
            [this] { Q_EMIT finished(g_reason.value_or(QString())); });
    job->start();
#else
    g_reason = QCoreApplication::translate("KeychainStatus",
                                           "This build of TrainDeck has no keychain support.");
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(*g_reason); });
#endif
}

} // namespace td
