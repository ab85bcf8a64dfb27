// Why a failed or lost job failed: one card per diagnosis finding (title, explanation, remedies,
// and the log line that gave it away), shown above the job's log.
#pragma once

#include "core/diagnosis/Diagnosis.h"
#include "core/store/StoreRecords.h"

#include <QWidget>

class QVBoxLayout;

namespace td {

class DiagnosisCards : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosisCards(QWidget *parent = nullptr);

    // Findings for a Failed or Lost job from its summary_json (error_kind, log_tail, reason) and
    // exit code; none for any other state. `logFallback` is used when the summary has no tail
    // (a job lost before it could write one).
    static QList<Finding> diagnoseJob(const JobRecord &job, const QString &logFallback);

    void showFindings(const QList<Finding> &findings);
    void clear() { showFindings({}); }
    int cardCount() const { return int(m_findings.size()); }
    const QList<Finding> &findings() const { return m_findings; }

Q_SIGNALS:
    void findingsChanged(int count);

private:
    QWidget *makeCard(const Finding &finding);

    QVBoxLayout *m_layout;
    QList<Finding> m_findings;
};

} // namespace td
