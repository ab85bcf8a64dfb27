#include "ui/main/MetricsChartBar.h"

#include "ui/charts/MetricsChart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QToolButton>

namespace td {

namespace {
// The slider works in hundredths of the EMA weight; 0.99 is as smooth as is still useful.
constexpr int kSmoothingSteps = 99;
} // namespace

MetricsChartBar::MetricsChartBar(MetricsChart *chart, QWidget *parent)
    : QWidget(parent), m_chart(chart)
{
    m_xAxis = new QComboBox(this);
    m_xAxis->addItem(tr("By step"), int(MetricsChart::ByStep));
    m_xAxis->addItem(tr("By epoch"), int(MetricsChart::ByEpoch));
    m_xAxis->setToolTip(tr("Horizontal axis: training steps, or epochs (to compare runs with "
                           "different batch sizes)"));
    m_log = new QCheckBox(tr("Log loss"), this);
    m_log->setToolTip(tr("Logarithmic loss axis; zero and negative values are left out"));
    m_smoothing = new QSlider(Qt::Horizontal, this);
    m_smoothing->setRange(0, kSmoothingSteps);
    m_smoothing->setFixedWidth(80);
    m_smoothing->setToolTip(tr("Smoothing of the training loss (exponential moving average); "
                               "the raw curve stays, drawn fainter"));
    m_smoothingValue = new QLabel(this);
    m_smoothingValue->setMinimumWidth(
        m_smoothingValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")));
    m_lr = new QCheckBox(tr("Learning rate"), this);
    m_rate = new QCheckBox(tr("Throughput"), this);
    m_compare = new QToolButton(this);
    m_compare->setText(tr("Compare with…"));
    m_compare->setToolTip(tr("Overlay the curves of a finished job, dashed"));
    m_compare->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_compare);
    m_compare->setMenu(menu);
    m_clearCompare = new QToolButton(this);
    m_clearCompare->setText(tr("Clear"));
    m_clearCompare->setEnabled(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_xAxis);
    layout->addWidget(m_log);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Smoothing"), this));
    layout->addWidget(m_smoothing);
    layout->addWidget(m_smoothingValue);
    layout->addSpacing(8);
    layout->addWidget(m_lr);
    layout->addWidget(m_rate);
    layout->addStretch(1);
    layout->addWidget(m_compare);
    layout->addWidget(m_clearCompare);

    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_chart->setXAxisMode(MetricsChart::XAxisMode(m_xAxis->itemData(index).toInt()));
    });
    connect(m_log, &QCheckBox::toggled, m_chart, &MetricsChart::setLogScale);
    connect(m_smoothing, &QSlider::valueChanged, this, [this](int value) {
        m_smoothingValue->setText(QString::number(value / 100.0, 'f', 2));
        m_chart->setSmoothing(value / 100.0);
    });
    connect(m_lr, &QCheckBox::toggled, this,
            [this](bool on) { m_chart->setSeriesEnabled(MetricsChart::LearningRate, on); });
    connect(m_rate, &QCheckBox::toggled, this,
            [this](bool on) { m_chart->setSeriesEnabled(MetricsChart::Throughput, on); });
    connect(menu, &QMenu::aboutToShow, this, &MetricsChartBar::compareMenuAboutToShow);
    connect(m_clearCompare, &QToolButton::clicked, this, &MetricsChartBar::clearCompareRequested);

    // Noisy per-step loss reads best lightly smoothed; the raw curve is still drawn.
    m_smoothing->setValue(60);
}

void MetricsChartBar::setCompareCandidates(const QList<std::pair<QString, QString>> &jobs)
{
    QMenu *menu = m_compare->menu();
    menu->clear();
    if (jobs.isEmpty()) {
        menu->addAction(tr("No other finished job"))->setEnabled(false);
        return;
    }
    for (const auto &[id, label] : jobs) {
        const QString jobId = id;
        menu->addAction(label, this, [this, jobId] { Q_EMIT compareRequested(jobId); });
    }
}

void MetricsChartBar::setComparing(const QString &label)
{
    m_clearCompare->setEnabled(!label.isEmpty());
    m_clearCompare->setToolTip(label.isEmpty() ? tr("Nothing to clear: no comparison shown")
                                               : tr("Remove %1 from the chart").arg(label));
}

} // namespace td
