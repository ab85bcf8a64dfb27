// First contact with a machine: its host key fingerprint, to compare with the provider's console
// before trusting it.
#pragma once

#include "core/remote/SshInteraction.h"

#include <QDialog>

#include <optional>

class QPushButton;

namespace td {

class FingerprintDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FingerprintDialog(const HostKeyInfo &info, QWidget *parent = nullptr);

    // Shows the dialog and returns true when the user trusts the key.
    static bool ask(QWidget *parent, const HostKeyInfo &info);
    // Seam for tests: the next ask() returns this answer without showing the dialog; the key it
    // was asked about is kept in lastAsked().
    static void setNextAnswer(std::optional<bool> accept);
    static HostKeyInfo lastAsked();

    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *rejectButton() const { return m_reject; }

private:
    QPushButton *m_accept;
    QPushButton *m_reject;
};

} // namespace td
