// traindeck-cli commands that reach remote machines: machines add/remove/probe, upload,
// download, run on a machine, attach, stop.
#include "core/cli/CliApp.h"

#include "core/cli/CliOutput.h"
#include "core/cli/TerminalInteraction.h"
#include "core/jobs/EngineLocator.h"
#include "core/jobs/JobService.h"
#include "core/jobs/RemoteJobMonitor.h"
#include "core/providers/EngineSetup.h"
#include "core/remote/CredentialStore.h"
#include "core/remote/Download.h"
#include "core/remote/MachineFacts.h"
#include "core/remote/SshEndpoint.h"
#include "core/remote/SshSession.h"
#include "core/remote/Upload.h"
#include "core/store/Store.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <cstdio>
#include <thread>

namespace td {

using namespace cli;

QString cliFormatRow(const MetricRow &row);

namespace {

bool wantsHelp(const QStringList &args)
{
    return args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"));
}

} // namespace

std::optional<MachineRecord> CliApp::findMachine(const QString &key)
{
    const QList<MachineRecord> machines = m_store->machines();
    std::optional<MachineRecord> found;
    for (const MachineRecord &m : machines) {
        if (m.id == key || m.name == key)
            return m;
        if (m.id.startsWith(key) && key.size() >= 4)
            found = m;
    }
    if (!found)
        err(tr("Unknown machine \"%1\". List machines with: traindeck-cli machines list").arg(key));
    return found;
}

int CliApp::sshFailure(const SshError &error, const QString &refusal)
{
    err(refusal.isEmpty() ? error.message : refusal);
    switch (error.kind) {
    case SshErrorKind::HostKeyChanged:
        return ExitHostKeyMismatch;
    case SshErrorKind::ConnectionFailed:
    case SshErrorKind::Timeout:
    case SshErrorKind::HostKeyUnknown:
    case SshErrorKind::HostKeyRejected:
    case SshErrorKind::AuthenticationFailed:
    case SshErrorKind::ChannelFailed:
        return ExitConnection;
    default:
        return ExitFailed;
    }
}

int CliApp::connectTo(const MachineRecord &machine, SshSession &session, TerminalInteraction *ui)
{
    TerminalInteraction local;
    TerminalInteraction *interaction = ui ? ui : &local;
    SshConnectOptions options = connectOptionsFor(machine);
    // A stored machine's key was accepted when it was added: never ask again in the background.
    if (!ui)
        local.expectedFingerprint = machine.hostKeySha256;
    if (CredentialStore::isAvailable() && !interaction->stdinPassword) {
        if (const auto pw = CredentialStore().readPassword(
                CredentialStore::keyFor(machine.user, machine.host, machine.port)))
            interaction->stdinPassword = *pw;
    }
    const SshError e = session.connect(options, interaction);
    if (e)
        return sshFailure(e, e.kind == SshErrorKind::HostKeyUnknown ||
                                     e.kind == SshErrorKind::HostKeyRejected
                                 ? interaction->refusal
                                 : QString());
    return ExitOk;
}

int CliApp::machinesAdd(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("Add a machine from the ssh line your provider shows, or from a "
                                   "~/.ssh/config alias. The first connection shows the host key "
                                   "fingerprint to compare with the provider's console."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Name of the machine"), tr("NAME"));
    const QCommandLineOption alias(QStringLiteral("alias"), tr("A Host alias from ~/.ssh/config"),
                                   tr("ALIAS"));
    const QCommandLineOption provider(QStringLiteral("provider"),
                                      tr("Provider id from the catalog (default: ssh)"), tr("ID"),
                                      QStringLiteral("ssh"));
    const QCommandLineOption tier(QStringLiteral("tier"), tr("GPU tier id from the catalog"),
                                  tr("ID"));
    const QCommandLineOption price(QStringLiteral("price"), tr("Hourly price you pay"), tr("X"));
    const QCommandLineOption currency(QStringLiteral("currency"),
                                      tr("Currency of the price (CNY, USD, EUR)"), tr("CODE"),
                                      QStringLiteral("CNY"));
    const QCommandLineOption root(QStringLiteral("root"),
                                  tr("Folder for TrainDeck's files on the machine"), tr("DIR"),
                                  QStringLiteral("~/.traindeck"));
    const QCommandLineOption accept(QStringLiteral("accept-fingerprint"),
                                    tr("Accept this host key without asking (SHA256:…)"), tr("FP"));
    const QCommandLineOption passwordStdin(
        QStringLiteral("password-stdin"),
        tr("Read the password from the first line of standard input"));
    const QCommandLineOption remember(QStringLiteral("remember-password"),
                                      tr("Keep the password in the system keychain"));
    p.addOptions({help, name, alias, provider, tier, price, currency, root, accept, passwordStdin,
                  remember});
    p.addPositionalArgument(QStringLiteral("ssh"), tr("After --: the ssh command line"),
                            tr("-- ssh [-p PORT] USER@HOST"));
    if (!p.parse(QStringList{QStringLiteral("add")} + args))
        return usage(p.errorText());
    if (p.isSet(help)) {
        out(p.helpText());
        return ExitOk;
    }
    if (!p.isSet(name) || p.value(name).trimmed().isEmpty())
        return usage(tr("machines add needs --name"));
    SshEndpoint endpoint;
    if (p.isSet(alias)) {
        SshEndpoint a;
        a.host = p.value(alias);
        const SshConfigResolution r = resolveSshConfig(a);
        if (!r.ok)
            return usage(tr("\"%1\" is not a usable alias in ~/.ssh/config").arg(p.value(alias)));
        if (!r.warning.isEmpty())
            err(r.warning);
        endpoint = r.endpoint;
        endpoint.configAlias = p.value(alias);
    } else {
        const QStringList words = p.positionalArguments();
        if (words.isEmpty())
            return usage(tr("give the ssh command after --, or --alias"));
        QStringList quoted;
        for (const QString &w : words)
            quoted << QString::fromUtf8(shellQuote(w.toUtf8()));
        const SshLineParseResult parsed = parseSshLine(quoted.join(QLatin1Char(' ')));
        if (!parsed.ok)
            return usage(parsed.error);
        endpoint = parsed.endpoint;
    }
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    for (const MachineRecord &m : m_store->machines()) {
        if (m.name == p.value(name)) {
            err(tr("A machine named \"%1\" exists already.").arg(m.name));
            return ExitFailed;
        }
    }
    MachineRecord m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.name = p.value(name).trimmed();
    m.provider = p.value(provider);
    m.host = endpoint.host;
    m.port = endpoint.effectivePort();
    m.user = endpoint.user;
    m.identityFile = endpoint.identityFile;
    m.jump = endpoint.jumpSpec();
    m.configAlias = endpoint.configAlias;
    m.remoteRoot = p.value(root);
    m.gpuTier = p.value(tier);
    m.currency = p.value(currency);
    m.status = QStringLiteral("ready");
    m.createdAt = QDateTime::currentDateTimeUtc();
    if (p.isSet(price)) {
        bool ok = false;
        const double v = p.value(price).toDouble(&ok);
        if (!ok || v < 0)
            return usage(tr("--price needs a number that is not negative"));
        m.hourlyPrice = v;
    }

    TerminalInteraction ui;
    ui.expectedFingerprint = p.value(accept);
    ui.rememberPassword = p.isSet(remember);
    if (p.isSet(passwordStdin)) {
        char buf[1024];
        if (!std::fgets(buf, sizeof buf, stdin))
            return usage(tr("--password-stdin: nothing on standard input"));
        QByteArray pw(buf);
        while (pw.endsWith('\n') || pw.endsWith('\r'))
            pw.chop(1);
        ui.stdinPassword = pw;
    }
    SshSession session;
    if (const int rc = connectTo(m, session, &ui); rc != ExitOk)
        return rc;
    m.hostKeySha256 = session.hostKey().sha256Fingerprint;
    m.authMethod = ui.passwordWasAccepted ? QStringLiteral("password") : QStringLiteral("key");
    if (ui.passwordWasAccepted && ui.rememberPassword) {
        QString kcError;
        if (!CredentialStore::isAvailable() ||
            !CredentialStore().writePassword(CredentialStore::keyFor(m.user, m.host, m.port),
                                             ui.acceptedPassword.password, &kcError))
            err(tr("The password could not be kept in the keychain (%1); you will be asked again.")
                    .arg(kcError.isEmpty() ? tr("no keychain") : kcError));
    }
    ui.acceptedPassword.password.fill('\0');

    MachineFacts facts;
    if (const SshError e = probeMachineFacts(session, &facts))
        err(tr("Connected, but the machine probe failed: %1").arg(e.message));
    else
        m.factsJson =
            QString::fromUtf8(QJsonDocument(facts.toJson()).toJson(QJsonDocument::Compact));
    m_store->upsertMachine(m);
    m_store->logEvent(QStringLiteral("machine"),
                      tr("Machine %1 added (%2)").arg(m.name, m.hostKeySha256), m.id);
    if (!m_store->flush()) {
        err(tr("The machine could not be saved."));
        return ExitFailed;
    }
    if (m_json) {
        outJson(QJsonObject{{QStringLiteral("id"), m.id},
                            {QStringLiteral("name"), m.name},
                            {QStringLiteral("host_key_sha256"), m.hostKeySha256},
                            {QStringLiteral("facts"), facts.toJson()}});
    } else {
        out(tr("Added %1 (%2@%3:%4), host key %5")
                .arg(m.name, m.user, m.host)
                .arg(m.port)
                .arg(m.hostKeySha256));
        out(tr("GPUs: %1")
                .arg(facts.gpus.isEmpty() ? tr("none found (no nvidia-smi)")
                                          : QString::number(facts.gpus.size())));
    }
    return ExitOk;
}

int CliApp::machinesRemove(const QStringList &args)
{
    if (args.size() != 1 || wantsHelp(args)) {
        out(tr("Usage: traindeck-cli machines remove MACHINE\n\nForgets the machine; its jobs stay "
               "in the history. Nothing on the machine is touched."));
        return wantsHelp(args) ? ExitOk : ExitUsage;
    }
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    const auto m = findMachine(args.first());
    if (!m)
        return ExitFailed;
    if (m->id == JobService::localMachineId()) {
        err(tr("The Local machine cannot be removed."));
        return ExitFailed;
    }
    m_store->removeMachine(m->id);
    m_store->logEvent(QStringLiteral("machine"), tr("Machine %1 removed").arg(m->name), m->id);
    m_store->flush();
    out(tr("Removed %1.").arg(m->name));
    return ExitOk;
}

int CliApp::machinesProbe(const QStringList &args)
{
    if (args.size() != 1 || wantsHelp(args)) {
        out(tr("Usage: traindeck-cli machines probe MACHINE [--json]\n\nReads OS, CPU, RAM, disk, "
               "GPUs, driver and CUDA versions and Python environments again."));
        return wantsHelp(args) ? ExitOk : ExitUsage;
    }
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    auto m = findMachine(args.first());
    if (!m)
        return ExitFailed;
    SshSession session;
    if (const int rc = connectTo(*m, session); rc != ExitOk)
        return rc;
    MachineFacts facts;
    if (const SshError e = probeMachineFacts(session, &facts))
        return sshFailure(e);
    m->factsJson = QString::fromUtf8(QJsonDocument(facts.toJson()).toJson(QJsonDocument::Compact));
    m_store->upsertMachine(*m);
    m_store->flush();
    if (m_json) {
        outJson(facts.toJson());
        return ExitOk;
    }
    out(tr("OS: %1 (%2)").arg(facts.osPrettyName, facts.arch));
    out(tr("CPU: %1 × %2").arg(facts.cpuModel).arg(facts.cpuCores));
    out(tr("RAM: %1 (%2 free)")
            .arg(formatBytes(facts.memTotalBytes), formatBytes(facts.memAvailableBytes)));
    out(tr("Disk: %1 free of %2")
            .arg(formatBytes(facts.diskFreeBytes), formatBytes(facts.diskTotalBytes)));
    if (facts.gpus.isEmpty())
        out(facts.gpuProblem.isEmpty() ? tr("GPU: none found (no nvidia-smi)")
                                       : tr("GPU: none usable. %1").arg(facts.gpuProblem));
    for (const GpuFact &g : facts.gpus)
        out(tr("GPU %1: %2").arg(g.index).arg(g.name));
    if (!facts.driverVersion.isEmpty())
        out(tr("Driver %1, CUDA %2").arg(facts.driverVersion, facts.cudaVersion));
    if (!facts.pythonVersion.isEmpty())
        out(tr("Python %1").arg(facts.pythonVersion));
    for (const CondaEnvFact &e : facts.condaEnvs)
        out(tr("conda env %1: %2").arg(e.name, e.path));
    return ExitOk;
}

namespace {
// Runs a transfer on a helper thread so Ctrl-C (counted by the main thread) can cancel the
// session between chunks, leaving the remote or local staging resumable.
template <typename Fn> SshError runTransfer(SshSession &session, Fn fn)
{
    SshError result;
    std::atomic_bool done{false};
    catchInterrupts();
    std::thread worker([&] {
        result = fn();
        done = true;
    });
    bool cancelled = false;
    while (!done) {
        if (!cancelled && interruptCount() > 0) {
            session.cancel();
            cancelled = true;
        }
        QThread::msleep(50);
    }
    worker.join();
    restoreInterrupts();
    return result;
}
} // namespace

int CliApp::upload(const QStringList &allArgs)
{
    QStringList args = allArgs;
    const bool verify = !args.removeAll(QStringLiteral("--no-verify"));
    const bool removeDeleted = args.removeAll(QStringLiteral("--delete")) > 0;
    if (wantsHelp(args) || args.size() < 2 || args.size() > 3) {
        out(tr("Usage: traindeck-cli upload [--delete] [--no-verify] MACHINE LOCAL_PATH "
               "[REMOTE_DIR]\n\n"
               "Sends only what changed (SHA-256 manifest), honours .gitignore and "
               ".traindeckignore, checks every file's SHA-256 on the remote before moving it "
               "into place and never leaves a half-replaced file. Ctrl-C stops; the same command "
               "resumes. REMOTE_DIR defaults to ~/NAME.\n\n"
               "--delete also deletes on the remote the files an earlier upload put there that "
               "no longer exist here (never other files).\n"
               "--no-verify skips the check on the remote (SSH still protects the bytes on the "
               "way): for a fast link to a machine with little CPU to spare."));
        return wantsHelp(args) ? ExitOk : ExitUsage;
    }
    const QFileInfo local(args.at(1));
    if (!local.exists()) {
        err(tr("No such file or folder: %1").arg(args.at(1)));
        return ExitFailed;
    }
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    const auto m = findMachine(args.first());
    if (!m)
        return ExitFailed;
    SshSession session;
    if (const int rc = connectTo(*m, session); rc != ExitOk)
        return rc;
    UploadRequest request;
    request.sources = {local.absoluteFilePath()};
    request.remoteDir = args.size() > 2 ? args.at(2) : QStringLiteral("~/") + local.fileName();
    request.stateDir = QDir(m_dataDir).filePath(QStringLiteral("transfers"));
    request.machineKey = m->id;
    request.verifyOnRemote = verify;
    request.removeDeleted = removeDeleted;
    TransferRecord t;
    t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    t.machineId = m->id;
    t.direction = QStringLiteral("upload");
    t.localPath = local.absoluteFilePath();
    t.remotePath = request.remoteDir;
    t.state = QStringLiteral("running");
    t.startedAt = QDateTime::currentDateTimeUtc();
    m_store->upsertTransfer(t);

    Uploader uploader(session);
    uploader.setProgressCallback([](const TransferProgress &p) {
        progressLine(p.currentFile, p.bytesDone, p.bytesTotal, p.bytesPerSecond, p.etaSeconds,
                     false);
    });
    UploadReport report;
    const SshError e = runTransfer(session, [&] { return uploader.run(request, &report); });
    t.bytesTotal = report.bytesTotal;
    t.bytesDone = report.bytesSent;
    t.endedAt = QDateTime::currentDateTimeUtc();
    t.state = e ? (e.kind == SshErrorKind::Cancelled ? QStringLiteral("interrupted")
                                                     : QStringLiteral("failed"))
                : QStringLiteral("done");
    m_store->upsertTransfer(t);
    m_store->flush();
    if (e) {
        if (stdoutIsTerminal())
            out(QString());
        if (e.kind == SshErrorKind::Cancelled) {
            err(tr("Interrupted. Run the same command again to resume."));
            return ExitFailed;
        }
        const int rc = sshFailure(e);
        err(tr("Run the same command again to resume."));
        return rc;
    }
    progressLine(tr("done"), report.bytesSent, report.bytesSent,
                 report.elapsedMs > 0 ? report.bytesSent * 1000.0 / report.elapsedMs : 0, 0, true);
    out(tr("%1 files: %2 sent, %3 unchanged, %4 resumed (%5 sent) in %6 s → %7")
            .arg(report.filesTotal)
            .arg(report.filesSent)
            .arg(report.filesUnchanged)
            .arg(report.filesResumed)
            .arg(formatBytes(report.bytesSent))
            .arg(report.elapsedMs / 1000.0, 0, 'f', 1)
            .arg(request.remoteDir));
    if (report.filesRemoved > 0)
        out(tr("%n file(s) deleted on the machine (deleted here).", nullptr, report.filesRemoved));
    if (!report.skipped.isEmpty())
        err(tr("Skipped: %1").arg(report.skipped.join(QStringLiteral(", "))));
    return ExitOk;
}

int CliApp::download(const QStringList &args)
{
    if (wantsHelp(args) || args.size() != 3) {
        out(tr(
            "Usage: traindeck-cli download MACHINE REMOTE_PATH LOCAL_DIR\n\n"
            "Fetches a remote folder or file (results, checkpoints) into LOCAL_DIR; files already "
            "complete are skipped and a cut transfer resumes. Entries that would escape "
            "LOCAL_DIR (.., absolute paths, links) are refused."));
        return wantsHelp(args) ? ExitOk : ExitUsage;
    }
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    const auto m = findMachine(args.first());
    if (!m)
        return ExitFailed;
    if (!QDir().mkpath(args.at(2))) {
        err(tr("Cannot create %1").arg(args.at(2)));
        return ExitFailed;
    }
    SshSession session;
    if (const int rc = connectTo(*m, session); rc != ExitOk)
        return rc;
    DownloadRequest request;
    request.remotePath = args.at(1);
    request.localDir = QFileInfo(args.at(2)).absoluteFilePath();
    Downloader downloader(session);
    downloader.setProgressCallback([](const TransferProgress &p) {
        progressLine(p.currentFile, p.bytesDone, p.bytesTotal, p.bytesPerSecond, p.etaSeconds,
                     false);
    });
    DownloadReport report;
    const SshError e = runTransfer(session, [&] { return downloader.run(request, &report); });
    if (e) {
        if (stdoutIsTerminal())
            out(QString());
        if (e.kind == SshErrorKind::Cancelled) {
            err(tr("Interrupted. Run the same command again to resume."));
            return ExitFailed;
        }
        return sshFailure(e);
    }
    if (stdoutIsTerminal())
        out(QString());
    out(tr("%1 files: %2 received, %3 unchanged, %4 resumed (%5) → %6")
            .arg(report.filesTotal)
            .arg(report.filesSent)
            .arg(report.filesUnchanged)
            .arg(report.filesResumed)
            .arg(formatBytes(report.bytesReceived), request.localDir));
    if (!report.filesChanging.isEmpty())
        err(tr("Changed while they were read (an earlier version arrived; download again later "
               "for the final one): %1")
                .arg(report.filesChanging.join(QStringLiteral(", "))));
    return ExitOk;
}

int CliApp::follow(JobService &jobs, const QString &jobId, bool stopOnInterrupt)
{
    QEventLoop loop;
    int rc = ExitOk;
    QObject::connect(&jobs, &JobService::metricsAppended, &loop,
                     [this, jobId](const QString &id, const QList<MetricRow> &rows) {
                         if (id != jobId)
                             return;
                         for (const MetricRow &r : rows)
                             out(m_json ? r.text : cliFormatRow(r));
                     });
    QObject::connect(&jobs, &JobService::connectionProblem, &loop,
                     [jobId](const QString &id, const QString &message) {
                         if (id == jobId)
                             err(message);
                     });
    QObject::connect(&jobs, &JobService::jobUpdated, &loop, [&](const JobRecord &job) {
        if (job.id != jobId || !isTerminal(job.state))
            return;
        rc = job.state == JobState::Succeeded ? ExitOk : ExitJobFailed;
        const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
        err(tr("job %1 %2%3")
                .arg(job.id.left(8), jobStateName(job.state),
                     summary.contains(QLatin1String("reason"))
                         ? QStringLiteral(": ") + summary.value(QLatin1String("reason")).toString()
                         : QString()));
        loop.quit();
    });
    catchInterrupts();
    QTimer interruptPoll;
    bool handled = false;
    QObject::connect(&interruptPoll, &QTimer::timeout, &loop, [&] {
        if (interruptCount() == 0 || handled)
            return;
        handled = true;
        if (stopOnInterrupt) {
            err(tr("stopping job %1 (saving a checkpoint)…").arg(jobId.left(8)));
            jobs.stop(jobId);
        } else {
            err(tr("Stopped following; the job keeps running. Reattach with: traindeck-cli attach "
                   "%1")
                    .arg(jobId.left(8)));
            rc = ExitOk;
            loop.quit();
        }
    });
    interruptPoll.start(100);
    loop.exec();
    restoreInterrupts();
    m_store->flush();
    return rc;
}

int CliApp::runRemote(const MachineRecord &machine, const RemoteRunOptions &options)
{
    RemoteJobRequest request;
    request.engine = options.engine;
    request.workDir = options.workDir;
    request.envSetup = options.envSetup;
    request.metricsPreset =
        options.metricsPreset.isEmpty() ? QStringLiteral("auto") : options.metricsPreset;
    request.metricsRegex = options.metricsRegex;
    if (!options.command.isEmpty()) {
        request.kind = QStringLiteral("script");
        request.command = options.command;
    } else {
        if (!options.dataSet)
            request.engine.dataDir = EngineConfig::defaultDatasetDir();
        const QString engine = locateEngine();
        if (engine.isEmpty()) {
            err(tr("The training engine traindeck-engine was not found next to traindeck-cli."));
            return ExitFailed;
        }
        SshSession session;
        if (const int rc = connectTo(machine, session); rc != ExitOk)
            return rc;
        EngineSetupRequest setup;
        setup.localEngine = engine;
        setup.remoteRoot =
            machine.remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : machine.remoteRoot;
        setup.stateDir = QDir(m_dataDir).filePath(QStringLiteral("transfers"));
        setup.machineKey = machine.id;
        setup.datasetDir = request.engine.dataDir;
        setup.buildFromSource = EngineSetup::buildModeFromEnvironment();
        const MachineFacts facts =
            MachineFacts::fromJson(QJsonDocument::fromJson(machine.factsJson.toUtf8()).object());
        EngineSetupResult ready;
        err(tr("Checking traindeck-engine on %1…").arg(machine.name));
        // A build on the machine prints its steps and compiler lines as they come.
        if (const SshError e =
                EngineSetup::run(session, setup, facts.glibcVersion, &ready, {},
                                 [this](const QString &line) { err(QStringLiteral("  ") + line); }))
            return sshFailure(e);
        if (!ready.buildNote.isEmpty())
            err(ready.buildNote);
        if (ready.verdict == EngineSetupResult::Verdict::Unusable) {
            err(ready.problem);
            return ExitFailed;
        }
        if (!ready.datasetProblem.isEmpty()) {
            err(ready.datasetProblem);
            return ExitFailed;
        }
        if (!ready.problem.isEmpty())
            err(ready.problem); // CPU only: said, not fatal
        request.enginePath = ready.enginePath;
        request.engine.dataDir = ready.datasetDir;
        request.engine.device = ready.device();
    }
    JobService jobs(m_store.get(), m_dataDir);
    QString error;
    const QString id = jobs.launchRemote(machine.id, request, &error);
    if (id.isEmpty()) {
        err(error);
        return ExitFailed;
    }
    out(tr("job %1").arg(id));
    if (options.follow)
        return follow(jobs, id, false);
    // Wait until the job is really running on the machine, then leave it there.
    QEventLoop loop;
    int rc = ExitOk;
    QObject::connect(&jobs, &JobService::jobUpdated, &loop, [&](const JobRecord &job) {
        if (job.id != id)
            return;
        if (job.state == JobState::Running) {
            loop.quit();
        } else if (isTerminal(job.state)) {
            rc = job.state == JobState::Succeeded ? ExitOk : ExitJobFailed;
            loop.quit();
        }
    });
    QObject::connect(&jobs, &JobService::connectionProblem, &loop,
                     [&](const QString &jobId, const QString &message) {
                         if (jobId != id)
                             return;
                         err(message);
                     });
    QTimer giveUp;
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &loop, [&] {
        err(tr("The job did not report running within 2 minutes; check it with: traindeck-cli "
               "status %1")
                .arg(id.left(8)));
        rc = ExitConnection;
        loop.quit();
    });
    giveUp.start(120000);
    loop.exec();
    m_store->flush();
    if (rc == ExitOk) {
        err(tr("Running detached. Follow it with: traindeck-cli attach %1").arg(id.left(8)));
        if (const auto job = m_store->job(id)) {
            const QString tmux = QJsonDocument::fromJson(job->summaryJson.toUtf8())
                                     .object()
                                     .value(QLatin1String("tmux_attach"))
                                     .toString();
            if (!tmux.isEmpty())
                err(tr("Or watch its log in a terminal: %1").arg(tmux));
        }
    }
    return rc;
}

int CliApp::attach(const QStringList &args)
{
    QStringList rest = args;
    const bool raw = rest.removeAll(QStringLiteral("--raw")) > 0;
    if (raw)
        m_json = true;
    if (rest.size() != 1 || wantsHelp(rest)) {
        out(tr("Usage: traindeck-cli attach JOB\n\nFollows a running remote job again after a "
               "disconnect or a restart, from where the database left off: no line twice, none "
               "missing. Ctrl-C stops following; the job keeps running."));
        return wantsHelp(rest) ? ExitOk : ExitUsage;
    }
    const auto job = openJob(rest.first());
    if (!job)
        return ExitFailed;
    if (isTerminal(job->state)) {
        err(tr("Job %1 has already ended (%2).").arg(job->id.left(8), jobStateName(job->state)));
        return job->state == JobState::Succeeded ? ExitOk : ExitJobFailed;
    }
    JobService jobs(m_store.get(), m_dataDir);
    QString error;
    if (!jobs.attach(job->id, &error)) {
        err(error);
        return ExitFailed;
    }
    return follow(jobs, job->id, false);
}

int CliApp::stop(const QStringList &args)
{
    if (args.size() != 1 || wantsHelp(args)) {
        out(tr(
            "Usage: traindeck-cli stop JOB\n\nAsks a remote job to save a checkpoint and stop "
            "(SIGTERM, SIGKILL after 20 s), and waits until it has. Recorded in the audit log."));
        return wantsHelp(args) ? ExitOk : ExitUsage;
    }
    const auto job = openJob(args.first());
    if (!job)
        return ExitFailed;
    if (isTerminal(job->state)) {
        err(tr("Job %1 has already ended (%2).").arg(job->id.left(8), jobStateName(job->state)));
        return ExitOk;
    }
    if (job->machineId == JobService::localMachineId()) {
        err(tr("Local jobs stop with the program that runs them (Ctrl-C in its terminal, or Stop "
               "in the window)."));
        return ExitFailed;
    }
    JobService jobs(m_store.get(), m_dataDir);
    QString error;
    if (!jobs.attach(job->id, &error)) {
        err(error);
        return ExitFailed;
    }
    jobs.stop(job->id);
    const int rc = follow(jobs, job->id, false);
    return rc == ExitJobFailed ? ExitOk : rc; // stopped is what was asked for
}

} // namespace td
