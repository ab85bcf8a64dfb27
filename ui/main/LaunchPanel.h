// The Launch page: where to train (provider, GPU tier, price, fit, cost) and what to train.
#pragma once

#include "core/catalog/Catalog.h"
#include "core/jobs/EngineConfig.h"
#include "core/store/Store.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace td {

class LaunchPanel : public QWidget
{
    Q_OBJECT
public:
    LaunchPanel(Store *store, Catalog *catalog, QWidget *parent = nullptr);

    EngineConfig config() const;
    void setConfig(const EngineConfig &config);

    QComboBox *providerBox() const { return m_provider; }
    QComboBox *tierBox() const { return m_tier; }
    QPushButton *launchButton() const { return m_launch; }
    QLabel *fitLabel() const { return m_fit; }
    QLabel *costLabel() const { return m_cost; }
    QLabel *priceLabel() const { return m_price; }
    // Selects a provider and tier by id (tests, and restoring the last choice).
    bool selectTier(const QString &providerId, const QString &tierId);

    // Remote machines: the stored machines of the chosen provider, and the job kind.
    bool isLocal() const;
    QString selectedMachineId() const;
    // Selects the machine's provider, the machine and its tier.
    bool selectMachine(const QString &machineId);
    void reloadMachines();
    bool scriptMode() const;
    void setScriptMode(bool on);
    QString scriptCommand() const;
    QString scriptWorkDir() const;
    QString scriptEnvSetup() const;
    QString scriptMetricsPreset() const; // LogMetricExtractor preset name
    QString scriptMetricsRegex() const;
    // While a remote launch is being prepared: Launch is disabled and the text says why.
    void setPreparing(bool preparing, const QString &text = {});

    QComboBox *machineBox() const { return m_machine; }
    QComboBox *modeBox() const { return m_mode; }
    QLineEdit *commandEdit() const { return m_command; }
    QLabel *connectNote() const { return m_connectNote; }

Q_SIGNALS:
    void launchRequested();
    void addMachineRequested();

private:
    void fillProviders();
    void fillTiers();
    void updateDetails();
    void setOwnPrice();
    // Samples per second of the newest successful Local run of `model`; 0 when none.
    double lastLocalThroughput(const QString &model) const;
    const Provider *currentProvider() const;
    const GpuTier *currentTier() const;
    void machineChanged();
    void updateLaunchState();
    void modeChanged();

    Store *m_store;
    Catalog *m_catalog;
    QComboBox *m_provider;
    QComboBox *m_tier;
    QLabel *m_price;
    QPushButton *m_setPrice;
    QLabel *m_vram;
    QLabel *m_support;
    QLabel *m_fit;
    QLabel *m_cost;
    QLabel *m_connectNote;
    QComboBox *m_machine;
    QPushButton *m_addMachine;
    QWidget *m_machineRow;
    QComboBox *m_mode;
    QWidget *m_engineBox;
    QWidget *m_scriptBox;
    QComboBox *m_metricsPreset = nullptr;
    QLineEdit *m_metricsRegex = nullptr;
    QLineEdit *m_command;
    QLineEdit *m_workDir;
    QLineEdit *m_envSetup;
    bool m_preparing = false;
    QLineEdit *m_dataDir;
    QComboBox *m_model;
    QSpinBox *m_epochs;
    QSpinBox *m_batch;
    QDoubleSpinBox *m_lr;
    QComboBox *m_precision;
    QSpinBox *m_limit;
    QSpinBox *m_threads;
    QPushButton *m_launch;
};

} // namespace td
