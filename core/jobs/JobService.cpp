#include "core/jobs/JobService.h"

#include "core/jobs/EngineLocator.h"
#include "core/jobs/LocalJobRunner.h"
#include "core/jobs/LogMetricExtractor.h"
#include "core/jobs/RemoteJobMonitor.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QUuid>

namespace td {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("td::JobService", text);
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

void JobService::recover(bool reattachRemote)
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
        if (isTerminal(job.state) || m_runners.contains(job.id) || m_monitors.contains(job.id))
            continue;
        if (job.machineId != localMachineId()) {
            if (reattachRemote && !job.machineId.isEmpty())
                attach(job.id);
            continue;
        }
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
    job.command =
        QStringLiteral("traindeck-engine ") + config.trainArguments(dir).join(QLatin1Char(' '));
    job.configJson =
        QString::fromUtf8(QJsonDocument(config.toJson()).toJson(QJsonDocument::Compact));
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

QString JobService::launchRemote(const QString &machineId, const RemoteJobRequest &request,
                                 QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return QString();
    };
    m_store->flush(5000); // a machine added a moment ago must be readable
    const auto machine = m_store->machine(machineId);
    if (!machine || machineId == localMachineId())
        return fail(tr("Unknown machine \"%1\".").arg(machineId));
    RemoteLaunchSpec spec;
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString root =
        machine->remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : machine->remoteRoot;
    const QString dir = root + QLatin1String("/jobs/") + id;
    JobRecord job;
    job.id = id;
    job.machineId = machineId;
    job.kind = request.kind;
    if (request.kind == QLatin1String("engine")) {
        if (const QString invalid = request.engine.validate(); !invalid.isEmpty())
            return fail(invalid);
        if (request.enginePath.isEmpty())
            return fail(tr("traindeck-engine is not installed on %1 yet.").arg(machine->name));
        // --out . : run.sh runs in the job directory, so metrics.jsonl lands beside run.log.
        spec.argv =
            QStringList{request.enginePath} + request.engine.trainArguments(QStringLiteral("."));
        spec.workDir = QString(); // the job directory: --out . writes metrics.jsonl beside run.log
        job.configJson = QString::fromUtf8(
            QJsonDocument(request.engine.toJson()).toJson(QJsonDocument::Compact));
        job.command = spec.argv.join(QLatin1Char(' '));
    } else {
        if (request.command.isEmpty())
            return fail(tr("The job has no command."));
        const auto preset = LogMetricExtractor::presetFromName(request.metricsPreset);
        if (!preset)
            return fail(tr("Unknown metrics format \"%1\". Choose one of: %2.")
                            .arg(request.metricsPreset,
                                 LogMetricExtractor::presetNames().join(QStringLiteral(", "))));
        if (const LogMetricExtractor probe(*preset, request.metricsRegex); !probe.isValid())
            return fail(probe.error());
        spec.argv = request.command;
        spec.workDir = request.workDir;
        spec.envSetup = request.envSetup;
        job.command = request.command.join(QLatin1Char(' '));
        job.configJson = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("command"),
                                       QJsonArray::fromStringList(request.command)},
                                      {QStringLiteral("working_dir"), request.workDir},
                                      {QStringLiteral("env_setup"), request.envSetup},
                                      {QStringLiteral("metrics"), request.metricsPreset},
                                      {QStringLiteral("metrics_regex"), request.metricsRegex}})
                .toJson(QJsonDocument::Compact));
    }
    QJsonObject jobJson{{QStringLiteral("protocol"), 1},
                        {QStringLiteral("job_id"), id},
                        {QStringLiteral("kind"), request.kind},
                        {QStringLiteral("command"), QJsonArray::fromStringList(spec.argv)},
                        {QStringLiteral("working_dir"), spec.workDir},
                        {QStringLiteral("env_setup"), spec.envSetup}};
    if (request.kind == QLatin1String("engine"))
        jobJson[QLatin1String("engine_config")] = request.engine.toJson();
    spec.jobJson = QJsonDocument(jobJson).toJson(QJsonDocument::Compact);
    job.remoteDir = dir;
    job.state = JobState::Queued;
    job.createdAt = QDateTime::currentDateTimeUtc();
    m_store->insertJob(job);
    auto *monitor =
        new RemoteJobMonitor(m_store, *machine, job, connectOptionsFor(*machine), spec, this);
    watch(monitor);
    monitor->start();
    return id;
}

bool JobService::attach(const QString &jobId, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_monitors.contains(jobId))
        return fail(tr("Job %1 is already followed.").arg(jobId.left(8)));
    m_store->flush();
    const auto job = m_store->job(jobId);
    if (!job)
        return fail(tr("No job \"%1\".").arg(jobId));
    if (isTerminal(job->state))
        return fail(tr("Job %1 has already ended.").arg(jobId.left(8)));
    const auto machine = m_store->machine(job->machineId);
    if (!machine || machine->id == localMachineId())
        return fail(tr("Job %1 does not run on a remote machine.").arg(jobId.left(8)));
    auto *monitor = new RemoteJobMonitor(m_store, *machine, *job, connectOptionsFor(*machine),
                                         std::nullopt, this);
    watch(monitor);
    monitor->start();
    return true;
}

void JobService::watch(RemoteJobMonitor *monitor)
{
    const QString id = monitor->job().id;
    m_monitors.insert(id, monitor);
    connect(monitor, &RemoteJobMonitor::jobUpdated, this, &JobService::jobUpdated);
    connect(monitor, &RemoteJobMonitor::metricsAppended, this, &JobService::metricsAppended);
    connect(monitor, &RemoteJobMonitor::logAppended, this, &JobService::logAppended);
    connect(monitor, &RemoteJobMonitor::gpuSamplesAppended, this, &JobService::gpuSamplesAppended);
    connect(monitor, &RemoteJobMonitor::connectionProblem, this, &JobService::connectionProblem);
    connect(monitor, &RemoteJobMonitor::finished, this, [this, monitor](const QString &jobId) {
        m_monitors.remove(jobId);
        monitor->deleteLater();
        Q_EMIT jobFinished(jobId);
    });
}

bool JobService::stop(const QString &jobId)
{
    if (const auto m = m_monitors.value(jobId)) {
        m->stop();
        return true;
    }
    const auto it = m_runners.constFind(jobId);
    if (it == m_runners.constEnd() || !*it)
        return false;
    (*it)->stop();
    return true;
}

bool JobService::isActive(const QString &jobId) const
{
    return m_runners.contains(jobId) || m_monitors.contains(jobId);
}

QStringList JobService::activeJobs() const
{
    return m_runners.keys() + m_monitors.keys();
}

QStringList JobService::activeLocalJobs() const
{
    return m_runners.keys();
}

void JobService::stopAll(int timeoutMs)
{
    // Remote jobs run detached and are not stopped when the app quits: only stop following.
    for (const auto &monitor : std::as_const(m_monitors))
        delete monitor.data();
    m_monitors.clear();
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
