// Building traindeck-engine on the remote machine from its embedded source. A binary built here
// with CUDA 13 needs driver >= 580 and sm_75+, while rented hosts often run older drivers and
// GPUs; the machine's own nvcc produces code its driver accepts. See DESIGN.md, "Engine
// portability".
#pragma once

#include "core/providers/EngineSource.h"
#include "core/remote/SshError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

#include <functional>

namespace td {

class SshSession;

// What the machine offers for a build, from one remote command (probeScript()).
struct EngineBuildProbe
{
    QString cmakePath;
    QVersionNumber cmakeVersion;
    QString nvccPath; // on PATH, else /usr/local/cuda/bin/nvcc where that exists
    QVersionNumber nvccVersion;
    QString cxxPath, ccPath;
    int processors = 0;
    QString cblasDir, openblasLibDir, zlibDir; // where the development files were found
    QList<int> computeCapabilities;            // 86 for "8.6", from nvidia-smi; empty: unknown

    // A fixed POSIX sh script (no caller input), one "key=value" line per finding.
    static QByteArray probeScript();
    static EngineBuildProbe parse(const QByteArray &output);

    // Translated descriptions of what a CPU build lacks; empty when CMake, compilers, OpenBLAS
    // and zlib are all there.
    QStringList missingTools() const;
    // Translated descriptions of why the CUDA backend cannot be built; empty when it can.
    QStringList missingCuda() const;
    // Oldest architecture the machine's nvcc still compiles for (CUDA 13 dropped sm_70 and older).
    int minimumArchitecture() const;
    // One CMAKE_CUDA_ARCHITECTURES entry. Only one, because the engine's CMakeLists passes the
    // value on as a single compile definition (a list would split it) and doctor reads it back.
    // Known GPUs: the lowest compute capability as SASS + PTX (newer GPUs JIT the PTX).
    // Unknown: PTX only for the oldest supported architecture, which every GPU the toolkit
    // supports can JIT-compile.
    QString cudaArchitectures() const;
};

struct EngineBuildOutcome
{
    int exitStatus = -1;
    QStringList tail;   // the last lines of the configure and build output
    QString firstError; // the first compiler or CMake error line, when one was seen
};

class EngineBuild
{
    Q_DECLARE_TR_FUNCTIONS(td::EngineBuild)
public:
    static SshError probe(SshSession &session, EngineBuildProbe *probe);
    // The -D arguments for the configure step.
    static QList<QByteArray> configureArguments(const EngineBuildProbe &probe, bool cuda);
    // A short id of the source and the configuration: the build folder's name, so a changed
    // compiler, toolkit or CUDA choice never reuses a build made for another.
    static QString cacheKey(const QByteArray &sourceHash, const QList<QByteArray> &configureArgs);
    // Writes the tree to srcDir as one tar stream into a temporary sibling renamed into place,
    // so a folder named srcDir is always complete; an existing one is kept (its name carries
    // the source hash) and *uploaded says whether anything travelled.
    static SshError uploadSource(SshSession &session, const EngineSourceTree &tree,
                                 const QString &srcDir, bool *uploaded);
    // Configures and builds, streaming each output line to `line`. A failed build is an
    // outcome (exit status, tail), not an error; errors are transport failures.
    static SshError build(SshSession &session, const EngineBuildProbe &probe, const QString &srcDir,
                          const QString &buildDir, const QList<QByteArray> &configureArgs, int jobs,
                          const std::function<void(const QString &)> &line,
                          EngineBuildOutcome *outcome);
};

} // namespace td
