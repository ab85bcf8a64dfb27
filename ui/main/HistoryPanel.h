// The History page: every job, sortable and filterable, with re-run, download of a remote job's
// results, and delete.
#pragma once

#include "core/store/Store.h"

#include <QWidget>

#include <functional>

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
    QPushButton *downloadButton() const { return m_download; }
    // Tells which jobs have results on a machine to download (remote jobs on a known machine).
    void setDownloadable(std::function<bool(const QString &jobId)> predicate);

Q_SIGNALS:
    void openRequested(const QString &jobId);
    void rerunRequested(const QString &jobId);
    void deleteRequested(const QString &jobId);
    void downloadRequested(const QString &jobId);

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
    QPushButton *m_download;
    std::function<bool(const QString &)> m_downloadable;
};

} // namespace td
