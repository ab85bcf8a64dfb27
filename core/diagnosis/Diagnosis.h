// Why a training job failed, from its exit code, the engine's error kind and the tail of its log.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace td {

struct Finding
{
    // Root causes first: the order of this enum is the order findings are reported in, from the
    // most specific cause to the symptoms that other failures also produce (a rank that ran out
    // of memory makes the other ranks report an NCCL timeout).
    enum class Kind {
        GpuLost,               // GPU fell off the bus / "GPU is lost" / uncorrectable ECC
        DriverLibraryMismatch, // kernel module and driver libraries differ
        DriverTooOld,          // the driver is older than the CUDA runtime needs
        NoKernelImage,         // the build has no code for this GPU architecture
        GpuUnavailable,        // no GPU visible: no driver, no device, CPU-only build
        CudnnMismatch,         // framework built against another cuDNN than the one found
        MissingLibrary,        // a shared library (libcudnn, libcudart...) cannot be loaded
        MissingModule,         // Python module not installed in the job's environment
        CudaOom,               // GPU memory exhausted (any framework, cuBLAS workspace)
        HostOomKilled,         // host RAM exhausted / SIGKILL (exit 137, "Killed")
        SharedMemoryExhausted, // /dev/shm too small for DataLoader workers or NCCL
        DiskFull,              // no space left while writing (checkpoints, caches)
        IllegalMemoryAccess,   // a kernel touched invalid memory (or launch failure)
        DataError,             // labels out of range, unreadable samples, shape mismatch
        NanLoss,               // loss or gradients became NaN/inf
        CublasFailure,         // cuBLAS/cuDNN call failed for a reason other than memory
        NcclError,             // NCCL reported an error
        NcclTimeout,           // a collective did not finish within the timeout
        IoError,               // reading or writing files failed (not for lack of space)
        ConfigError,           // bad arguments or configuration
        Unknown,               // failed, but no known pattern matched
    };

    Kind kind = Kind::Unknown;
    QString title;
    QString explanation;
    QStringList remedies; // concrete steps, most effective first
    QString evidence;     // the log line that matched (or the exit code / engine error)
    QString detail;       // the case's particulars: module name, requested/free GiB, versions
};

struct DiagnosisInput
{
    std::optional<int> exitCode; // absent when the job ended without writing exit_code
    QString engineError;         // the metrics `error` event kind: oom, cuda_driver, nan, data,
                                 // io, config; empty when there was none
    QString logTail;             // the last part of run.log
};

// Findings, most specific first, one per kind. A job that exited 0 without an engine error has
// none. A failed job always has at least one: Unknown when nothing matched, with the last
// exception line of the log as evidence.
QList<Finding> diagnose(const DiagnosisInput &input);

inline QList<Finding> diagnose(std::optional<int> exitCode, const QString &engineError,
                               const QString &logTail)
{
    return diagnose(DiagnosisInput{exitCode, engineError, logTail});
}

// Stable identifier of a kind ("cuda_oom"), for storage in summary_json and for tests.
QString findingKindName(Finding::Kind kind);
std::optional<Finding::Kind> findingKindFromName(const QString &name);

} // namespace td
