// Internal to the diagnosis module: the log patterns and the facts read around a match, which
// DiagnosisText turns into translated findings.
#pragma once

#include "core/diagnosis/Diagnosis.h"

#include <QList>
#include <QString>
#include <QVersionNumber>

#include <optional>

namespace td::diagnosis {

enum class Framework { Unknown, PyTorch, Paddle, TensorFlow, Jax };

// Particulars of one case. Only the fields of the finding's kind are set.
struct Facts
{
    Framework framework = Framework::Unknown;

    // CudaOom, sizes in GiB
    std::optional<double> requestedGiB, freeGiB, totalGiB, reservedUnusedGiB, processGiB;
    QString tensorShape;            // TensorFlow reports a shape instead of a size
    bool oldTorchAllocator = false; // the message suggests max_split_size_mb (PyTorch < 2.1)
    bool libraryWorkspace = false;  // cuBLAS/cuDNN could not allocate its workspace

    // DriverTooOld / NoKernelImage
    QVersionNumber driverCuda;    // newest CUDA the installed driver supports
    QVersionNumber neededCuda;    // CUDA release the program was built with
    int ccMajor = 0, ccMinor = 0; // GPU compute capability, when printed

    // MissingModule / MissingLibrary / DiskFull / DataError / ConfigError
    QString name;    // module, library, command, missing symbol
    QString package; // what to install for a missing module
    QString path;
    bool quota = false;           // DiskFull: a disk quota, not the whole disk
    bool importNameError = false; // "cannot import name": installed, but the wrong version

    // HostOomKilled
    QString processName;
    bool dataLoaderWorker = false;
    bool hostAllocFailed = false; // MemoryError / bad_alloc: not killed, but out of host RAM

    // NanLoss
    bool fp16ScaleCollapsed = false;

    // NCCL
    QString ncclCode; // "unhandled system error"
    QString ncclVersion;
    QString collective; // "ALLREDUCE"
    std::optional<double> timeoutMinutes;

    // GpuUnavailable
    bool gpuBusy = false;      // exclusive-process GPU taken by another process
    bool cpuOnlyBuild = false; // "Torch not compiled with CUDA enabled"

    // CublasFailure
    QString status; // "CUBLAS_STATUS_EXECUTION_FAILED"
};

// One finding before translation: its kind, the line that proves it and what was read around.
struct Match
{
    Finding::Kind kind = Finding::Kind::Unknown;
    QString evidence;
    qsizetype position = -1; // where in the log the evidence starts
    Facts facts;
};

// Runs every pattern over a plain log text (see plainLogText) and returns at most one match per
// kind: the first rule of that kind that matches, at its first occurrence.
QList<Match> matchLog(const QString &text);

// Fills the title, explanation, remedies and detail of a finding from its match.
Finding makeFinding(const Match &match);

// The texts of the kinds about the machine and its software (DiagnosisMachineText.cpp) and about
// what the training run itself did (DiagnosisRunText.cpp); out->kind is set.
void describeMachine(const Facts &facts, Finding *out);
void describeRun(const Facts &facts, Finding *out);

} // namespace td::diagnosis
