#include "core/diagnosis/Diagnosis.h"

#include "core/diagnosis/DiagnosisRules.h"
#include "core/diagnosis/DiagnosisTr.h"
#include "core/diagnosis/TextLines.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QRegularExpressionMatchIterator>

#include <algorithm>
#include <array>

namespace td {

namespace {

using Kind = Finding::Kind;
using diagnosis::Match;

constexpr std::array<std::pair<Kind, const char *>, 21> kKindNames{{
    {Kind::GpuLost, "gpu_lost"},
    {Kind::DriverLibraryMismatch, "driver_library_mismatch"},
    {Kind::DriverTooOld, "driver_too_old"},
    {Kind::NoKernelImage, "no_kernel_image"},
    {Kind::GpuUnavailable, "gpu_unavailable"},
    {Kind::CudnnMismatch, "cudnn_mismatch"},
    {Kind::MissingLibrary, "missing_library"},
    {Kind::MissingModule, "missing_module"},
    {Kind::CudaOom, "cuda_oom"},
    {Kind::HostOomKilled, "host_oom_killed"},
    {Kind::SharedMemoryExhausted, "shared_memory_exhausted"},
    {Kind::DiskFull, "disk_full"},
    {Kind::IllegalMemoryAccess, "illegal_memory_access"},
    {Kind::DataError, "data_error"},
    {Kind::NanLoss, "nan_loss"},
    {Kind::CublasFailure, "cublas_failure"},
    {Kind::NcclError, "nccl_error"},
    {Kind::NcclTimeout, "nccl_timeout"},
    {Kind::IoError, "io_error"},
    {Kind::ConfigError, "config_error"},
    {Kind::Unknown, "unknown"},
}};

struct EngineError
{
    QString kind;
    QString message;
};

// The engine writes its metrics to stdout too, so its final `error` event is in the log tail
// even when the caller did not pass the kind. The last one wins.
EngineError engineErrorInLog(const QString &text)
{
    static const QRegularExpression errorLine(
        QStringLiteral(R"re(^\{[^\n]*"event"\s*:\s*"error"[^\n]*\}\s*$)re"),
        QRegularExpression::MultilineOption);
    EngineError found;
    QRegularExpressionMatchIterator it = errorLine.globalMatch(text);
    while (it.hasNext()) {
        const QJsonObject object =
            QJsonDocument::fromJson(it.next().captured(0).trimmed().toUtf8()).object();
        if (object.value(QStringLiteral("event")).toString() == QStringLiteral("error")) {
            found.kind = object.value(QStringLiteral("kind")).toString();
            found.message = object.value(QStringLiteral("message")).toString();
        }
    }
    return found;
}

// Which findings already explain an engine error kind, and which one stands for it otherwise.
struct EngineKindFamily
{
    const char *name;
    Kind fallback;
    std::initializer_list<Kind> family;
};

const EngineKindFamily *engineFamily(const QString &kind)
{
    static const EngineKindFamily kFamilies[] = {
        {"oom", Kind::CudaOom, {Kind::CudaOom, Kind::HostOomKilled}},
        {"cuda_driver",
         Kind::GpuUnavailable,
         {Kind::GpuLost, Kind::DriverLibraryMismatch, Kind::DriverTooOld, Kind::NoKernelImage,
          Kind::GpuUnavailable, Kind::CudnnMismatch, Kind::MissingLibrary}},
        {"nan", Kind::NanLoss, {Kind::NanLoss}},
        {"data", Kind::DataError, {Kind::DataError}},
        {"io", Kind::IoError, {Kind::DiskFull, Kind::IoError, Kind::SharedMemoryExhausted}},
        {"config", Kind::ConfigError, {Kind::ConfigError, Kind::MissingModule}},
    };
    for (const EngineKindFamily &family : kFamilies) {
        if (kind == QLatin1StringView(family.name))
            return &family;
    }
    return nullptr;
}

bool hasKind(const QList<Match> &matches, std::initializer_list<Kind> kinds)
{
    return std::any_of(matches.cbegin(), matches.cend(), [&](const Match &m) {
        return std::find(kinds.begin(), kinds.end(), m.kind) != kinds.end();
    });
}

// 128 + n from a shell, -n from Python's subprocess: the job died of signal n.
std::optional<int> signalOf(int exitCode)
{
    if (exitCode > 128 && exitCode < 160)
        return exitCode - 128;
    if (exitCode < 0 && exitCode > -32)
        return -exitCode;
    return std::nullopt;
}

QString exitCodeText(int exitCode)
{
    static const QList<std::pair<int, const char *>> kSignals = {
        {1, "SIGHUP"}, {2, "SIGINT"},  {4, "SIGILL"},   {6, "SIGABRT"},
        {7, "SIGBUS"}, {9, "SIGKILL"}, {11, "SIGSEGV"}, {15, "SIGTERM"},
    };
    const std::optional<int> signal = signalOf(exitCode);
    if (signal) {
        for (const auto &[number, name] : kSignals) {
            if (number == *signal)
                return DiagnosisTr::tr("exit code %1 (%2)")
                    .arg(exitCode)
                    .arg(QLatin1StringView(name));
        }
    }
    return DiagnosisTr::tr("exit code %1").arg(exitCode);
}

// The line most likely to name the error: the last exception or fatal line, else the last line.
QString lastErrorLine(const QString &text)
{
    static const QRegularExpression errorLine(
        QStringLiteral(R"re(^\s*(?:[\w.]*(?:Error|Exception)\b.*|.*\b(?:FATAL|Fatal error)\b.*|)re"
                       R"re(terminate called.*|.*Segmentation fault.*|.*core dumped.*)$)re"),
        QRegularExpression::MultilineOption);
    QRegularExpressionMatchIterator it = errorLine.globalMatch(text);
    qsizetype position = -1;
    while (it.hasNext())
        position = it.next().capturedStart();
    if (position >= 0)
        return lineAround(text, position);
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? QString() : lineAround(trimmed, trimmed.size() - 1);
}

} // namespace

QString findingKindName(Finding::Kind kind)
{
    for (const auto &[k, name] : kKindNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unknown");
}

std::optional<Finding::Kind> findingKindFromName(const QString &name)
{
    for (const auto &[k, known] : kKindNames) {
        if (name == QLatin1StringView(known))
            return k;
    }
    return std::nullopt;
}

QList<Finding> diagnose(const DiagnosisInput &input)
{
    const QString text = plainLogText(input.logTail);
    const EngineError logged = engineErrorInLog(text);
    const QString engineKind =
        input.engineError.isEmpty() ? logged.kind : input.engineError.trimmed().toLower();
    const bool failed = !engineKind.isEmpty() || !input.exitCode || *input.exitCode != 0;
    if (!failed)
        return {};

    QList<Match> matches = diagnosis::matchLog(text);

    if (const EngineKindFamily *family = engineFamily(engineKind);
        family && !hasKind(matches, family->family)) {
        Match match;
        match.kind = family->fallback;
        match.evidence = !logged.message.isEmpty()
                             ? logged.message
                             : DiagnosisTr::tr("engine error: %1").arg(engineKind);
        matches.append(match);
    }

    // SIGKILL without a word in the log is still almost always the OOM killer: it leaves no
    // trace in the job's own output, only in the kernel log.
    if (input.exitCode && signalOf(*input.exitCode) == 9 &&
        !hasKind(matches, {Kind::HostOomKilled})) {
        Match match;
        match.kind = Kind::HostOomKilled;
        match.evidence = exitCodeText(*input.exitCode);
        matches.append(match);
    }

    std::stable_sort(matches.begin(), matches.end(), [](const Match &a, const Match &b) {
        return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });

    QList<Finding> findings;
    for (const Match &match : std::as_const(matches))
        findings.append(diagnosis::makeFinding(match));

    if (findings.isEmpty()) {
        Match match;
        match.kind = Kind::Unknown;
        match.evidence = lastErrorLine(text);
        Finding finding = diagnosis::makeFinding(match);
        if (input.exitCode) {
            finding.detail = exitCodeText(*input.exitCode);
        } else {
            finding.detail = DiagnosisTr::tr("no exit code");
            finding.explanation = DiagnosisTr::tr(
                "The job's process is gone without recording an exit code: the machine was "
                "restarted or preempted, or the job was killed together with its wrapper.");
        }
        findings.append(finding);
    }
    return findings;
}

} // namespace td
