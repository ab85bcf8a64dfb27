// The History page: every job, sortable and filterable, with re-run and delete.
#pragma once

#include "core/store/Store.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace td {

class JobHistoryModel;

class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    HistoryPanel(JobHistoryModel *model, QWidget *parent = nullptr);

    QString selectedJobId() const;
    void selectJob(const QString &jobId);
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

Q_SIGNALS:
    void openRequested(const QString &jobId);
    void rerunRequested(const QString &jobId);
    void deleteRequested(const QString &jobId);

private:
    void applyFilter();
    void updateButtons();

    JobHistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QComboBox *m_stateFilter;
    QPushButton *m_open;
    QPushButton *m_rerun;
    QPushButton *m_delete;
};

} // namespace td
