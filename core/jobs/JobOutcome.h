// What a job's metric lines say about how it ended, and the summary_json written when it does.
// Shared by the Local runner and the remote monitor so both record an end the same way.
#pragma once

#include "core/store/StoreRecords.h"

#include <QString>

#include <optional>

namespace td {

class JobOutcome
{
public:
    // Feed every parsed row: `end`, `error` and test `eval` lines are remembered.
    void observe(const MetricRow &row);

    bool endedOk() const { return m_endStatus == QLatin1String("ok"); }
    std::optional<double> finalAccuracy() const { return m_finalAccuracy; }
    QString errorKind() const { return m_errorKind; }
    QString errorMessage() const { return m_errorMessage; }
    void setErrorMessage(const QString &message) { m_errorMessage = message; }

    // Sets state, exit code, end time and summary_json on `job`: final accuracy, the reason,
    // duration, and for a job that did not succeed its log tail (and for a failed one the
    // diagnosis findings). `malformedLines` is recorded when non-zero.
    void finish(JobRecord *job, JobState state, std::optional<int> exitCode, const QString &reason,
                const QString &logTail, int malformedLines = 0) const;

private:
    QString m_endStatus;
    std::optional<double> m_finalAccuracy;
    QString m_errorKind;
    QString m_errorMessage;
};

} // namespace td
