#include "core/jobs/JobService.h"

#include "core/jobs/EngineLocator.h"
#include "core/jobs/LocalJobRunner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonDocument>
#include <QSysInfo>
#include <QUuid>

namespace td {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JobService", text);
}
} // namespace

JobService::JobService(Store *store, QString dataDir, QObject *parent)
    : QObject(parent), m_store(store), m_dataDir(std::move(dataDir))
{
}

JobService::~JobService()
{
    stopAll();
}

void JobService::recover()
{
    if (!m_store->machine(localMachineId())) {
        MachineRecord local;
        local.id = localMachineId();
        local.provider = QStringLiteral("local");
        local.name = QSysInfo::machineHostName();
        local.host = QStringLiteral("localhost");
        local.gpuTier = QStringLiteral("local-cpu");
        local.hourlyPrice = 0.0;
        local.currency = QStringLiteral("CNY");
        local.status = QStringLiteral("ready");
        local.remoteRoot = QDir(m_dataDir).filePath(QStringLiteral("jobs"));
        local.createdAt = QDateTime::currentDateTimeUtc();
        m_store->upsertMachine(local);
    }
    const QList<JobRecord> jobs = m_store->jobs();
    for (JobRecord job : jobs) {
        if (job.machineId != localMachineId() || isTerminal(job.state) || m_runners.contains(job.id))
            continue;
        job.state = JobState::Lost;
        job.endedAt = QDateTime::currentDateTimeUtc();
        m_store->updateJob(job);
        m_store->logEvent(QStringLiteral("lost"),
                          tr("The application ended while this local job was running"),
                          job.machineId, job.id);
    }
}

QString JobService::jobDir(const QString &jobId) const
{
    return QDir(m_dataDir).filePath(QStringLiteral("jobs/") + jobId);
}

QString JobService::launchLocal(const EngineConfig &config, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    if (const QString invalid = config.validate(); !invalid.isEmpty())
        return fail(invalid);
    if (const QString missing = EngineConfig::checkDataset(config.dataDir); !missing.isEmpty())
        return fail(missing);
    const QString engine = locateEngine();
    if (engine.isEmpty())
        return fail(tr("The training engine traindeck-engine was not found next to the application "
                       "or on PATH. Rebuild TrainDeck or set TRAINDECK_ENGINE."));
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString dir = jobDir(id);
    if (!QDir().mkpath(dir))
        return fail(tr("Cannot create the job folder %1.").arg(QDir::toNativeSeparators(dir)));

    JobRecord job;
    job.id = id;
    job.machineId = localMachineId();
    job.kind = QStringLiteral("engine");
    job.command = QStringLiteral("traindeck-engine ") +
                  config.trainArguments(dir).join(QLatin1Char(' '));
    job.configJson = QString::fromUtf8(QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact));
    job.remoteDir = dir;
    job.state = JobState::Queued;
    job.createdAt = QDateTime::currentDateTimeUtc();
    m_store->insertJob(job);

    auto *runner = new LocalJobRunner(m_store, job, config, engine, dir, this);
    m_runners.insert(id, runner);
    connect(runner, &LocalJobRunner::jobUpdated, this, &JobService::jobUpdated);
    connect(runner, &LocalJobRunner::metricsAppended, this, &JobService::metricsAppended);
    connect(runner, &LocalJobRunner::logAppended, this, &JobService::logAppended);
    connect(runner, &LocalJobRunner::finished, this, [this, runner](const QString &jobId) {
        m_runners.remove(jobId);
        runner->deleteLater();
        Q_EMIT jobFinished(jobId);
    });
    runner->start();
    return id;
}

bool JobService::stop(const QString &jobId)
{
    const auto it = m_runners.constFind(jobId);
    if (it == m_runners.constEnd() || !*it)
        return false;
    (*it)->stop();
    return true;
}

bool JobService::isActive(const QString &jobId) const
{
    return m_runners.contains(jobId);
}

QStringList JobService::activeJobs() const
{
    return m_runners.keys();
}

void JobService::stopAll(int timeoutMs)
{
    if (m_runners.isEmpty())
        return;
    for (const auto &runner : std::as_const(m_runners)) {
        if (runner)
            runner->stop(timeoutMs / 2);
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!m_runners.isEmpty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    // Whatever is left is stopped (and recorded) by the runner's destructor.
    for (const auto &runner : std::as_const(m_runners))
        delete runner.data();
    m_runners.clear();
}

} // namespace td
