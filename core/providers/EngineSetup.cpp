#include "core/providers/EngineSetup.h"

#include "core/remote/ShellQuote.h"
#include "core/remote/SshSession.h"
#include "core/remote/Upload.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace td {

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
                       QRegularExpression(QStringLiteral("error while loading shared libraries: ([^:\\s]+)"))
                           .match(err);
                   lib.hasMatch()) {
            const QString name = lib.captured(1);
            result->problem =
                tr("The bundled engine cannot start on this machine: the library %1 is missing.\n\n"
                   "Remedy: %2, or run your own training command with the Script job mode.")
                    .arg(name, name.contains(QLatin1String("openblas"))
                                   ? tr("install it (apt install libopenblas0-pthread)")
                               : name.contains(QLatin1String("cublas"))
                                   ? tr("install the CUDA toolkit's cuBLAS, or use an image with PyTorch for CUDA (it ships cuBLAS)")
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

SshError EngineSetup::run(SshSession &session, const EngineSetupRequest &request,
                          const QString &machineGlibc, EngineSetupResult *result,
                          const std::function<void(const TransferProgress &)> &progress)
{
    if (!QFileInfo(request.localEngine).isFile())
        return SshError::make(SshErrorKind::LocalIoError,
                              tr("The training engine traindeck-engine was not found next to the "
                                 "application. Rebuild TrainDeck or set TRAINDECK_ENGINE."));
    QByteArray home;
    if (SshError e = session.runChecked(
            RemoteCommand("sh").arg("-c").arg(QByteArray("printf '%s' \"$HOME\"")), &home, {},
            30000))
        return e;
    result->remoteHome = QString::fromUtf8(home);
    const QString root = expandHome(request.remoteRoot, result->remoteHome);
    const QString engineDir = root + QStringLiteral("/engine");

    // The binary must land under its own name: upload the single file, not a folder.
    if (QFileInfo(request.localEngine).fileName() != engineFileName())
        return SshError::make(SshErrorKind::InvalidRequest,
                              tr("The engine file must be named %1.").arg(engineFileName()));
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
    result->enginePath = engineDir + QLatin1Char('/') + engineFileName();

    RemoteResult doctor;
    if (SshError e =
            session.run(RemoteCommand().arg(result->enginePath).arg("doctor").arg("--json"),
                        &doctor, {}, 120000))
        return e;
    interpretDoctor(doctor.exitStatus, doctor.stdOut, doctor.stdErr, machineGlibc, result);

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
