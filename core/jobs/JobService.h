// Launches, stops and tracks training jobs for both the GUI and the CLI.
#pragma once

#include "core/jobs/EngineConfig.h"
#include "core/store/Store.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace td {

class LocalJobRunner;

class JobService : public QObject
{
    Q_OBJECT
public:
    static QString localMachineId() { return QStringLiteral("local"); }

    JobService(Store *store, QString dataDir, QObject *parent = nullptr);
    ~JobService() override;

    // Makes sure the Local machine row exists and marks Local jobs that were left running by a
    // previous process (which took the engine with it) as lost, with an audit entry.
    void recover();

    // Validates the config and the dataset, then starts the engine on this computer. Returns
    // the new job id, or an empty string with a translated *error.
    QString launchLocal(const EngineConfig &config, QString *error);
    bool stop(const QString &jobId);
    bool isActive(const QString &jobId) const;
    QStringList activeJobs() const;
    QString jobDir(const QString &jobId) const;
    // Stops every running job and waits for them to finish (application shutdown).
    void stopAll(int timeoutMs = 15000);

Q_SIGNALS:
    void jobUpdated(const td::JobRecord &job);
    void metricsAppended(const QString &jobId, const QList<td::MetricRow> &rows);
    void logAppended(const QString &jobId, const QStringList &lines);
    void jobFinished(const QString &jobId);

private:
    Store *m_store;
    QString m_dataDir;
    QHash<QString, QPointer<LocalJobRunner>> m_runners;
};

} // namespace td
