#include "core/providers/EngineBuild.h"

#include "core/remote/Sha256.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"
#include "core/remote/TarWriter.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace td {

namespace {

const QVersionNumber kMinimumCMake(3, 18);      // gpu/CMakeLists.txt's cmake_minimum_required
const QVersionNumber kMinimumNvcc(11, 0);       // first nvcc with C++17 in device code
constexpr int kTailLines = 40;                  // output lines kept for the failure report
constexpr int kBuildTimeoutMs = 60 * 60 * 1000; // a whole build, all architectures
// One nvcc invocation for a big translation unit may print nothing for minutes.
constexpr int kBuildSilenceMs = 20 * 60 * 1000;
constexpr qint64 kSendChunk = 256 * 1024;

} // namespace

QByteArray EngineBuildProbe::probeScript()
{
    // cmake3 is how EL7-era images ship a newer CMake next to an old one. nvcc is often only in
    // /usr/local/cuda/bin, which non-interactive SSH sessions do not put on PATH. The header
    // folders are where Debian/Ubuntu (multiarch, alternatives) and RHEL/Fedora put OpenBLAS.
    return QByteArrayLiteral(
        "for c in cmake cmake3; do\n"
        "  p=$(command -v \"$c\" 2>/dev/null) || continue\n"
        "  printf 'cmake=%s\\t%s\\n' \"$p\" \"$(\"$p\" --version 2>/dev/null | head -n 1)\"\n"
        "done\n"
        "n=$(command -v nvcc 2>/dev/null)\n"
        "if [ -z \"$n\" ] && [ -x /usr/local/cuda/bin/nvcc ]; then n=/usr/local/cuda/bin/nvcc; fi\n"
        "if [ -n \"$n\" ]; then\n"
        "  printf 'nvcc=%s\\t%s\\n' \"$n\" \"$(\"$n\" --version 2>/dev/null | grep -i release | "
        "head -n 1)\"\n"
        "fi\n"
        "for c in c++ g++ clang++; do\n"
        "  p=$(command -v \"$c\" 2>/dev/null) && { printf 'cxx=%s\\n' \"$p\"; break; }\n"
        "done\n"
        "for c in cc gcc clang; do\n"
        "  p=$(command -v \"$c\" 2>/dev/null) && { printf 'cc=%s\\n' \"$p\"; break; }\n"
        "done\n"
        "printf 'nproc=%s\\n' \"$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)\"\n"
        "for d in /usr/include /usr/include/openblas /usr/include/*-linux-gnu "
        "/usr/include/*-linux-gnu/openblas* /usr/local/include /usr/local/include/openblas "
        "/opt/OpenBLAS/include; do\n"
        "  [ -f \"$d/cblas.h\" ] && { printf 'cblas=%s\\n' \"$d\"; break; }\n"
        "done\n"
        "for d in /usr/lib /usr/lib64 /usr/lib/*-linux-gnu /usr/lib/*-linux-gnu/openblas* "
        "/usr/local/lib /usr/local/lib64 /opt/OpenBLAS/lib; do\n"
        "  [ -e \"$d/libopenblas.so\" ] && { printf 'openblas=%s\\n' \"$d\"; break; }\n"
        "done\n"
        "for d in /usr/include /usr/local/include; do\n"
        "  [ -f \"$d/zlib.h\" ] && { printf 'zlib=%s\\n' \"$d\"; break; }\n"
        "done\n"
        "if command -v nvidia-smi >/dev/null 2>&1; then\n"
        "  nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | sed 's/^/cap=/'\n"
        "fi\n"
        "exit 0\n");
}

EngineBuildProbe EngineBuildProbe::parse(const QByteArray &output)
{
    EngineBuildProbe p;
    static const QRegularExpression cmakeVersion(QStringLiteral("version\\s+([0-9]+(\\.[0-9]+)+)"));
    static const QRegularExpression nvccRelease(QStringLiteral("release\\s+([0-9]+\\.[0-9]+)"));
    static const QRegularExpression capability(QStringLiteral("^([0-9]+)\\.([0-9])$"));
    for (const QByteArray &raw : output.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = line.left(eq);
        const QString value = line.mid(eq + 1);
        const QString path = value.section(QLatin1Char('\t'), 0, 0);
        const QString detail = value.section(QLatin1Char('\t'), 1);
        if (key == QLatin1String("cmake")) {
            const QRegularExpressionMatch m = cmakeVersion.match(detail);
            const QVersionNumber v =
                m.hasMatch() ? QVersionNumber::fromString(m.captured(1)) : QVersionNumber();
            // cmake and cmake3 may both exist: keep the newer.
            if (p.cmakePath.isEmpty() || v > p.cmakeVersion) {
                p.cmakePath = path;
                p.cmakeVersion = v;
            }
        } else if (key == QLatin1String("nvcc")) {
            p.nvccPath = path;
            const QRegularExpressionMatch m = nvccRelease.match(detail);
            if (m.hasMatch())
                p.nvccVersion = QVersionNumber::fromString(m.captured(1));
        } else if (key == QLatin1String("cxx")) {
            p.cxxPath = value;
        } else if (key == QLatin1String("cc")) {
            p.ccPath = value;
        } else if (key == QLatin1String("nproc")) {
            p.processors = value.toInt();
        } else if (key == QLatin1String("cblas")) {
            p.cblasDir = value;
        } else if (key == QLatin1String("openblas")) {
            p.openblasLibDir = value;
        } else if (key == QLatin1String("zlib")) {
            p.zlibDir = value;
        } else if (key == QLatin1String("cap")) {
            const QRegularExpressionMatch m = capability.match(value);
            if (m.hasMatch())
                p.computeCapabilities << m.captured(1).toInt() * 10 + m.captured(2).toInt();
        }
    }
    return p;
}

QStringList EngineBuildProbe::missingTools() const
{
    QStringList missing;
    if (cmakePath.isEmpty())
        missing << EngineBuild::tr("CMake %1 or newer (none found)").arg(kMinimumCMake.toString());
    else if (cmakeVersion < kMinimumCMake)
        missing << EngineBuild::tr("CMake %1 or newer (the machine has %2)")
                       .arg(kMinimumCMake.toString(), cmakeVersion.isNull()
                                                          ? EngineBuild::tr("an unknown version")
                                                          : cmakeVersion.toString());
    if (cxxPath.isEmpty())
        missing << EngineBuild::tr("a C++17 compiler (c++ or g++)");
    if (ccPath.isEmpty())
        missing << EngineBuild::tr("a C compiler (cc or gcc)");
    if (cblasDir.isEmpty() || openblasLibDir.isEmpty())
        missing << EngineBuild::tr("the OpenBLAS development files (cblas.h and libopenblas.so, "
                                   "package libopenblas-dev or openblas-devel)");
    if (zlibDir.isEmpty())
        missing << EngineBuild::tr(
            "the zlib development files (zlib.h, package zlib1g-dev or zlib-devel)");
    return missing;
}

int EngineBuildProbe::minimumArchitecture() const
{
    const int major = nvccVersion.majorVersion();
    if (major >= 13)
        return 75;
    if (major == 12)
        return 50;
    return 35;
}

QStringList EngineBuildProbe::missingCuda() const
{
    if (nvccPath.isEmpty())
        return {EngineBuild::tr("the CUDA compiler nvcc")};
    if (nvccVersion.isNull() || nvccVersion < kMinimumNvcc)
        return {EngineBuild::tr("nvcc %1 or newer (the machine has %2)")
                    .arg(kMinimumNvcc.toString(), nvccVersion.isNull()
                                                      ? EngineBuild::tr("an unknown version")
                                                      : nvccVersion.toString())};
    if (!computeCapabilities.isEmpty()) {
        const int lowest =
            *std::min_element(computeCapabilities.cbegin(), computeCapabilities.cend());
        if (lowest < minimumArchitecture())
            return {EngineBuild::tr("a CUDA toolkit that still supports the GPU (sm_%1; the "
                                    "machine's CUDA %2 builds for sm_%3 and newer)")
                        .arg(lowest)
                        .arg(nvccVersion.toString())
                        .arg(minimumArchitecture())};
    }
    return {};
}

QString EngineBuildProbe::cudaArchitectures() const
{
    if (!computeCapabilities.isEmpty())
        return QString::number(
            *std::min_element(computeCapabilities.cbegin(), computeCapabilities.cend()));
    // sm_52 is the oldest the engine's kernels are worth running on; CUDA 13 starts at sm_75.
    return QString::number(std::max(52, minimumArchitecture())) + QStringLiteral("-virtual");
}

SshError EngineBuild::probe(SshSession &session, EngineBuildProbe *probe)
{
    QByteArray out;
    if (SshError e = session.runChecked(
            RemoteCommand("sh").arg("-c").arg(EngineBuildProbe::probeScript()), &out, {}, 60000))
        return e;
    *probe = EngineBuildProbe::parse(out);
    return {};
}

QList<QByteArray> EngineBuild::configureArguments(const EngineBuildProbe &probe, bool cuda)
{
    // Explicit compilers: the build does not depend on which one CMake would pick first.
    QList<QByteArray> args{QByteArrayLiteral("-DCMAKE_BUILD_TYPE=Release"),
                           "-DCMAKE_C_COMPILER=" + probe.ccPath.toUtf8(),
                           "-DCMAKE_CXX_COMPILER=" + probe.cxxPath.toUtf8()};
    if (cuda) {
        args << QByteArrayLiteral("-DTRAINDECK_CUDA=ON")
             << "-DCMAKE_CUDA_COMPILER=" + probe.nvccPath.toUtf8()
             << "-DCMAKE_CUDA_ARCHITECTURES=" + probe.cudaArchitectures().toUtf8();
    } else {
        args << QByteArrayLiteral("-DTRAINDECK_CUDA=OFF");
    }
    return args;
}

QString EngineBuild::cacheKey(const QByteArray &sourceHash, const QList<QByteArray> &configureArgs)
{
    QByteArray text = sourceHash;
    for (const QByteArray &a : configureArgs)
        text += '\n' + a;
    return QString::fromLatin1(Sha256::hexOf(text).left(16));
}

SshError EngineBuild::uploadSource(SshSession &session, const EngineSourceTree &tree,
                                   const QString &srcDir, bool *uploaded)
{
    *uploaded = false;
    RemoteResult present;
    if (SshError e = session.run(RemoteCommand("test").arg("-d").arg(srcDir), &present, {}, 30000))
        return e;
    if (present.exitStatus == 0)
        return {};

    const QString staging = srcDir + QStringLiteral(".partial");
    SshError error;
    // --no-same-owner: as root, GNU tar would otherwise restore our local uid on the files.
    auto channel =
        session.openExec(RemoteCommand("rm")
                             .arg("-rf")
                             .arg("--")
                             .arg(staging)
                             .andThen(RemoteCommand("mkdir").arg("-p").arg("--").arg(staging))
                             .andThen(RemoteCommand("tar"))
                             .arg("--no-same-owner")
                             .arg("-xf")
                             .arg("-")
                             .arg("-C")
                             .arg(staging),
                         &error);
    if (!channel)
        return error;
    QByteArray pending;
    SshError sinkError;
    TarWriter tar([&](const char *d, qint64 n) {
        pending.append(d, n);
        if (pending.size() >= kSendChunk) {
            sinkError = channel->write(pending);
            pending.clear();
        }
        return !sinkError;
    });
    const qint64 mtimeNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    for (const EngineSourceFile &f : tree) {
        if (!tar.beginFile(f.path.toUtf8(), f.content.size(), mtimeNs, 0644) ||
            !tar.writeData(f.content.constData(), f.content.size()) || !tar.endFile())
            return sinkError ? sinkError
                             : SshError::make(SshErrorKind::LocalIoError, tr("Archive error."));
    }
    if (!tar.finish())
        return sinkError ? sinkError
                         : SshError::make(SshErrorKind::LocalIoError, tr("Archive error."));
    if (!pending.isEmpty())
        if (SshError e = channel->write(pending))
            return e;
    if (SshError e = channel->sendEof())
        return e;
    if (SshError e = channel->waitForExit())
        return e;
    if (channel->exitStatus() != 0)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              tr("Could not unpack the engine source on the machine (exit status "
                                 "%1): %2")
                                  .arg(channel->exitStatus())
                                  .arg(QString::fromUtf8(channel->takeStdErr().trimmed())));
    // Renamed only when whole: a folder with the final name is never a half upload.
    if (SshError e =
            session.runChecked(RemoteCommand("rm").arg("-rf").arg("--").arg(srcDir).andThen(
                                   RemoteCommand("mv").arg("--").arg(staging).arg(srcDir)),
                               nullptr, {}, 30000))
        return e;
    *uploaded = true;
    return {};
}

SshError EngineBuild::build(SshSession &session, const EngineBuildProbe &probe,
                            const QString &srcDir, const QString &buildDir,
                            const QList<QByteArray> &configureArgs, int jobs,
                            const std::function<void(const QString &)> &line,
                            EngineBuildOutcome *outcome)
{
    *outcome = EngineBuildOutcome{};
    const QByteArray cmake = probe.cmakePath.toUtf8();
    RemoteCommand configure(cmake);
    configure.arg("-S").arg(srcDir).arg("-B").arg(buildDir).args(configureArgs).stderrToStdout();
    RemoteCommand compile(cmake);
    compile.arg("--build")
        .arg(buildDir)
        .arg("--target")
        .arg("traindeck-engine")
        .arg("-j")
        .arg(qint64(std::max(1, jobs)))
        .stderrToStdout();
    SshError error;
    auto channel = session.openExec(configure.andThen(compile), &error);
    if (!channel)
        return error;
    channel->setIoTimeout(kBuildSilenceMs);

    // Compiler diagnostics ("file:line:col: error: ...") and CMake's "CMake Error at ...".
    static const QRegularExpression errorLine(
        QStringLiteral("(:\\s*(fatal )?error[: ])|(^CMake Error)|(\\berror\\s*:)"),
        QRegularExpression::CaseInsensitiveOption);
    QByteArray partial;
    auto takeLine = [&](const QByteArray &raw) {
        const QString text = QString::fromUtf8(raw).trimmed();
        if (text.isEmpty())
            return;
        if (outcome->firstError.isEmpty() && errorLine.match(text).hasMatch())
            outcome->firstError = text;
        outcome->tail << text;
        if (outcome->tail.size() > kTailLines)
            outcome->tail.removeFirst();
        if (line)
            line(text);
    };
    channel->setSink([&](const char *data, int size, bool) {
        partial.append(data, size);
        qsizetype nl;
        while ((nl = partial.indexOf('\n')) >= 0) {
            takeLine(partial.left(nl));
            partial.remove(0, nl + 1);
        }
        return true;
    });
    if (SshError e = channel->waitForExit(kBuildTimeoutMs))
        return e;
    takeLine(partial);
    outcome->exitStatus = channel->exitStatus();
    return {};
}

} // namespace td
