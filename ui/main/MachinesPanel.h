// The always-visible machine list: what exists, what runs on it, what it costs.
#pragma once

#include "core/store/Store.h"

#include <QWidget>

class QListWidget;
class QLabel;

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

private:
    void rebuild();

    Store *m_store;
    QListWidget *m_list;
    QList<MachineRecord> m_machines;
    QHash<QString, JobRecord> m_running;
};

} // namespace td
