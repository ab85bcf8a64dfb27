#include "ui/main/JobHistoryModel.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace td {

JobHistoryModel::JobHistoryModel(Store *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    reload();
}

void JobHistoryModel::reload()
{
    beginResetModel();
    m_jobs = m_store->jobs();
    m_machineNames.clear();
    const QList<MachineRecord> machines = m_store->machines();
    for (const MachineRecord &m : machines)
        m_machineNames.insert(m.id, m.name);
    endResetModel();
}

void JobHistoryModel::updateJob(const JobRecord &job)
{
    const int row = rowOf(job.id);
    if (row < 0) {
        beginInsertRows({}, 0, 0);
        m_jobs.prepend(job);
        endInsertRows();
        return;
    }
    m_jobs[row] = job;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int JobHistoryModel::rowOf(const QString &jobId) const
{
    for (int i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs.at(i).id == jobId)
            return i;
    }
    return -1;
}

const JobRecord *JobHistoryModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
}

QString JobHistoryModel::stateText(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return tr("Queued");
    case JobState::Uploading:
        return tr("Uploading");
    case JobState::Starting:
        return tr("Starting");
    case JobState::Running:
        return tr("Running");
    case JobState::Stopping:
        return tr("Stopping");
    case JobState::Succeeded:
        return tr("Succeeded");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Stopped:
        return tr("Stopped");
    case JobState::Lost:
        return tr("Lost");
    }
    return {};
}

QString JobHistoryModel::machineName(const QString &id) const
{
    if (id == QLatin1String("local"))
        return tr("Local");
    return m_machineNames.value(id, id);
}

int JobHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const JobRecord &job = m_jobs.at(index.row());
    if (role == JobIdRole)
        return job.id;
    const QJsonObject config = QJsonDocument::fromJson(job.configJson.toUtf8()).object();
    const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
    const QJsonValue acc = summary.value(QLatin1String("final_test_accuracy"));
    double duration = -1;
    if (job.startedAt.isValid()) {
        const QDateTime end = job.endedAt.isValid() ? job.endedAt : QDateTime::currentDateTimeUtc();
        duration = job.startedAt.msecsTo(end) / 1000.0;
    }

    if (role == SortRole) {
        switch (index.column()) {
        case Started:
            return job.createdAt;
        case FinalAccuracy:
            return acc.isDouble() ? acc.toDouble() : -1.0;
        case Duration:
            return duration;
        case Cost:
            return job.cost.value_or(-1.0);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (job.state == JobState::Failed || job.state == JobState::Lost)
            return QBrush(QColor(0xc0392b));
        if (job.state == JobState::Succeeded)
            return QBrush(QColor(0x1e8449));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == State)
        return summary.value(QLatin1String("reason")).toString();
    if (role == Qt::TextAlignmentRole && index.column() >= FinalAccuracy)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};

    switch (index.column()) {
    case Started:
        return QLocale().toString(job.createdAt.toLocalTime(), QLocale::ShortFormat);
    case Machine:
        return machineName(job.machineId);
    case Model:
        if (job.kind == QLatin1String("engine"))
            return tr("%1 · %n epoch(s)", nullptr, config.value(QLatin1String("epochs")).toInt())
                .arg(config.value(QLatin1String("model")).toString());
        return job.command;
    case State:
        return stateText(job.state);
    case FinalAccuracy:
        return acc.isDouble()
                   ? QLocale().toString(acc.toDouble() * 100.0, 'f', 2) + QLatin1Char('%')
                   : QString();
    case Duration: {
        if (duration < 0)
            return QString();
        const qint64 s = qint64(duration);
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    case Cost:
        return job.cost ? QLocale().toString(*job.cost, 'f', 2) : QString();
    }
    return {};
}

QVariant JobHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started:
        return tr("Created");
    case Machine:
        return tr("Machine");
    case Model:
        return tr("Job");
    case State:
        return tr("Status");
    case FinalAccuracy:
        return tr("Test accuracy");
    case Duration:
        return tr("Duration");
    case Cost:
        return tr("Cost");
    }
    return {};
}

} // namespace td
