// Add Machine: paste an ssh command line (or pick a ~/.ssh/config alias, or fill the form),
// choose provider, GPU tier and price, then connect once: fingerprint, facts, stored.
#pragma once

#include "core/catalog/Catalog.h"
#include "core/providers/MachineService.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace td {

class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectDialog(MachineService *service, const Catalog *catalog, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    // The machine stored by a successful connect (valid after accept()).
    MachineRecord addedMachine() const { return m_added; }
    MachineDraft draft() const;
    // Reads aliases from this file instead of ~/.ssh/config (tests).
    void setSshConfigPath(const QString &path);

    QLineEdit *pasteEdit() const { return m_paste; }
    QLabel *pasteStatus() const { return m_pasteStatus; }
    QComboBox *aliasBox() const { return m_alias; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *jumpEdit() const { return m_jump; }
    QLineEdit *identityEdit() const { return m_identity; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *rememberBox() const { return m_remember; }
    QComboBox *providerBox() const { return m_provider; }
    QComboBox *tierBox() const { return m_tier; }
    QDoubleSpinBox *priceBox() const { return m_price; }
    QComboBox *currencyBox() const { return m_currency; }
    QLineEdit *remoteRootEdit() const { return m_remoteRoot; }
    QPushButton *connectButton() const { return m_connect; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *stepLabel() const { return m_step; }

private:
    void parsePasted();
    void applyEndpoint(const SshEndpoint &endpoint);
    void pickAlias(int index);
    void fillTiers();
    void tierChanged();
    void startConnect();
    void cancelOrClose();
    void setBusy(bool busy);
    void showError(const QString &message);
    void onHostKey(const HostKeyInfo &info);
    void onPassword(const QString &userAtHost, int attempt);
    void onPassphrase(const QString &keyPath, int attempt);
    void checkKeychain();

    MachineService *m_service;
    const Catalog *m_catalog;
    QString m_configPath;
    QString m_configAlias;
    MachineRecord m_added;
    bool m_busy = false;
    bool m_keychainOk = false;

    QLineEdit *m_paste;
    QLabel *m_pasteStatus;
    QComboBox *m_alias;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_jump;
    QLineEdit *m_identity;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_keychainNote;
    QComboBox *m_provider;
    QLabel *m_providerNote;
    QComboBox *m_tier;
    QDoubleSpinBox *m_price;
    QComboBox *m_currency;
    QLineEdit *m_remoteRoot;
    QProgressBar *m_progress;
    QLabel *m_step;
    QLabel *m_error;
    QPushButton *m_connect;
    QPushButton *m_cancel;
};

} // namespace td
