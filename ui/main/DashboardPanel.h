// The Dashboard page of the selected job: training chart (with an optional comparison), GPU
// chart, diagnosis cards when it failed, and its log.
#pragma once

#include "core/store/Store.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace td {

class DiagnosisCards;
class GpuChart;
class MetricsChart;
class MetricsChartBar;

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
    // Live GPU samples of a job; ignored unless it is the one shown.
    void appendGpuSamples(const QString &jobId, const QList<GpuSampleRecord> &rows);
    // Overlays a finished job's curves on the chart; false when the job is unknown or has no
    // metrics.
    bool compareWith(const QString &jobId);
    void clearComparison();
    // Finished jobs other than the shown one, newest first: (id, label).
    QList<std::pair<QString, QString>> compareCandidates() const;

    MetricsChart *chart() const { return m_chart; }
    GpuChart *gpuChart() const { return m_gpu; }
    MetricsChartBar *chartBar() const { return m_chartBar; }
    DiagnosisCards *diagnosisCards() const { return m_cards; }
    QPlainTextEdit *logView() const { return m_log; }

Q_SIGNALS:
    void stopRequested(const QString &jobId);

private:
    void updateHeader();
    void updateDiagnosis();
    QList<MetricRow> storedRows(const QString &jobId) const;
    QString jobLabel(const JobRecord &job) const;
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
    MetricsChartBar *m_chartBar;
    GpuChart *m_gpu;
    DiagnosisCards *m_cards;
    QPlainTextEdit *m_log;
    QCheckBox *m_follow;
    QLineEdit *m_search;
    QString m_lastMetric;
};

} // namespace td
