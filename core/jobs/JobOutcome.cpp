#include "core/jobs/JobOutcome.h"

#include "core/diagnosis/Diagnosis.h"
#include "core/jobs/MetricLineParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace td {

void JobOutcome::observe(const MetricRow &row)
{
    if (row.event == QLatin1String("end")) {
        m_endStatus = QJsonDocument::fromJson(row.text.toUtf8())
                          .object()
                          .value(QLatin1String("status"))
                          .toString();
        if (const auto acc = metricValue(row, QStringLiteral("final_test_accuracy")))
            m_finalAccuracy = acc;
    } else if (row.event == QLatin1String("error")) {
        const QJsonObject o = QJsonDocument::fromJson(row.text.toUtf8()).object();
        m_errorKind = o.value(QLatin1String("kind")).toString();
        m_errorMessage = o.value(QLatin1String("message")).toString();
    } else if (row.event == QLatin1String("eval") && row.split == QLatin1String("test")) {
        // "Final accuracy" is the last test evaluation (DESIGN.md).
        if (const auto acc = metricValue(row, QStringLiteral("accuracy")))
            m_finalAccuracy = acc;
    }
}

void JobOutcome::finish(JobRecord *job, JobState state, std::optional<int> exitCode,
                        const QString &reason, const QString &logTail, int malformedLines) const
{
    job->state = state;
    if (exitCode)
        job->exitCode = exitCode;
    job->endedAt = QDateTime::currentDateTimeUtc();
    QJsonObject summary = QJsonDocument::fromJson(job->summaryJson.toUtf8()).object();
    if (m_finalAccuracy)
        summary[QLatin1String("final_test_accuracy")] = *m_finalAccuracy;
    if (!reason.isEmpty())
        summary[QLatin1String("reason")] = reason;
    if (!m_errorKind.isEmpty())
        summary[QLatin1String("error_kind")] = m_errorKind;
    if (malformedLines > 0)
        summary[QLatin1String("malformed_lines")] = malformedLines;
    if (job->startedAt.isValid())
        summary[QLatin1String("duration_s")] = job->startedAt.msecsTo(job->endedAt) / 1000.0;
    if (state != JobState::Succeeded)
        summary[QLatin1String("log_tail")] = logTail;
    if (state == JobState::Failed || state == JobState::Lost) {
        QJsonArray findings;
        const QList<Finding> found = diagnose(exitCode, m_errorKind, logTail);
        for (const Finding &f : found)
            findings.append(findingKindName(f.kind));
        summary[QLatin1String("findings")] = findings;
    }
    job->summaryJson = QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact));
}

} // namespace td
