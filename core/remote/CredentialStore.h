#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace td {

// Passwords in the OS keychain (Secret Service, Keychain, Credential Manager) via QtKeychain,
// and nowhere else: there is deliberately no file fallback. Without a keychain every call
// fails and the caller asks the user each time. Blocking; call from a worker thread.
class CredentialStore
{
public:
    explicit CredentialStore(QString service = QStringLiteral("TrainDeck"))
        : m_service(std::move(service))
    {
    }
    static bool isAvailable(); // built with QtKeychain
    static QString keyFor(const QString &user, const QString &host, int port);

    std::optional<QByteArray> readPassword(const QString &key, QString *error = nullptr) const;
    bool writePassword(const QString &key, const QByteArray &password,
                       QString *error = nullptr) const;
    bool removePassword(const QString &key, QString *error = nullptr) const;

private:
    QString m_service;
};

} // namespace td
