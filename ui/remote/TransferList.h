// Transfers from the store, newest first, with live progress for running ones; cancel a running
// upload or download, resume a failed, cancelled or interrupted one; a finished download opens
// its folder on double-click.
#pragma once

#include "core/providers/TransferCenter.h"
#include "core/store/Store.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace td {

class TransferList : public QWidget
{
    Q_OBJECT
public:
    TransferList(Store *store, TransferCenter *transfers, QWidget *parent = nullptr);

    void reload();
    QTreeWidget *tree() const { return m_tree; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *resumeButton() const { return m_resume; }
    static QString stateText(const QString &state);

private:
    QTreeWidgetItem *itemFor(const QString &id) const;
    QString selectedId() const;
    void updateButtons();

    Store *m_store;
    TransferCenter *m_transfers;
    QTreeWidget *m_tree;
    QPushButton *m_cancel;
    QPushButton *m_resume;
};

} // namespace td
