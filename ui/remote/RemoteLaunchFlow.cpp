#include "ui/remote/RemoteLaunchFlow.h"

#include "core/jobs/EngineLocator.h"
#include "core/providers/MachineConnections.h"
#include "core/remote/MachineFacts.h"
#include "core/remote/SshSession.h"
#include "ui/remote/MessageBox.h"

#include <QDir>
#include <QJsonDocument>
#include <QLocale>

namespace td {

RemoteLaunchFlow::RemoteLaunchFlow(Store *store, JobService *jobs, MachineConnections *connections,
                                   QString dataDir, QWidget *dialogParent)
    : QObject(dialogParent), m_store(store), m_jobs(jobs), m_connections(connections),
      m_dataDir(std::move(dataDir)), m_dialogParent(dialogParent)
{
}

bool RemoteLaunchFlow::launchEngine(const QString &machineId, const EngineConfig &config)
{
    if (isBusy())
        return false;
    const auto machine = m_store->machine(machineId);
    if (!machine) {
        Q_EMIT failed(tr("Add a machine first: the selected machine is not stored."));
        return false;
    }
    if (const QString invalid = config.validate(); !invalid.isEmpty()) {
        Q_EMIT failed(invalid);
        return false;
    }
    EngineSetupRequest request;
    request.localEngine = locateEngine();
    request.remoteRoot =
        machine->remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : machine->remoteRoot;
    request.stateDir = QDir(m_dataDir).filePath(QStringLiteral("transfers/") + machineId);
    request.machineKey = machineId;
    request.datasetDir = config.dataDir;
    request.buildFromSource = EngineSetup::buildModeFromEnvironment();
    const QString glibc =
        MachineFacts::fromJson(QJsonDocument::fromJson(machine->factsJson.toUtf8()).object())
            .glibcVersion;
    m_machineId = machineId;
    m_config = config;
    Q_EMIT stepChanged(tr("Preparing the engine on %1…").arg(machine->name));
    m_connections->run(
        machineId,
        [this, request, glibc](SshSession &session) {
            EngineSetupResult result;
            const SshError e = EngineSetup::run(
                session, request, glibc, &result,
                [this](const TransferProgress &p) {
                    const QString text = tr("Uploading the engine: %1 of %2")
                                             .arg(QLocale().formattedDataSize(p.bytesDone),
                                                  QLocale().formattedDataSize(p.bytesTotal));
                    QMetaObject::invokeMethod(this, [this, text] { Q_EMIT stepChanged(text); });
                },
                [this](const QString &line) {
                    // A build on the machine: its steps and compiler lines as they come.
                    QMetaObject::invokeMethod(this, [this, line] { Q_EMIT stepChanged(line); });
                });
            QMetaObject::invokeMethod(this, [this, result, e] { onPrepared(result, e); });
        },
        [this](const SshError &e) { onPrepared(EngineSetupResult{}, e); });
    return true;
}

void RemoteLaunchFlow::onPrepared(const EngineSetupResult &result, const SshError &error)
{
    const QString machineId = std::exchange(m_machineId, QString());
    const auto machine = m_store->machine(machineId);
    const QString name = machine ? machine->name : machineId;
    if (error) {
        Q_EMIT failed(error.kind == SshErrorKind::Cancelled
                          ? tr("Cancelled.")
                          : tr("Could not prepare the engine on %1: %2").arg(name, error.message));
        return;
    }
    if (result.uploaded)
        m_store->logEvent(QStringLiteral("engine-installed"),
                          tr("Uploaded traindeck-engine to %1").arg(result.enginePath), machineId);
    if (result.built)
        m_store->logEvent(QStringLiteral("engine-built"),
                          tr("Built traindeck-engine on the machine: %1").arg(result.enginePath),
                          machineId);
    if (result.origin == EngineSetupResult::Origin::Shipped && !result.buildNote.isEmpty())
        m_store->logEvent(QStringLiteral("engine-build"), result.buildNote, machineId);
    if (result.verdict == EngineSetupResult::Verdict::Unusable) {
        Q_EMIT failed(result.problem);
        return;
    }
    if (!result.datasetProblem.isEmpty()) {
        Q_EMIT failed(result.datasetProblem);
        return;
    }
    if (result.verdict == EngineSetupResult::Verdict::CpuOnly) {
        const auto answer = MessageBox::question(
            m_dialogParent, tr("Train on the CPU?"),
            tr("%1\n\nTraining on %2's CPU is much slower than on a GPU, and the machine is billed "
               "all the same. Launch on the CPU anyway?")
                .arg(result.problem, name));
        if (answer != QMessageBox::Yes) {
            Q_EMIT failed(tr("Not launched."));
            return;
        }
    }
    RemoteJobRequest request;
    request.kind = QStringLiteral("engine");
    request.engine = m_config;
    request.engine.device = result.device();
    request.engine.dataDir = result.datasetDir.isEmpty() ? m_config.dataDir : result.datasetDir;
    request.enginePath = result.enginePath;
    QString launchError;
    const QString id = m_jobs->launchRemote(machineId, request, &launchError);
    if (id.isEmpty()) {
        Q_EMIT failed(launchError);
        return;
    }
    Q_EMIT launched(id);
}

QString RemoteLaunchFlow::launchScript(const QString &machineId, const QString &commandLine,
                                       const QString &workDir, const QString &envSetup,
                                       const QString &metricsPreset, const QString &metricsRegex)
{
    QStringList argv;
    QString error;
    if (commandLine.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Enter the command to run."));
        return {};
    }
    if (!splitShellWords(commandLine.trimmed(), &argv, &error)) {
        Q_EMIT failed(tr("The command line cannot be read: %1").arg(error));
        return {};
    }
    RemoteJobRequest request;
    request.kind = QStringLiteral("script");
    request.command = argv;
    request.workDir = workDir.trimmed();
    request.envSetup = envSetup.trimmed();
    request.metricsPreset = metricsPreset.isEmpty() ? QStringLiteral("auto") : metricsPreset;
    request.metricsRegex = metricsRegex;
    const QString id = m_jobs->launchRemote(machineId, request, &error);
    if (id.isEmpty()) {
        Q_EMIT failed(error);
        return {};
    }
    Q_EMIT launched(id);
    return id;
}

void RemoteLaunchFlow::cancel()
{
    if (isBusy())
        m_connections->cancel(m_machineId);
}

} // namespace td
