// The controls above the training chart: x axis by step or epoch, log-scale loss, smoothing,
// optional series, and the "Compare with…" menu of finished jobs.
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace td {

class MetricsChart;

class MetricsChartBar : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsChartBar(MetricsChart *chart, QWidget *parent = nullptr);

    // Entries of the compare menu: job id and label, newest first. Filled by the panel when the
    // menu opens, so it always lists what the store holds now.
    void setCompareCandidates(const QList<std::pair<QString, QString>> &jobs);
    // Reflects whether an overlay is shown (enables "Clear comparison").
    void setComparing(const QString &label);

    QComboBox *xAxisBox() const { return m_xAxis; }
    QCheckBox *logScaleBox() const { return m_log; }
    QSlider *smoothingSlider() const { return m_smoothing; }
    QToolButton *compareButton() const { return m_compare; }
    QToolButton *clearCompareButton() const { return m_clearCompare; }

Q_SIGNALS:
    void compareMenuAboutToShow();
    void compareRequested(const QString &jobId);
    void clearCompareRequested();

private:
    MetricsChart *m_chart;
    QComboBox *m_xAxis;
    QCheckBox *m_log;
    QSlider *m_smoothing;
    QLabel *m_smoothingValue;
    QCheckBox *m_lr;
    QCheckBox *m_rate;
    QToolButton *m_compare;
    QToolButton *m_clearCompare;
};

} // namespace td
