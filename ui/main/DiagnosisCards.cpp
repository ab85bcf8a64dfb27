#include "ui/main/DiagnosisCards.h"

#include <QFrame>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QVBoxLayout>

namespace td {

DiagnosisCards::DiagnosisCards(QWidget *parent) : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    setVisible(false);
}

QList<Finding> DiagnosisCards::diagnoseJob(const JobRecord &job, const QString &logFallback)
{
    if (job.state != JobState::Failed && job.state != JobState::Lost)
        return {};
    const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
    QString tail = summary.value(QLatin1String("log_tail")).toString();
    if (tail.isEmpty())
        tail = logFallback;
    // The reason is often the engine's own error message: let the rules see it too.
    const QString reason = summary.value(QLatin1String("reason")).toString();
    if (!reason.isEmpty() && !tail.contains(reason))
        tail += QLatin1Char('\n') + reason;
    return diagnose(job.exitCode, summary.value(QLatin1String("error_kind")).toString(), tail);
}

void DiagnosisCards::showFindings(const QList<Finding> &findings)
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_findings = findings;
    for (const Finding &f : findings)
        m_layout->addWidget(makeCard(f));
    setVisible(!findings.isEmpty());
    Q_EMIT findingsChanged(int(findings.size()));
}

QWidget *DiagnosisCards::makeCard(const Finding &finding)
{
    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("diagnosisCard"));
    card->setFrameShape(QFrame::StyledPanel);
    // A red edge marks a failure without turning the whole card into an alarm.
    card->setStyleSheet(QStringLiteral(
        "#diagnosisCard { border: 1px solid palette(mid); border-left: 4px solid #d62728;"
        " border-radius: 4px; background: palette(base); }"));
    auto *layout = new QVBoxLayout(card);
    layout->setSpacing(4);

    auto *title = new QLabel(finding.title, card);
    title->setObjectName(QStringLiteral("title"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setWordWrap(true);
    layout->addWidget(title);

    QString text = finding.explanation;
    if (!finding.detail.isEmpty())
        text += QLatin1Char(' ') + finding.detail;
    auto *explanation = new QLabel(text, card);
    explanation->setObjectName(QStringLiteral("explanation"));
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);
    layout->addWidget(explanation);

    if (!finding.remedies.isEmpty()) {
        QString html = QStringLiteral("<ul style=\"margin-left: -20px;\">");
        for (const QString &r : finding.remedies)
            html += QStringLiteral("<li>") + r.toHtmlEscaped() + QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
        auto *remedies = new QLabel(html, card);
        remedies->setObjectName(QStringLiteral("remedies"));
        remedies->setTextFormat(Qt::RichText);
        remedies->setWordWrap(true);
        remedies->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(remedies);
    }

    if (!finding.evidence.isEmpty()) {
        auto *evidence = new QLabel(finding.evidence, card);
        evidence->setObjectName(QStringLiteral("evidence"));
        evidence->setTextFormat(Qt::PlainText);
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        evidence->setFont(mono);
        evidence->setWordWrap(true);
        evidence->setTextInteractionFlags(Qt::TextSelectableByMouse);
        evidence->setToolTip(tr("The line of the log this finding is based on"));
        layout->addWidget(evidence);
    }
    return card;
}

} // namespace td
