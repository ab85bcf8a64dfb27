// The Dashboard page: live chart and log of the selected job.
#pragma once

#include "core/store/Store.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace td {

class MetricsChart;

class DashboardPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPanel(Store *store, QWidget *parent = nullptr);

    // Shows a job: its stored metrics now, then whatever appendRows() brings.
    void showJob(const JobRecord &job);
    QString jobId() const { return m_job.id; }
    void updateJob(const JobRecord &job);
    void appendRows(const QString &jobId, const QList<MetricRow> &rows);
    void appendLog(const QString &jobId, const QStringList &lines);
    MetricsChart *chart() const { return m_chart; }
    QPlainTextEdit *logView() const { return m_log; }

Q_SIGNALS:
    void stopRequested(const QString &jobId);

private:
    void updateHeader();
    void exportCsv();
    void exportPng();
    void findNext();

    Store *m_store;
    JobRecord m_job;
    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_stop;
    QPushButton *m_exportCsv;
    QPushButton *m_exportPng;
    MetricsChart *m_chart;
    QPlainTextEdit *m_log;
    QCheckBox *m_follow;
    QLineEdit *m_search;
    QString m_lastMetric;
};

} // namespace td
