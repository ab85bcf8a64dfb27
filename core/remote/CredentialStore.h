#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace td {

// Passwords in the OS keychain (Secret Service, Keychain, Credential Manager) via QtKeychain,
// and nowhere else: there is deliberately no file fallback. Without a keychain every call
// fails and the caller asks the user each time.
//
// The blocking calls may be made from any thread, concurrently, with or without an event loop
// in the calling thread (GUI thread, SSH worker threads, the CLI's blocked main thread): every
// keychain job of the process runs on one private thread and the caller waits for its result.
// They may wait for the user (a keychain unlock prompt), so GUI code should not call them
// from the GUI thread; probe() is the non-blocking check for that thread.
class CredentialStore
{
public:
    explicit CredentialStore(QString service = QStringLiteral("TrainDeck"))
        : m_service(std::move(service))
    {
    }
    static bool isAvailable(); // built with QtKeychain
    static QString keyFor(const QString &user, const QString &host, int port);

    // nullopt when nothing is stored under key (error left empty) or on failure (error set).
    std::optional<QByteArray> readPassword(const QString &key, QString *error = nullptr) const;
    bool writePassword(const QString &key, const QByteArray &password,
                       QString *error = nullptr) const;
    // Removing a key that holds nothing succeeds.
    bool removePassword(const QString &key, QString *error = nullptr) const;

    // Non-blocking: asks the keychain whether it works by reading an entry that does not exist,
    // so nothing is written. done runs on context's thread (which needs an event loop) with
    // works and, when it does not, the backend's reason; it is dropped if context is gone.
    static void probe(QObject *context,
                      std::function<void(bool works, const QString &reason)> done);

private:
    QString m_service;
};

} // namespace td
