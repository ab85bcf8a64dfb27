// Table model of every job in the store, newest first (the History page and the machine list).
#pragma once

#include "core/store/Store.h"

#include <QAbstractTableModel>

namespace td {

class JobHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Machine, Model, State, FinalAccuracy, Duration, Cost, ColumnCount };
    static constexpr int JobIdRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit JobHistoryModel(Store *store, QObject *parent = nullptr);

    void reload();
    // Updates one row in place (live progress) without re-reading the store.
    void updateJob(const JobRecord &job);
    int rowOf(const QString &jobId) const;
    const JobRecord *jobAt(int row) const;

    static QString stateText(JobState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString machineName(const QString &id) const;

    Store *m_store;
    QList<JobRecord> m_jobs;
    QHash<QString, QString> m_machineNames;
};

} // namespace td
