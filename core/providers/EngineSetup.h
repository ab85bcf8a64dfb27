// Puts traindeck-engine on a remote machine and asks it, there, whether it can train:
// `traindeck-engine doctor --json`. Where the machine has CMake, compilers and nvcc the engine
// is built there from its embedded source (the machine's own CUDA toolkit matches its driver
// and GPU), cached per source and configuration; otherwise the bundled binary is uploaded.
// A binary that cannot start (glibc too old, another CPU architecture) or cannot use the GPU
// is reported with what to do instead of launching.
#pragma once

#include "core/remote/SshError.h"
#include "core/remote/TransferProgress.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <functional>

namespace td {

class SshSession;

enum class EngineBuildMode {
    Auto,   // build on the machine when it has nvcc and everything else the build needs
    Always, // build whenever CMake, compilers, OpenBLAS and zlib are there (CUDA if possible)
    Never,  // always the bundled binary
};

struct EngineSetupRequest
{
    QString localEngine; // the binary to upload (locateEngine())
    QString remoteRoot;  // the machine's root, e.g. ~/.traindeck
    QString stateDir;    // local upload state (manifests), per machine
    QString machineKey;  // the machine id
    QString datasetDir;  // checked on the remote; "~/" is expanded; empty: not checked
    EngineBuildMode buildFromSource = EngineBuildMode::Auto;
    // false: the CPU backend only, even where nvcc exists (a build in seconds rather than
    // minutes, for tests and CPU-only machines).
    bool buildCuda = true;
    int buildJobs = 0; // parallel compile jobs; 0: the machine's processor count
    // Files of the embedded engine source replaced before hashing and upload (path relative to
    // gpu/ -> content). Tests use it to make a build fail; the hash keeps such a tree apart.
    QMap<QString, QByteArray> sourcePatch;
};

struct EngineSetupResult
{
    enum class Verdict { Gpu, CpuOnly, Unusable };

    enum class Origin { Shipped, BuiltOnMachine };

    QString remoteHome;
    // Absolute on the remote: <root>/engine/traindeck-engine (shipped) or
    // <root>/engine/build-<key>/traindeck-engine (built there).
    QString enginePath;
    QString datasetDir;    // the dataset folder with "~/" expanded
    bool uploaded = false; // false: the remote copy was already current
    Verdict verdict = Verdict::Unusable;
    QJsonObject doctor; // the parsed report, empty when the engine did not run
    // Translated; for CpuOnly why the GPU is not used, for Unusable what failed and the remedy.
    QString problem;
    QString datasetProblem; // translated, empty when the dataset is complete on the remote

    Origin origin = Origin::Shipped;
    bool built = false;       // compiled on the machine in this run
    bool buildReused = false; // an earlier build on the machine was found working and used
    QString sourceHash;       // of the engine source considered for a build; empty if none
    // Translated; why the engine was not built on the machine, or that its build failed (with
    // the last compiler lines) and the bundled binary is used. Empty when built or reused, when
    // building was not asked for, and in Auto mode on a machine without nvcc (the usual case).
    QString buildNote;

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
    // TRAINDECK_ENGINE_BUILD=auto|always|never (default auto), like TRAINDECK_ENGINE: lets a
    // user or a test keep the bundled binary on a machine that could build the engine.
    static EngineBuildMode buildModeFromEnvironment();
    // "~/x" and "~" against the remote home; other paths unchanged.
    static QString expandHome(const QString &path, const QString &home);
    // Reads the doctor's exit status and output into the result's verdict and problem text.
    // `machineGlibc` (from the machine's facts) makes a loader error more precise.
    static void interpretDoctor(int exitStatus, const QByteArray &stdOut, const QByteArray &stdErr,
                                const QString &machineGlibc, EngineSetupResult *result);

    // Runs on the connection's thread. Probes the machine's build tools (one command) unless
    // building is off; builds there or reuses an earlier build, streaming each line of output
    // (and a line per step) to buildOutput. Without a build, uploads the bundled engine when it
    // changed (delta sync with the manifest, so "once per machine"). Then runs doctor and checks
    // the dataset. An SshError is a transport or upload failure; a failed build falls back to
    // the bundled binary (buildNote), and a binary that runs but cannot train is a verdict.
    static SshError run(SshSession &session, const EngineSetupRequest &request,
                        const QString &machineGlibc, EngineSetupResult *result,
                        const std::function<void(const TransferProgress &)> &progress = {},
                        const std::function<void(const QString &)> &buildOutput = {});
};

} // namespace td
