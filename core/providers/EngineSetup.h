// Puts the bundled traindeck-engine on a remote machine and asks it, there, whether it can
// train: `traindeck-engine doctor --json`. A binary that cannot start (glibc too old, another
// CPU architecture) or cannot use the GPU is reported with what to do instead of launching.
#pragma once

#include "core/remote/SshError.h"
#include "core/remote/TransferProgress.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace td {

class SshSession;

struct EngineSetupRequest
{
    QString localEngine; // the binary to upload (locateEngine())
    QString remoteRoot;  // the machine's root, e.g. ~/.traindeck
    QString stateDir;    // local upload state (manifests), per machine
    QString machineKey;  // the machine id
    QString datasetDir;  // checked on the remote; "~/" is expanded; empty: not checked
};

struct EngineSetupResult
{
    enum class Verdict { Gpu, CpuOnly, Unusable };

    QString remoteHome;
    QString enginePath;    // absolute on the remote: <root>/engine/traindeck-engine
    QString datasetDir;    // the dataset folder with "~/" expanded
    bool uploaded = false; // false: the remote copy was already current
    Verdict verdict = Verdict::Unusable;
    QJsonObject doctor; // the parsed report, empty when the engine did not run
    // Translated; for CpuOnly why the GPU is not used, for Unusable what failed and the remedy.
    QString problem;
    QString datasetProblem; // translated, empty when the dataset is complete on the remote

    QString device() const
    {
        return verdict == Verdict::Gpu ? QStringLiteral("cuda") : QStringLiteral("cpu");
    }
};

class EngineSetup
{
    Q_DECLARE_TR_FUNCTIONS(td::EngineSetup)
public:
    static QString engineFileName() { return QStringLiteral("traindeck-engine"); }
    // "~/x" and "~" against the remote home; other paths unchanged.
    static QString expandHome(const QString &path, const QString &home);
    // Reads the doctor's exit status and output into the result's verdict and problem text.
    // `machineGlibc` (from the machine's facts) makes a loader error more precise.
    static void interpretDoctor(int exitStatus, const QByteArray &stdOut, const QByteArray &stdErr,
                                const QString &machineGlibc, EngineSetupResult *result);

    // Runs on the connection's thread: uploads the engine when it changed (delta sync with the
    // manifest, so "once per machine"), runs doctor, checks the dataset. An SshError is a
    // transport or upload failure; a binary that runs but cannot train is a verdict, not an error.
    static SshError run(SshSession &session, const EngineSetupRequest &request,
                        const QString &machineGlibc, EngineSetupResult *result,
                        const std::function<void(const TransferProgress &)> &progress = {});
};

} // namespace td
