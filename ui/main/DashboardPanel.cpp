#include "ui/main/DashboardPanel.h"

#include "core/jobs/MetricLineParser.h"
#include "ui/charts/GpuChart.h"
#include "ui/charts/MetricsChart.h"
#include "ui/main/DiagnosisCards.h"
#include "ui/main/JobHistoryModel.h"
#include "ui/main/MetricsChartBar.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace td {

DashboardPanel::DashboardPanel(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    m_title = new QLabel(tr("No job selected. Launch one, or open one from History."), this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setToolTip(tr("Ask the engine to save a checkpoint and stop"));
    m_exportCsv = new QPushButton(tr("Export CSV…"), this);
    m_exportPng = new QPushButton(tr("Export PNG…"), this);
    auto *reset = new QPushButton(tr("Reset Zoom"), this);

    m_chart = new MetricsChart(this);
    m_chart->setMinimumHeight(260);
    m_chartBar = new MetricsChartBar(m_chart, this);
    m_gpu = new GpuChart(this);
    m_gpu->setMinimumWidth(180);
    m_cards = new DiagnosisCards(this);

    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(20000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(reset);
    header->addWidget(m_exportCsv);
    header->addWidget(m_exportPng);
    header->addWidget(m_stop);

    auto *logBox = new QWidget(this);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("Log"), logBox));
    logBar->addStretch(1);
    logBar->addWidget(m_search);
    logBar->addWidget(m_follow);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addLayout(logBar);
    logLayout->addWidget(m_log);

    // A failure's explanation sits right above the log it came from; several findings scroll.
    auto *cardsScroll = new QScrollArea(this);
    cardsScroll->setWidget(m_cards);
    cardsScroll->setWidgetResizable(true);
    cardsScroll->setFrameShape(QFrame::NoFrame);
    cardsScroll->setMaximumHeight(280);
    cardsScroll->setVisible(false);
    connect(m_cards, &DiagnosisCards::findingsChanged, cardsScroll,
            [cardsScroll](int count) { cardsScroll->setVisible(count > 0); });
    logLayout->insertWidget(0, cardsScroll);

    auto *training = new QWidget(this);
    auto *trainingLayout = new QVBoxLayout(training);
    trainingLayout->setContentsMargins(0, 0, 0, 0);
    trainingLayout->addWidget(m_chartBar);
    trainingLayout->addWidget(m_chart, 1);

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(training);
    charts->addWidget(m_gpu);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(logBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (!m_job.id.isEmpty())
            Q_EMIT stopRequested(m_job.id);
    });
    connect(reset, &QPushButton::clicked, m_chart, &MetricsChart::resetZoom);
    connect(m_exportCsv, &QPushButton::clicked, this, &DashboardPanel::exportCsv);
    connect(m_exportPng, &QPushButton::clicked, this, &DashboardPanel::exportPng);
    connect(m_search, &QLineEdit::returnPressed, this, &DashboardPanel::findNext);
    connect(m_chartBar, &MetricsChartBar::compareMenuAboutToShow, this,
            [this] { m_chartBar->setCompareCandidates(compareCandidates()); });
    connect(m_chartBar, &MetricsChartBar::compareRequested, this, [this](const QString &id) {
        if (!compareWith(id))
            QMessageBox::information(this, tr("Compare"),
                                     tr("That job has no metrics to compare."));
    });
    connect(m_chartBar, &MetricsChartBar::clearCompareRequested, this,
            &DashboardPanel::clearComparison);
    updateHeader();
}

QList<MetricRow> DashboardPanel::storedRows(const QString &jobId) const
{
    const QStringList lines = m_store->metricLines(jobId);
    QList<MetricRow> rows;
    rows.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const ParsedMetricLine p = parseMetricLine(lines.at(i).toUtf8(), i);
        if (p.ok)
            rows.append(p.row);
    }
    return rows;
}

void DashboardPanel::showJob(const JobRecord &job)
{
    if (job.id != m_job.id)
        clearComparison(); // a comparison is relative to the job it was made for
    m_job = job;
    m_chart->clear();
    m_log->clear();
    m_lastMetric.clear();
    appendRows(job.id, storedRows(job.id));
    m_gpu->clear();
    if (!job.id.isEmpty())
        m_gpu->appendSamples(m_store->gpuSamples(job.id));
    // Local jobs keep their log beside the metrics; show what is there so far.
    if (!job.remoteDir.isEmpty() && job.machineId == QLatin1String("local")) {
        QFile f(QDir(job.remoteDir).filePath(QStringLiteral("run.log")));
        if (f.open(QIODevice::ReadOnly)) {
            const qint64 window = 512 * 1024;
            if (f.size() > window)
                f.seek(f.size() - window);
            m_log->setPlainText(QString::fromUtf8(f.readAll()));
            m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
        }
    }
    updateHeader();
    updateDiagnosis();
}

void DashboardPanel::updateJob(const JobRecord &job)
{
    if (job.id != m_job.id)
        return;
    m_job = job;
    updateHeader();
    updateDiagnosis();
}

void DashboardPanel::appendGpuSamples(const QString &jobId, const QList<GpuSampleRecord> &rows)
{
    if (jobId != m_job.id || jobId.isEmpty())
        return;
    m_gpu->appendSamples(rows);
}

QString DashboardPanel::jobLabel(const JobRecord &job) const
{
    const QJsonObject config = QJsonDocument::fromJson(job.configJson.toUtf8()).object();
    const QString model = config.value(QLatin1String("model")).toString();
    const QString when = QLocale().toString(job.createdAt.toLocalTime(), QLocale::ShortFormat);
    return model.isEmpty() ? tr("Job %1 · %2").arg(job.id.left(8), when)
                           : tr("Job %1 · %2 · %3").arg(job.id.left(8), model, when);
}

QList<std::pair<QString, QString>> DashboardPanel::compareCandidates() const
{
    // Enough to pick a recent baseline without turning the menu into a history browser.
    constexpr int kMaxCandidates = 30;
    QList<std::pair<QString, QString>> out;
    for (const JobRecord &j : m_store->jobs()) {
        if (j.id == m_job.id || !isTerminal(j.state))
            continue;
        out.append(
            {j.id, jobLabel(j) + QStringLiteral(" · ") + JobHistoryModel::stateText(j.state)});
        if (out.size() >= kMaxCandidates)
            break;
    }
    return out;
}

bool DashboardPanel::compareWith(const QString &jobId)
{
    const std::optional<JobRecord> job = m_store->job(jobId);
    if (!job)
        return false;
    const QList<MetricRow> rows = storedRows(jobId);
    if (rows.isEmpty())
        return false;
    const QString label = tr("job %1").arg(jobId.left(8));
    m_chart->setOverlay(label, rows);
    m_chartBar->setComparing(label);
    return true;
}

void DashboardPanel::clearComparison()
{
    if (!m_chart->hasOverlay())
        return;
    m_chart->clearOverlay();
    m_chartBar->setComparing({});
}

void DashboardPanel::updateDiagnosis()
{
    // The log view holds the end of run.log: the last lines stand in for a missing log_tail.
    constexpr int kFallbackLines = 60;
    QStringList lines = m_log->toPlainText().split(QLatin1Char('\n'));
    if (lines.size() > kFallbackLines)
        lines = lines.mid(lines.size() - kFallbackLines);
    m_cards->showFindings(DiagnosisCards::diagnoseJob(m_job, lines.join(QLatin1Char('\n'))));
}

void DashboardPanel::appendRows(const QString &jobId, const QList<MetricRow> &rows)
{
    if (jobId != m_job.id)
        return;
    m_chart->appendRows(rows);
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        const MetricRow &r = *it;
        if (r.event != QLatin1String("step") && r.event != QLatin1String("eval"))
            continue;
        QStringList parts;
        if (r.epoch)
            parts << tr("epoch %1").arg(*r.epoch + 1);
        if (r.step)
            parts << tr("step %1").arg(*r.step);
        for (const MetricValue &v : r.values) {
            if (v.name == QLatin1String("loss"))
                parts << tr("loss %1").arg(v.value, 0, 'f', 4);
            else if (v.name == QLatin1String("accuracy"))
                parts << (r.split == QLatin1String("test") ? tr("test accuracy %1%")
                                                           : tr("validation accuracy %1%"))
                             .arg(v.value * 100.0, 0, 'f', 2);
            else if (v.name == QLatin1String("samples_per_s"))
                parts << tr("%1 img/s").arg(QLocale().toString(v.value, 'f', 0));
        }
        m_lastMetric = parts.join(QStringLiteral(" · "));
        break;
    }
    updateHeader();
}

void DashboardPanel::appendLog(const QString &jobId, const QStringList &lines)
{
    if (jobId != m_job.id)
        return;
    QScrollBar *bar = m_log->verticalScrollBar();
    const int keep = bar->value();
    for (const QString &l : lines)
        m_log->appendPlainText(l);
    if (m_follow->isChecked())
        bar->setValue(bar->maximum());
    else
        bar->setValue(keep);
}

void DashboardPanel::updateHeader()
{
    const bool has = !m_job.id.isEmpty();
    m_stop->setEnabled(has &&
                       (m_job.state == JobState::Running || m_job.state == JobState::Starting));
    m_exportCsv->setEnabled(has);
    m_exportPng->setEnabled(has);
    if (!has)
        return;
    const QJsonObject config = QJsonDocument::fromJson(m_job.configJson.toUtf8()).object();
    QString what = config.value(QLatin1String("model")).toString();
    if (what.isEmpty()) // a script job: its command
        what = m_job.command.size() > 60 ? m_job.command.left(57) + QStringLiteral("…")
                                         : m_job.command;
    m_title->setText(tr("Job %1 · %2 · %3")
                         .arg(m_job.id.left(8), what, JobHistoryModel::stateText(m_job.state)));
    QString status = m_lastMetric;
    const QJsonObject summary = QJsonDocument::fromJson(m_job.summaryJson.toUtf8()).object();
    if (const QJsonValue acc = summary.value(QLatin1String("final_test_accuracy")); acc.isDouble())
        status = tr("Final test accuracy %1%").arg(acc.toDouble() * 100.0, 0, 'f', 2) +
                 (status.isEmpty() ? QString() : QStringLiteral(" · ") + status);
    if (const QString reason = summary.value(QLatin1String("reason")).toString(); !reason.isEmpty())
        status = reason + (status.isEmpty() ? QString() : QStringLiteral(" · ") + status);
    if (const QString tmux = summary.value(QLatin1String("tmux_attach")).toString();
        !tmux.isEmpty() && !isTerminal(m_job.state))
        status += (status.isEmpty() ? QString() : QStringLiteral(" · ")) +
                  tr("In a terminal: %1").arg(tmux);
    m_status->setText(status);
}

void DashboardPanel::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Metrics"), QStringLiteral("metrics-%1.csv").arg(m_job.id.left(8)),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_chart->saveCsv(path, &error))
        QMessageBox::warning(this, tr("Export Metrics"),
                             tr("Cannot write %1: %2").arg(path, error));
}

void DashboardPanel::exportPng()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), QStringLiteral("chart-%1.png").arg(m_job.id.left(8)),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!m_chart->savePng(path))
        QMessageBox::warning(this, tr("Export Chart"), tr("Cannot write %1.").arg(path));
}

void DashboardPanel::findNext()
{
    const QString text = m_search->text();
    if (text.isEmpty())
        return;
    if (!m_log->find(text)) {
        m_log->moveCursor(QTextCursor::Start);
        m_log->find(text);
    }
    m_follow->setChecked(false);
}

} // namespace td
