// The always-visible machine list: what exists, what runs on it, what it costs.
#pragma once

#include "core/catalog/Catalog.h"
#include "core/store/Store.h"

#include <QWidget>

class QListWidget;
class QLabel;
class QPushButton;

namespace td {

class MachinesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MachinesPanel(Store *store, QWidget *parent = nullptr);

    void reload();
    // Jobs currently running per machine id, so each row can say what is going on.
    void setRunningJobs(const QHash<QString, JobRecord> &running);
    QListWidget *list() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    // Tier names for the rows (the machine stores only the tier id).
    void setCatalog(const Catalog *catalog) { m_catalog = catalog; }
    QString selectedMachineId() const;
    bool selectMachine(const QString &machineId);
    // The text of a machine's row (tests, accessibility).
    QString rowText(const QString &machineId) const;

Q_SIGNALS:
    void addMachineRequested();
    void selectionChanged(const QString &machineId);

private:
    void rebuild();
    QString describe(const MachineRecord &m) const;

    Store *m_store;
    const Catalog *m_catalog = nullptr;
    QListWidget *m_list;
    QPushButton *m_add;
    QList<MachineRecord> m_machines;
    QHash<QString, JobRecord> m_running;
};

} // namespace td
