#include "core/providers/EngineSetup.h"

#include "core/providers/EngineBuild.h"
#include "core/providers/EngineSource.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshSession.h"
#include "core/remote/Upload.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace td {

EngineBuildMode EngineSetup::buildModeFromEnvironment()
{
    const QString value = qEnvironmentVariable("TRAINDECK_ENGINE_BUILD").trimmed().toLower();
    if (value == QLatin1String("never"))
        return EngineBuildMode::Never;
    if (value == QLatin1String("always"))
        return EngineBuildMode::Always;
    return EngineBuildMode::Auto;
}

QString EngineSetup::expandHome(const QString &path, const QString &home)
{
    if (path == QLatin1String("~"))
        return home;
    if (path.startsWith(QLatin1String("~/")))
        return home + path.mid(1);
    return path;
}

void EngineSetup::interpretDoctor(int exitStatus, const QByteArray &stdOut,
                                  const QByteArray &stdErr, const QString &machineGlibc,
                                  EngineSetupResult *result)
{
    QJsonParseError parseError;
    // doctor prints one JSON object; anything before it (a loader warning) is not ours.
    const int brace = stdOut.indexOf('{');
    const QJsonDocument doc =
        brace >= 0 ? QJsonDocument::fromJson(stdOut.mid(brace), &parseError) : QJsonDocument();
    if (!doc.isObject()) {
        result->verdict = EngineSetupResult::Verdict::Unusable;
        const QString err = QString::fromUtf8(stdErr.trimmed()).left(600);
        static const QRegularExpression glibcNeed(QStringLiteral("GLIBC_([0-9.]+)' not found"));
        const QRegularExpressionMatch m = glibcNeed.match(err);
        if (m.hasMatch()) {
            result->problem =
                tr("The bundled engine cannot start on this machine: it needs the C library glibc "
                   "%1 or newer, and the machine has %2.\n\nRemedy: choose a newer system image "
                   "(for example Ubuntu 22.04 or later) in the provider's console, or run your "
                   "own training command with the Script job mode.")
                    .arg(m.captured(1), machineGlibc.isEmpty() ? tr("an older one") : machineGlibc);
        } else if (const QRegularExpressionMatch lib =
                       QRegularExpression(
                           QStringLiteral("error while loading shared libraries: ([^:\\s]+)"))
                           .match(err);
                   lib.hasMatch()) {
            const QString name = lib.captured(1);
            result->problem =
                tr("The bundled engine cannot start on this machine: the library %1 is missing.\n\n"
                   "Remedy: %2, or run your own training command with the Script job mode.")
                    .arg(name, name.contains(QLatin1String("openblas"))
                                   ? tr("install it (apt install libopenblas0-pthread)")
                               : name.contains(QLatin1String("cublas"))
                                   ? tr("install the CUDA toolkit's cuBLAS, or use an image with "
                                        "PyTorch for CUDA (it ships cuBLAS)")
                                   : tr("install the package that provides it"));
        } else if (exitStatus == 126 || err.contains(QLatin1String("Exec format error"))) {
            result->problem =
                tr("The bundled engine cannot run on this machine (it is built for x86-64 Linux): "
                   "%1\n\nRemedy: use an x86-64 Linux instance, or run your own training command "
                   "with the Script job mode.")
                    .arg(err);
        } else {
            result->problem = tr("The bundled engine did not start on this machine (exit status "
                                 "%1): %2\n\nRemedy: run your own training command with the "
                                 "Script job mode, or check the machine's log in a terminal.")
                                  .arg(exitStatus)
                                  .arg(err.isEmpty() ? tr("no output") : err);
        }
        return;
    }
    result->doctor = doc.object();
    QStringList problems;
    for (const QJsonValue &p : result->doctor.value(QLatin1String("problems")).toArray())
        problems << p.toString();
    const QString listed = problems.isEmpty() ? QString() : problems.join(QStringLiteral("; "));
    switch (exitStatus) {
    case 0:
        result->verdict = EngineSetupResult::Verdict::Gpu;
        result->problem.clear();
        break;
    case 1:
        result->verdict = EngineSetupResult::Verdict::CpuOnly;
        result->problem = tr("The engine can only train on this machine's CPU: %1.")
                              .arg(listed.isEmpty() ? tr("no usable GPU") : listed);
        break;
    default:
        result->verdict = EngineSetupResult::Verdict::Unusable;
        result->problem =
            tr("The bundled engine cannot use this machine's GPU: %1.\n\nRemedy: choose an image "
               "with a newer NVIDIA driver in the provider's console, or build the engine from "
               "source on the machine, or run your own training command with the Script job mode.")
                .arg(listed.isEmpty() ? tr("doctor exit status %1").arg(exitStatus) : listed);
        break;
    }
}

namespace {

using LineSink = std::function<void(const QString &)>;

// doctor printed its JSON report: the binary starts on this machine (whatever it then says
// about the GPU).
bool doctorRan(const RemoteResult &r)
{
    const int brace = r.stdOut.indexOf('{');
    return brace >= 0 && QJsonDocument::fromJson(r.stdOut.mid(brace)).isObject();
}

SshError runDoctor(SshSession &session, const QString &enginePath, RemoteResult *doctor)
{
    return session.run(RemoteCommand().arg(enginePath).arg("doctor").arg("--json"), doctor, {},
                       120000);
}

// The build-on-the-machine path. *used is true when result->enginePath now names a built
// binary whose doctor ran (its verdict is in result); otherwise result->buildNote says why not.
SshError useBuiltEngine(SshSession &session, const EngineSetupRequest &request,
                        const QString &engineDir, const QString &machineGlibc,
                        EngineSetupResult *result, const LineSink &say, bool *used)
{
    *used = false;
    say(EngineSetup::tr("Checking the machine's build tools…"));
    EngineBuildProbe probe;
    if (SshError e = EngineBuild::probe(session, &probe))
        return e;
    const bool always = request.buildFromSource == EngineBuildMode::Always;
    // No toolkit: the usual shipped-binary case, nothing the user needs to act on.
    if (!always && probe.nvccPath.isEmpty())
        return {};
    const bool cuda = request.buildCuda && probe.missingCuda().isEmpty();
    QStringList missing = probe.missingTools();
    if (!always && request.buildCuda)
        missing += probe.missingCuda();
    if (!missing.isEmpty()) {
        result->buildNote =
            EngineSetup::tr("The engine cannot be built on the machine, which lacks %1; the "
                            "bundled engine is used instead. TrainDeck installs nothing on the "
                            "machine: install these there to have the engine built for its own "
                            "driver and GPU.")
                .arg(missing.join(QStringLiteral("; ")));
        return {};
    }
    const EngineSourceTree tree =
        EngineSource::patched(EngineSource::embedded(), request.sourcePatch);
    if (tree.isEmpty()) {
        result->buildNote = EngineSetup::tr("This TrainDeck build carries no engine source; the "
                                            "bundled engine is used.");
        return {};
    }
    const QByteArray hash = EngineSource::treeHash(tree);
    result->sourceHash = QString::fromLatin1(hash);
    const QList<QByteArray> configureArgs = EngineBuild::configureArguments(probe, cuda);
    const QString srcDir = engineDir + QStringLiteral("/src-") + QString::fromLatin1(hash.left(16));
    const QString buildDir =
        engineDir + QStringLiteral("/build-") + EngineBuild::cacheKey(hash, configureArgs);
    const QString binary = buildDir + QLatin1Char('/') + EngineSetup::engineFileName();

    // The cache: the build folder's name covers source and configuration, so a binary there
    // that starts is the one this run would build.
    RemoteResult doctor;
    RemoteResult exists;
    if (SshError e = session.run(RemoteCommand("test").arg("-x").arg(binary), &exists, {}, 30000))
        return e;
    if (exists.exitStatus == 0) {
        if (SshError e = runDoctor(session, binary, &doctor))
            return e;
        if (doctorRan(doctor)) {
            say(EngineSetup::tr("Using the engine built earlier on the machine."));
            result->buildReused = true;
        }
    }
    if (!result->buildReused) {
        say(EngineSetup::tr("Uploading the engine source (%n files)…", nullptr, int(tree.size())));
        bool uploaded = false;
        if (SshError e = EngineBuild::uploadSource(session, tree, srcDir, &uploaded))
            return e;
        say(cuda ? EngineSetup::tr("Building the engine on the machine with CUDA %1 for %2…")
                       .arg(probe.nvccVersion.toString(), probe.cudaArchitectures())
                 : EngineSetup::tr("Building the engine on the machine (CPU backend only)…"));
        const int jobs = request.buildJobs > 0 ? request.buildJobs : std::max(1, probe.processors);
        EngineBuildOutcome outcome;
        if (SshError e = EngineBuild::build(session, probe, srcDir, buildDir, configureArgs, jobs,
                                            say, &outcome))
            return e;
        if (outcome.exitStatus != 0) {
            const QStringList last =
                outcome.tail.mid(std::max<qsizetype>(0, outcome.tail.size() - 15));
            result->buildNote =
                EngineSetup::tr("Building the engine on the machine failed (exit status %1), so "
                                "the bundled engine is used instead.%2\n\nLast lines of the "
                                "build output:\n%3")
                    .arg(outcome.exitStatus)
                    .arg(outcome.firstError.isEmpty()
                             ? QString()
                             : EngineSetup::tr("\nFirst error: %1").arg(outcome.firstError),
                         last.join(QLatin1Char('\n')));
            return {};
        }
        if (SshError e = runDoctor(session, binary, &doctor))
            return e;
        if (!doctorRan(doctor)) {
            result->buildNote =
                EngineSetup::tr("The engine built on the machine does not start (exit status "
                                "%1: %2), so the bundled engine is used instead.")
                    .arg(doctor.exitStatus)
                    .arg(QString::fromUtf8(doctor.stdErr.trimmed()).left(600));
            return {};
        }
        result->built = true;
    }
    result->origin = EngineSetupResult::Origin::BuiltOnMachine;
    result->enginePath = binary;
    EngineSetup::interpretDoctor(doctor.exitStatus, doctor.stdOut, doctor.stdErr, machineGlibc,
                                 result);
    *used = true;
    return {};
}

SshError useShippedEngine(SshSession &session, const EngineSetupRequest &request,
                          const QString &engineDir, const QString &machineGlibc,
                          EngineSetupResult *result,
                          const std::function<void(const TransferProgress &)> &progress)
{
    if (!QFileInfo(request.localEngine).isFile()) {
        QString message = EngineSetup::tr("The training engine traindeck-engine was not found "
                                          "next to the application. Rebuild TrainDeck or set "
                                          "TRAINDECK_ENGINE.");
        if (!result->buildNote.isEmpty())
            message += QStringLiteral("\n\n") + result->buildNote;
        return SshError::make(SshErrorKind::LocalIoError, message);
    }
    // The binary must land under its own name: upload the single file, not a folder.
    if (QFileInfo(request.localEngine).fileName() != EngineSetup::engineFileName())
        return SshError::make(SshErrorKind::InvalidRequest,
                              EngineSetup::tr("The engine file must be named %1.")
                                  .arg(EngineSetup::engineFileName()));
    Uploader uploader(session);
    if (progress)
        uploader.setProgressCallback(progress);
    UploadRequest up;
    up.sources = QStringList{request.localEngine};
    up.remoteDir = engineDir;
    up.stateDir = request.stateDir;
    up.machineKey = request.machineKey;
    UploadReport report;
    if (SshError e = uploader.run(up, &report))
        return e;
    result->uploaded = report.filesSent > 0 || report.filesResumed > 0;
    result->origin = EngineSetupResult::Origin::Shipped;
    result->enginePath = engineDir + QLatin1Char('/') + EngineSetup::engineFileName();

    RemoteResult doctor;
    if (SshError e = runDoctor(session, result->enginePath, &doctor))
        return e;
    EngineSetup::interpretDoctor(doctor.exitStatus, doctor.stdOut, doctor.stdErr, machineGlibc,
                                 result);
    return {};
}

} // namespace

SshError EngineSetup::run(SshSession &session, const EngineSetupRequest &request,
                          const QString &machineGlibc, EngineSetupResult *result,
                          const std::function<void(const TransferProgress &)> &progress,
                          const std::function<void(const QString &)> &buildOutput)
{
    QByteArray home;
    if (SshError e = session.runChecked(
            RemoteCommand("sh").arg("-c").arg(QByteArray("printf '%s' \"$HOME\"")), &home, {},
            30000))
        return e;
    result->remoteHome = QString::fromUtf8(home);
    const QString root = expandHome(request.remoteRoot, result->remoteHome);
    const QString engineDir = root + QStringLiteral("/engine");

    bool built = false;
    if (request.buildFromSource != EngineBuildMode::Never) {
        const LineSink say = [&buildOutput](const QString &line) {
            if (buildOutput)
                buildOutput(line);
        };
        if (SshError e =
                useBuiltEngine(session, request, engineDir, machineGlibc, result, say, &built))
            return e;
    }
    if (!built)
        if (SshError e =
                useShippedEngine(session, request, engineDir, machineGlibc, result, progress))
            return e;

    if (!request.datasetDir.isEmpty()) {
        result->datasetDir = expandHome(request.datasetDir, result->remoteHome);
        // The same four IDX files EngineConfig::checkDataset wants, plain or gzipped.
        const QByteArray check =
            "cd \"$1\" 2>/dev/null || { echo @nodir; exit 0; }\n"
            "for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte "
            "t10k-labels-idx1-ubyte; do [ -e \"$f\" ] || [ -e \"$f.gz\" ] || echo \"$f\"; done\n";
        QByteArray out;
        if (SshError e = session.runChecked(
                RemoteCommand("sh").arg("-c").arg(check).arg("sh").arg(result->datasetDir), &out,
                {}, 30000))
            return e;
        const QString missing = QString::fromUtf8(out).trimmed();
        if (missing == QLatin1String("@nodir"))
            result->datasetProblem =
                tr("The dataset folder %1 does not exist on the machine. Upload the dataset "
                   "on the Upload page (for example to ~/.traindeck/data/fashion-mnist) and enter "
                   "that folder as the dataset.")
                    .arg(result->datasetDir);
        else if (!missing.isEmpty())
            result->datasetProblem =
                tr("The dataset folder %1 on the machine lacks: %2.")
                    .arg(result->datasetDir,
                         missing.split(QLatin1Char('\n')).join(QStringLiteral(", ")));
    }
    return {};
}

} // namespace td
