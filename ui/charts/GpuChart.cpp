#include "ui/charts/GpuChart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace td {

GpuChart::GpuChart(QWidget *parent) : QWidget(parent)
{
    m_view = new GpuChartView(this);
    m_metric = new QComboBox(this);
    for (int m = 0; m < GpuChartView::MetricCount; ++m)
        m_metric->addItem(GpuChartView::metricName(GpuChartView::Metric(m)), m);
    m_metric->setToolTip(tr("Which GPU reading to plot, one curve per GPU"));
    m_gpuCount = new QLabel(this);

    m_noGpu = new QLabel(tr("No GPU samples for this job: it ran on the CPU, or the machine did "
                            "not report GPU readings."),
                         this);
    m_noGpu->setObjectName(QStringLiteral("noGpuBadge"));
    m_noGpu->setWordWrap(true);
    m_noGpu->setAlignment(Qt::AlignCenter);
    // A badge, not an error: muted, framed, readable in light and dark themes.
    m_noGpu->setStyleSheet(QStringLiteral(
        "#noGpuBadge { border: 1px solid palette(mid); border-radius: 6px; padding: 12px;"
        " color: palette(text); background: palette(alternate-base); }"));

    auto *chartPage = new QWidget(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("GPU"), chartPage));
    bar->addWidget(m_metric);
    bar->addStretch(1);
    bar->addWidget(m_gpuCount);
    auto *chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(bar);
    chartLayout->addWidget(m_view, 1);

    auto *emptyPage = new QWidget(this);
    auto *emptyLayout = new QVBoxLayout(emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_noGpu);
    emptyLayout->addStretch(1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(emptyPage);
    m_stack->addWidget(chartPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_metric, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_view->setMetric(GpuChartView::Metric(m_metric->itemData(index).toInt()));
    });
    updateState();
}

void GpuChart::clear()
{
    m_view->clear();
    updateState();
}

void GpuChart::appendSamples(const QList<GpuSampleRecord> &rows)
{
    m_view->appendSamples(rows);
    updateState();
}

void GpuChart::setMetric(GpuChartView::Metric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
}

bool GpuChart::showsNoGpuState() const
{
    return m_stack->currentIndex() == 0;
}

void GpuChart::updateState()
{
    m_stack->setCurrentIndex(m_view->hasSamples() ? 1 : 0);
    const qsizetype n = m_view->gpus().size();
    m_gpuCount->setText(n > 0 ? tr("%n GPU(s)", nullptr, int(n)) : QString());
}

} // namespace td
