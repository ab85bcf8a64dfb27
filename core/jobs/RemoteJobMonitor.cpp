#include "core/jobs/RemoteJobMonitor.h"

#include "core/diagnosis/Diagnosis.h"
#include "core/jobs/LogMetricExtractor.h"
#include "core/jobs/MetricLineParser.h"
#include "core/remote/SshConnection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace td {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("td::RemoteJobMonitor", text);
}
constexpr int kPollMs = 1000;
constexpr int kMaxBackoffMs = 30000;
// A job that has not written its pid after this many polls never started.
constexpr int kMaxStartingPolls = 120;
} // namespace

SshConnectOptions connectOptionsFor(const MachineRecord &machine)
{
    SshConnectOptions o;
    o.endpoint.host = machine.host;
    o.endpoint.port = machine.port;
    o.endpoint.user = machine.user;
    o.endpoint.identityFile = machine.identityFile;
    o.endpoint.configAlias = machine.configAlias;
    if (!machine.jump.isEmpty()) {
        QString error;
        parseJumpSpec(machine.jump, &o.endpoint.jump, &error);
    }
    o.knownHostsPath = qEnvironmentVariable("TRAINDECK_KNOWN_HOSTS");
    return o;
}

RemoteJobMonitor::RemoteJobMonitor(Store *store, MachineRecord machine, JobRecord job,
                                   SshConnectOptions options,
                                   std::optional<RemoteLaunchSpec> launch, QObject *parent)
    : QObject(parent), m_store(store), m_machine(std::move(machine)), m_job(std::move(job)),
      m_launch(std::move(launch)), m_connection(std::make_unique<SshConnection>())
{
    m_connection->setOptions(options);
    m_connection->setUseKeychain(true);
    m_connection->setKeepaliveInterval(15000);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RemoteJobMonitor::pollNow);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] { m_connection->connectToHost(); });
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (isFinished() || !m_connected)
            return;
        auto remote = m_remote;
        m_connection->post([remote](SshSession &s) { remote->signal(s, true); });
        m_store->logEvent(QStringLiteral("stop"), tr("The job ignored SIGTERM: sent SIGKILL"),
                          m_machine.id, m_job.id);
    });
    connect(m_connection.get(), &SshConnection::connected, this, &RemoteJobMonitor::onConnected);
    connect(m_connection.get(), &SshConnection::failed, this, &RemoteJobMonitor::onConnectFailed);
    // The machine was trusted when it was added: a key that is now unknown or different is
    // refused here, never accepted in the background.
    connect(m_connection.get(), &SshConnection::hostKeyConfirmationRequested, this,
            [this](const HostKeyInfo &) { m_connection->answerHostKey(false); });
    connect(m_connection.get(), &SshConnection::passphraseRequested, this,
            [this](const QString &, int) { m_connection->answerPassphrase({}); });
    connect(m_connection.get(), &SshConnection::passwordRequested, this,
            [this](const QString &, int) { m_connection->answerPassword({}, false); });

    auto remoteRoot =
        m_machine.remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : m_machine.remoteRoot;
    m_remote = std::make_shared<RemoteJob>(m_store, m_machine.id, remoteRoot, m_job.id,
                                           m_job.remoteUtcOffsetSeconds.value_or(0));
    if (m_job.kind == QLatin1String("script")) {
        const QJsonObject config = QJsonDocument::fromJson(m_job.configJson.toUtf8()).object();
        const auto preset = LogMetricExtractor::presetFromName(
            config.value(QLatin1String("metrics")).toString(QStringLiteral("auto")));
        auto extractor = std::make_unique<LogMetricExtractor>(
            preset.value_or(LogMetricExtractor::Preset::Auto),
            config.value(QLatin1String("metrics_regex")).toString());
        if (extractor->isValid())
            m_remote->setLogExtractor(std::move(extractor));
    }
}

RemoteJobMonitor::~RemoteJobMonitor()
{
    m_poll.stop();
    m_reconnect.stop();
    m_connection->disconnectFromHost();
}

void RemoteJobMonitor::start()
{
    if (m_launch) {
        m_job.state = JobState::Starting;
        m_job.remoteDir = m_remote->jobDir();
        m_store->updateJob(m_job);
        Q_EMIT jobUpdated(m_job);
    }
    m_connection->connectToHost();
}

void RemoteJobMonitor::onConnected()
{
    m_connected = true;
    m_reconnectAttempt = 0;
    if (m_launch) {
        const RemoteLaunchSpec spec = *m_launch;
        m_launch.reset();
        auto remote = m_remote;
        QPointer<RemoteJobMonitor> self(this);
        m_connection->post([remote, spec, self](SshSession &s) {
            const SshError e = remote->launch(s, spec);
            QMetaObject::invokeMethod(qApp, [self, e, remote] {
                if (!self)
                    return;
                if (e) {
                    RemoteJobStatus none;
                    none.phase = RemoteJobStatus::Phase::Dead;
                    self->m_outcome.setErrorMessage(
                        tr("Could not start the job: %1").arg(e.message));
                    self->finalize(none, QString());
                    return;
                }
                self->m_store->logEvent(
                    QStringLiteral("launch"),
                    tr("Started on %1 in %2").arg(self->m_machine.name, self->m_job.remoteDir),
                    self->m_machine.id, self->m_job.id);
                self->m_job.startedAt = QDateTime::currentDateTimeUtc();
                if (remote->launchedWithTmux()) {
                    // The command a user types to watch the log in a terminal.
                    QJsonObject summary =
                        QJsonDocument::fromJson(self->m_job.summaryJson.toUtf8()).object();
                    const MachineRecord &m = self->m_machine;
                    summary[QLatin1String("tmux_attach")] =
                        QStringLiteral("ssh -t -p %1 %2 tmux attach -t %3")
                            .arg(m.port)
                            .arg(m.user.isEmpty() ? m.host : m.user + QLatin1Char('@') + m.host,
                                 remote->tmuxSession());
                    self->m_job.summaryJson =
                        QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact));
                }
                self->m_store->updateJob(self->m_job);
                self->m_poll.start();
            });
        });
        return;
    }
    m_store->logEvent(QStringLiteral("attach"), tr("Reattached to the running job"), m_machine.id,
                      m_job.id);
    m_poll.start();
    pollNow();
}

void RemoteJobMonitor::onConnectFailed(const SshError &error)
{
    m_connected = false;
    m_poll.stop();
    if (isFinished())
        return;
    if (error.isTransient())
        scheduleReconnect(error.message);
    else
        Q_EMIT connectionProblem(m_job.id,
                                 error.message); // host key or login refused: ask the user
}

void RemoteJobMonitor::scheduleReconnect(const QString &why)
{
    m_connected = false;
    m_poll.stop();
    const int delay = std::min(kMaxBackoffMs, 1000 << std::min(m_reconnectAttempt, 5));
    ++m_reconnectAttempt;
    Q_EMIT connectionProblem(m_job.id, tr("Connection lost (%1); the job keeps running. "
                                          "Reconnecting in %n second(s)…",
                                          nullptr, delay / 1000)
                                           .arg(why));
    m_reconnect.start(delay);
}

void RemoteJobMonitor::pollNow()
{
    if (m_pollInFlight || !m_connected || m_finalizing)
        return;
    m_pollInFlight = true;
    auto remote = m_remote;
    QPointer<RemoteJobMonitor> self(this);
    m_connection->post([remote, self](SshSession &s) {
        RemoteJobStatus status;
        const SshError e = remote->poll(s, &status);
        QMetaObject::invokeMethod(qApp, [self, e, status] {
            if (self)
                self->onPolled(e, status);
        });
    });
}

void RemoteJobMonitor::onPolled(const SshError &error, const RemoteJobStatus &status)
{
    m_pollInFlight = false;
    if (error) {
        if (error.isTransient() || error.kind == SshErrorKind::ChannelFailed) {
            m_connection->disconnectFromHost();
            scheduleReconnect(error.message);
        } else {
            Q_EMIT connectionProblem(m_job.id, error.message);
        }
        return;
    }
    for (const MetricRow &row : status.newRows)
        m_outcome.observe(row);
    if (!status.newRows.isEmpty())
        Q_EMIT metricsAppended(m_job.id, status.newRows);
    if (!status.newLogLines.isEmpty())
        Q_EMIT logAppended(m_job.id, status.newLogLines);
    if (!status.newGpuSamples.isEmpty())
        Q_EMIT gpuSamplesAppended(m_job.id, status.newGpuSamples);

    switch (status.phase) {
    case RemoteJobStatus::Phase::Starting:
        if (++m_startingPolls > kMaxStartingPolls) {
            m_outcome.setErrorMessage(
                tr("The job never started on the remote machine (no pid file)."));
            break;
        }
        return;
    case RemoteJobStatus::Phase::Running:
        if (m_job.state != JobState::Stopping)
            setState(JobState::Running);
        return;
    case RemoteJobStatus::Phase::Exited:
    case RemoteJobStatus::Phase::Dead:
        break;
    }
    // Ended: one more read of the log tail for the record, then the verdict.
    m_finalizing = true;
    m_poll.stop();
    auto remote = m_remote;
    QPointer<RemoteJobMonitor> self(this);
    m_connection->post([remote, self, status](SshSession &s) {
        QString tail;
        remote->logTail(s, 40, &tail);
        QMetaObject::invokeMethod(qApp, [self, status, tail] {
            if (self)
                self->finalize(status, tail);
        });
    });
}

void RemoteJobMonitor::stop()
{
    if (isFinished())
        return;
    m_stopRequested = true;
    setState(JobState::Stopping);
    m_store->logEvent(QStringLiteral("stop"), tr("Stop requested"), m_machine.id, m_job.id);
    if (m_connected) {
        auto remote = m_remote;
        m_connection->post([remote](SshSession &s) { remote->signal(s, false); });
    }
    m_killTimer.start(RemoteJob::kStopGraceSeconds * 1000);
}

void RemoteJobMonitor::setState(JobState state)
{
    if (m_job.state == state)
        return;
    m_job.state = state;
    m_store->updateJob(m_job);
    Q_EMIT jobUpdated(m_job);
}

void RemoteJobMonitor::finalize(const RemoteJobStatus &status, const QString &logTail)
{
    if (isFinished())
        return;
    m_killTimer.stop();
    m_poll.stop();
    JobState state = JobState::Failed;
    QString reason;
    const bool exited = status.phase == RemoteJobStatus::Phase::Exited;
    if (status.stopRequested || m_stopRequested) {
        state = JobState::Stopped;
        reason = tr("Stopped by the user");
    } else if (exited && status.exitCode == 0 && m_outcome.endedOk()) {
        state = JobState::Succeeded;
    } else if (exited && status.exitCode == 0 && m_job.kind != QLatin1String("engine")) {
        state = JobState::Succeeded; // a script's exit status is its verdict
    } else if (exited) {
        reason = m_outcome.errorMessage().isEmpty()
                     ? tr("The job exited with code %1").arg(status.exitCode)
                     : m_outcome.errorMessage();
    } else {
        reason = m_outcome.errorMessage().isEmpty()
                     ? tr("The job's processes are gone without an exit status: they were killed "
                          "(out of memory, a reboot, someone else) or the machine restarted.")
                     : m_outcome.errorMessage();
    }
    if (m_machine.hourlyPrice && m_job.startedAt.isValid())
        m_job.cost = *m_machine.hourlyPrice *
                     m_job.startedAt.secsTo(QDateTime::currentDateTimeUtc()) / 3600.0;
    m_outcome.finish(&m_job, state, exited ? std::optional<int>(status.exitCode) : std::nullopt,
                     reason, logTail);
    m_store->updateJob(m_job);
    m_store->logEvent(QStringLiteral("end"),
                      reason.isEmpty() ? jobStateName(state)
                                       : jobStateName(state) + QLatin1String(": ") + reason,
                      m_machine.id, m_job.id);
    m_connection->disconnectFromHost();
    Q_EMIT jobUpdated(m_job);
    Q_EMIT finished(m_job.id);
}

} // namespace td
