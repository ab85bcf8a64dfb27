#include "core/jobs/LocalJobRunner.h"

#include "core/jobs/MetricLineParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace td {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("td::LocalJobRunner", text);
}
constexpr int kPollMs = 200;
} // namespace

LocalJobRunner::LocalJobRunner(Store *store, JobRecord job, EngineConfig config, QString enginePath,
                               QString jobDir, QObject *parent)
    : QObject(parent), m_store(store), m_job(std::move(job)), m_config(std::move(config)),
      m_enginePath(std::move(enginePath)), m_jobDir(std::move(jobDir))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &LocalJobRunner::pollFiles);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        const qint64 pid = m_process.processId();
        if (pid > 0)
            ::kill(-static_cast<pid_t>(pid), SIGKILL);
    });
    connect(&m_process, &QProcess::finished, this, &LocalJobRunner::onProcessFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &LocalJobRunner::onProcessError);
}

LocalJobRunner::~LocalJobRunner()
{
    if (m_process.state() != QProcess::NotRunning) {
        // The owner is going away with the job still running: stop it the same way a user
        // would, so it is recorded rather than silently killed.
        m_stopRequested = true;
        const qint64 pid = m_process.processId();
        if (pid > 0)
            ::kill(-static_cast<pid_t>(pid), SIGTERM);
        if (!m_process.waitForFinished(10000)) {
            ::kill(-static_cast<pid_t>(pid), SIGKILL);
            m_process.waitForFinished(2000);
        }
    }
}

void LocalJobRunner::start()
{
    QDir().mkpath(m_jobDir);
    QFile::setPermissions(m_jobDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_process.setProgram(m_enginePath);
    m_process.setArguments(m_config.trainArguments(m_jobDir));
    m_process.setWorkingDirectory(m_jobDir);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(QDir(m_jobDir).filePath(QStringLiteral("run.log")),
                                    QIODevice::Append);
    m_process.setStandardInputFile(QProcess::nullDevice());
    // Its own process group, so a stop reaches every thread and child of the engine.
    m_process.setChildProcessModifier([] { ::setsid(); });

    m_job.state = JobState::Starting;
    m_job.startedAt = QDateTime::currentDateTimeUtc();
    m_job.remoteDir = m_jobDir;
    m_store->updateJob(m_job);
    m_store->logEvent(
        QStringLiteral("launch"),
        tr("Started %1 %2").arg(m_enginePath, m_process.arguments().join(QLatin1Char(' '))),
        m_job.machineId, m_job.id);
    Q_EMIT jobUpdated(m_job);
    m_process.start();
    m_poll.start();
}

void LocalJobRunner::stop(int graceMs)
{
    if (isFinished() || m_process.state() == QProcess::NotRunning)
        return;
    m_stopRequested = true;
    setState(JobState::Stopping);
    m_store->logEvent(QStringLiteral("stop"), tr("Stop requested"), m_job.machineId, m_job.id);
    const qint64 pid = m_process.processId();
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGTERM);
    m_killTimer.start(graceMs);
}

void LocalJobRunner::setState(JobState state)
{
    if (m_job.state == state)
        return;
    m_job.state = state;
    m_store->updateJob(m_job);
    Q_EMIT jobUpdated(m_job);
}

void LocalJobRunner::pollFiles()
{
    QList<QByteArray> lines;
    QString error;
    if (!m_metrics.poll(QDir(m_jobDir).filePath(QStringLiteral("metrics.jsonl")), &lines, &error))
        m_store->logEvent(QStringLiteral("error"), error, m_job.machineId, m_job.id);
    if (!lines.isEmpty()) {
        QList<MetricRow> rows;
        rows.reserve(lines.size());
        for (const QByteArray &line : lines) {
            const ParsedMetricLine parsed = parseMetricLine(line, m_nextSeq++);
            if (parsed.ok)
                m_outcome.observe(parsed.row);
            else
                ++m_malformed;
            rows.append(parsed.row);
        }
        m_store->appendMetrics(m_job.id, QStringLiteral("metrics.jsonl"), m_metrics.offset(), rows);
        if (m_job.state == JobState::Starting)
            setState(JobState::Running);
        Q_EMIT metricsAppended(m_job.id, rows);
    }

    QList<QByteArray> logLines;
    m_log.poll(QDir(m_jobDir).filePath(QStringLiteral("run.log")), &logLines);
    if (!logLines.isEmpty()) {
        QStringList text;
        text.reserve(logLines.size());
        for (const QByteArray &l : logLines)
            text << QString::fromUtf8(l);
        Q_EMIT logAppended(m_job.id, text);
    }
}

QString LocalJobRunner::logTail(int maxLines) const
{
    QFile f(QDir(m_jobDir).filePath(QStringLiteral("run.log")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const qint64 window = 16 * 1024;
    if (f.size() > window)
        f.seek(f.size() - window);
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join(QLatin1Char('\n'));
}

void LocalJobRunner::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    pollFiles(); // the last lines written before exit
    if (status == QProcess::CrashExit)
        finish(m_stopRequested ? JobState::Stopped : JobState::Failed, std::nullopt,
               m_stopRequested ? tr("Stopped")
                               : tr("The engine crashed: %1").arg(m_process.errorString()));
    else if (m_stopRequested)
        finish(JobState::Stopped, exitCode, tr("Stopped by the user"));
    else if (exitCode == 0 && m_outcome.endedOk())
        finish(JobState::Succeeded, exitCode, {});
    else if (exitCode == 0)
        finish(JobState::Failed, exitCode,
               tr("The engine exited without reporting the end of training"));
    else
        finish(JobState::Failed, exitCode,
               m_outcome.errorMessage().isEmpty()
                   ? tr("The engine exited with code %1").arg(exitCode)
                   : m_outcome.errorMessage());
}

void LocalJobRunner::onProcessError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        finish(JobState::Failed, std::nullopt,
               tr("Cannot start the engine %1: %2").arg(m_enginePath, m_process.errorString()));
}

void LocalJobRunner::finish(JobState state, std::optional<int> exitCode, const QString &reason)
{
    if (isFinished())
        return;
    m_poll.stop();
    m_job.cost = 0.0; // this computer costs nothing by the hour
    m_outcome.finish(&m_job, state, exitCode, reason,
                     state == JobState::Succeeded ? QString() : logTail(30), m_malformed);
    m_store->updateJob(m_job);
    m_store->logEvent(QStringLiteral("end"),
                      reason.isEmpty() ? jobStateName(state)
                                       : jobStateName(state) + QLatin1String(": ") + reason,
                      m_job.machineId, m_job.id);
    Q_EMIT jobUpdated(m_job);
    Q_EMIT finished(m_job.id);
}

} // namespace td
