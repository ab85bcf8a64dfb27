#include "core/providers/KeychainStatus.h"

#include "core/remote/CredentialStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <optional>

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
    if (!CredentialStore::isAvailable()) {
        g_reason = QCoreApplication::translate("KeychainStatus",
                                               "This build of TrainDeck has no keychain support.");
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(*g_reason); });
        return;
    }
    // Asked on the keychain's own thread, like every other keychain job of the process, so it
    // never runs beside a password read of an SSH worker; the answer comes back here.
    CredentialStore::probe(this, [this](bool works, const QString &reason) {
        if (!g_reason)
            g_reason = works ? QString()
                             : QCoreApplication::translate("KeychainStatus",
                                                           "No system keychain is available (%1).")
                                   .arg(reason);
        Q_EMIT finished(*g_reason);
    });
}

} // namespace td
