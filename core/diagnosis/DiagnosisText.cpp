// Titles, explanations and remedies of findings. The remedies are the ones users apply on rented
// GPU machines, made concrete with what the log told us (sizes, versions, names).
#include "core/diagnosis/CudaCompat.h"
#include "core/diagnosis/DiagnosisRules.h"
#include "core/diagnosis/DiagnosisTr.h"

#include <algorithm>
#include <array>

namespace td::diagnosis {

namespace {

using Kind = Finding::Kind;

QString gib(double value)
{
    return QString::number(value, 'f', 2);
}

QString cudaTag(const QVersionNumber &cuda)
{
    return QStringLiteral("cu%1%2").arg(cuda.majorVersion()).arg(cuda.minorVersion());
}

// PyTorch wheel indexes that exist (download.pytorch.org/whl/cuXXX).
constexpr std::array<std::pair<int, int>, 17> kWheelCudas{{
    {9, 2},
    {10, 0},
    {10, 1},
    {10, 2},
    {11, 0},
    {11, 1},
    {11, 3},
    {11, 5},
    {11, 6},
    {11, 7},
    {11, 8},
    {12, 1},
    {12, 4},
    {12, 6},
    {12, 8},
    {12, 9},
    {13, 0},
}};

// Newest wheel CUDA not newer than `limit`.
QVersionNumber newestWheelAtMost(const QVersionNumber &limit)
{
    QVersionNumber best;
    for (const auto &[major, minor] : kWheelCudas) {
        const QVersionNumber v(major, minor);
        if (QVersionNumber::compare(v, limit) <= 0)
            best = v;
    }
    return best;
}

// Oldest of the commonly used wheels (11.8 onwards) not older than `floor`.
QVersionNumber commonWheelAtLeast(const QVersionNumber &floor)
{
    for (const auto &[major, minor] : kWheelCudas) {
        const QVersionNumber v(major, minor);
        if (QVersionNumber::compare(v, QVersionNumber(11, 8)) >= 0 &&
            QVersionNumber::compare(v, floor) >= 0)
            return v;
    }
    return QVersionNumber(13, 0);
}

QString torchInstall(const QVersionNumber &cuda)
{
    return QStringLiteral("pip install torch --index-url https://download.pytorch.org/whl/") %
           cudaTag(cuda);
}

QString driverTable()
{
    return DiagnosisTr::tr("Minimum drivers: CUDA 11.8 needs %1 (%2 with minor-version "
                           "compatibility), CUDA 12.x needs %3, CUDA 13.0 needs %4.")
        .arg(minimumDriverForCuda(QVersionNumber(11, 8)), minimumCompatDriverForCudaMajor(11),
             minimumCompatDriverForCudaMajor(12), minimumDriverForCuda(QVersionNumber(13, 0)));
}

void describeOom(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Out of GPU memory");
    out->explanation =
        f.libraryWorkspace
            ? DiagnosisTr::tr("cuBLAS/cuDNN could not allocate its workspace because the GPU "
                              "memory was already used up by the model, activations and cache.")
            : DiagnosisTr::tr("The job asked for more GPU memory than was free. Memory grows with "
                              "the batch size, sequence or image size, model size and precision.");
    QStringList parts;
    if (f.requestedGiB)
        parts << DiagnosisTr::tr("requested %1 GiB").arg(gib(*f.requestedGiB));
    if (f.freeGiB)
        parts << DiagnosisTr::tr("%1 GiB free").arg(gib(*f.freeGiB));
    if (f.totalGiB)
        parts << DiagnosisTr::tr("%1 GiB total").arg(gib(*f.totalGiB));
    if (!f.tensorShape.isEmpty())
        parts << DiagnosisTr::tr("tensor shape [%1]").arg(f.tensorShape);
    out->detail = parts.join(QStringLiteral(", "));

    QStringList &r = out->remedies;
    const bool torch = f.framework == Framework::PyTorch || f.framework == Framework::Unknown;
    const bool fragmented =
        torch && f.reservedUnusedGiB && f.requestedGiB && *f.reservedUnusedGiB >= *f.requestedGiB;
    const QString allocator =
        f.oldTorchAllocator
            ? DiagnosisTr::tr("Reduce fragmentation: set PYTORCH_CUDA_ALLOC_CONF=%1 in the job's "
                              "environment (PyTorch 2.1 and newer: %2).")
                  .arg(QStringLiteral("max_split_size_mb:128"),
                       QStringLiteral("expandable_segments:True"))
            : DiagnosisTr::tr("Reduce fragmentation: set PYTORCH_CUDA_ALLOC_CONF=%1 in the job's "
                              "environment.")
                  .arg(QStringLiteral("expandable_segments:True"));
    if (f.requestedGiB && f.totalGiB && *f.requestedGiB > *f.totalGiB) {
        r << DiagnosisTr::tr("One allocation of %1 GiB is larger than the whole GPU (%2 GiB): "
                             "shorten sequences or images, shard the model (FSDP, DeepSpeed "
                             "ZeRO) or rent a GPU with more memory.")
                 .arg(gib(*f.requestedGiB), gib(*f.totalGiB));
    }
    if (f.processGiB && f.totalGiB && f.freeGiB) {
        const double others = *f.totalGiB - *f.freeGiB - *f.processGiB;
        if (others > std::max(1.0, 0.1 * *f.totalGiB)) {
            r << DiagnosisTr::tr("Other processes hold about %1 GiB of this GPU: stop them (see "
                                 "nvidia-smi) or use another GPU.")
                     .arg(gib(others));
        }
    }
    if (fragmented)
        r << allocator;
    r << DiagnosisTr::tr("Reduce the batch size: halve it until a step fits.");
    r << DiagnosisTr::tr("Keep the effective batch size with gradient accumulation: run N "
                         "smaller batches and step the optimizer every N batches.");
    switch (f.framework) {
    case Framework::Paddle:
        r << DiagnosisTr::tr("Train in mixed precision: paddle.amp.auto_cast() with "
                             "paddle.amp.GradScaler.");
        r << DiagnosisTr::tr("Let Paddle grow its memory pool on demand: "
                             "FLAGS_allocator_strategy=auto_growth; make sure no other process "
                             "uses the GPU.");
        break;
    case Framework::TensorFlow:
        r << DiagnosisTr::tr("Train in mixed precision: "
                             "tf.keras.mixed_precision.set_global_policy('mixed_float16').");
        r << DiagnosisTr::tr("Let TensorFlow allocate on demand: "
                             "tf.config.experimental.set_memory_growth(gpu, True) or "
                             "TF_FORCE_GPU_ALLOW_GROWTH=true.");
        break;
    case Framework::Jax:
        r << DiagnosisTr::tr("Compute in bfloat16 where the model allows it.");
        r << DiagnosisTr::tr("Stop other processes from reserving GPU memory and let XLA take what "
                             "it needs: XLA_PYTHON_CLIENT_PREALLOCATE=false, or a larger "
                             "XLA_PYTHON_CLIENT_MEM_FRACTION.");
        break;
    default:
        r << DiagnosisTr::tr("Train in mixed precision (AMP): torch.autocast with bf16 on Ampere "
                             "or newer GPUs, fp16 with a GradScaler on older ones.");
        r << DiagnosisTr::tr("Enable gradient checkpointing (torch.utils.checkpoint, or "
                             "model.gradient_checkpointing_enable() for Hugging Face models): "
                             "activations are recomputed instead of kept.");
        if (!fragmented)
            r << allocator;
        r << DiagnosisTr::tr("Release memory you no longer need: delete large tensors, call "
                             "torch.cuda.empty_cache() between training and evaluation, and "
                             "evaluate under torch.no_grad().");
        break;
    }
    r << DiagnosisTr::tr("Rent a GPU with more memory.");
}

void describeDriverTooOld(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("NVIDIA driver too old for this CUDA build");
    out->explanation = DiagnosisTr::tr(
        "The framework was built with a newer CUDA release than the installed NVIDIA driver "
        "supports. The driver cannot be upgraded from inside a container; the framework build "
        "can be changed.");
    QStringList parts;
    if (!f.driverCuda.isNull())
        parts << DiagnosisTr::tr("driver supports CUDA %1").arg(f.driverCuda.toString());
    if (!f.neededCuda.isNull())
        parts << DiagnosisTr::tr("build uses CUDA %1").arg(f.neededCuda.toString());
    out->detail = parts.join(QStringLiteral(", "));

    QStringList &r = out->remedies;
    const bool compat11 = f.driverCuda.majorVersion() == 11 && f.driverCuda.minorVersion() >= 1;
    if (compat11) {
        // Every 11.x driver from 450.80.02 on runs CUDA 11.8 builds through minor-version
        // compatibility, and 11.8 is the CUDA 11 build current frameworks still publish.
        r << DiagnosisTr::tr("Install a CUDA 11.8 build, which this CUDA %1 driver runs through "
                             "minor-version compatibility: %2.")
                 .arg(f.driverCuda.toString(), torchInstall(QVersionNumber(11, 8)));
    } else if (!f.driverCuda.isNull() && !newestWheelAtMost(f.driverCuda).isNull()) {
        const QVersionNumber wheel = newestWheelAtMost(f.driverCuda);
        r << DiagnosisTr::tr("Install a build for CUDA %1 or older, which this driver runs: %2 "
                             "(older CUDA releases may need an older PyTorch release).")
                 .arg(f.driverCuda.toString(), torchInstall(wheel));
    } else {
        r << DiagnosisTr::tr("Install a framework build whose CUDA version is not newer than the "
                             "\"CUDA Version\" nvidia-smi shows, e.g. %1.")
                 .arg(torchInstall(QVersionNumber(11, 8)));
    }
    if (!f.neededCuda.isNull() && !minimumDriverForCuda(f.neededCuda).isEmpty()) {
        const QString full = minimumDriverForCuda(f.neededCuda);
        const QString compat = minimumCompatDriverForCudaMajor(f.neededCuda.majorVersion());
        r << (compat.isEmpty() || compat == full
                  ? DiagnosisTr::tr("Or use a machine whose driver is at least %1 (needed by "
                                    "CUDA %2).")
                        .arg(full, f.neededCuda.toString())
                  : DiagnosisTr::tr("Or use a machine whose driver is at least %1 (needed by "
                                    "CUDA %2; %3 runs it through minor-version compatibility).")
                        .arg(full, f.neededCuda.toString(), compat));
    }
    r << driverTable();
    r << DiagnosisTr::tr("Rent a machine or image with a newer driver; check nvidia-smi before "
                         "starting the job.");
}

void describeNoKernelImage(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Build does not support this GPU");
    out->explanation = DiagnosisTr::tr(
        "The framework or a CUDA extension was compiled without code for this GPU's "
        "architecture, so its kernels cannot run here (typically an old build on a new GPU, or a "
        "new CUDA release that dropped an old GPU).");
    const bool knownArch = f.ccMajor > 0;
    const QString sm = QStringLiteral("sm_%1%2").arg(f.ccMajor).arg(f.ccMinor);
    QStringList parts;
    if (knownArch)
        parts << DiagnosisTr::tr("GPU %1").arg(sm);
    if (!f.name.isEmpty())
        parts << DiagnosisTr::tr("build supports %1").arg(f.name);
    if (!f.neededCuda.isNull())
        parts << DiagnosisTr::tr("build uses CUDA %1").arg(f.neededCuda.toString());
    out->detail = parts.join(QStringLiteral(", "));

    QStringList &r = out->remedies;
    const QVersionNumber archMin =
        knownArch ? minimumCudaForComputeCapability(f.ccMajor, f.ccMinor) : QVersionNumber();
    const int lastMajor = knownArch ? lastCudaMajorForComputeCapability(f.ccMajor, f.ccMinor) : 0;
    if (lastMajor > 0 && !f.neededCuda.isNull() && f.neededCuda.majorVersion() > lastMajor) {
        r << DiagnosisTr::tr("CUDA %1 and newer no longer build for %2: install a CUDA %3 build, "
                             "e.g. %4.")
                 .arg(QString::number(lastMajor + 1), sm, QString::number(lastMajor),
                      torchInstall(newestWheelAtMost(QVersionNumber(lastMajor, 9))));
    } else if (!archMin.isNull()) {
        r << DiagnosisTr::tr("%1 needs a build made with CUDA %2 or newer: %3.")
                 .arg(sm, archMin.toString(), torchInstall(commonWheelAtLeast(archMin)));
    } else {
        r << DiagnosisTr::tr("Install a current framework build (e.g. %1) that includes this "
                             "GPU's architecture.")
                 .arg(torchInstall(QVersionNumber(12, 8)));
    }
    r << (knownArch ? DiagnosisTr::tr("Rebuild your own CUDA extensions for this GPU: set "
                                      "TORCH_CUDA_ARCH_LIST=\"%1.%2\" before building them.")
                          .arg(f.ccMajor)
                          .arg(f.ccMinor)
                    : DiagnosisTr::tr("Rebuild your own CUDA extensions for this GPU: "
                                      "nvidia-smi --query-gpu=compute_cap --format=csv gives the "
                                      "value for TORCH_CUDA_ARCH_LIST."));
    r << DiagnosisTr::tr("Or rent a GPU that the installed build supports.");
}

void describeModule(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Python module missing");
    out->detail = f.name;
    QStringList &r = out->remedies;
    if (f.importNameError) {
        out->explanation = DiagnosisTr::tr(
            "The package is installed, but in a version that does not have what the code "
            "imports.");
        r << DiagnosisTr::tr("Install the version the project expects: pip install -U %1, or the "
                             "version pinned in its requirements.")
                 .arg(f.package);
    } else {
        out->explanation = DiagnosisTr::tr(
            "The job's Python environment does not have this module: it was never installed "
            "there, or the job runs another Python than the one it was installed into.");
        if (f.package == QStringLiteral("torch")) {
            r << DiagnosisTr::tr("Install PyTorch for the machine's driver: %1 (choose the cuXXX "
                                 "not newer than the \"CUDA Version\" of nvidia-smi).")
                     .arg(torchInstall(QVersionNumber(12, 1)));
        } else {
            r << QStringLiteral("pip install %1").arg(f.package);
        }
    }
    r << DiagnosisTr::tr("Install the project's requirements in the job's setup: "
                         "pip install -r requirements.txt");
    r << DiagnosisTr::tr("Make sure the job activates the environment the packages are in (venv "
                         "or conda activate in the setup; which python shows the interpreter).");
}

void describeKilled(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Out of host memory (killed)");
    out->explanation =
        f.hostAllocFailed
            ? DiagnosisTr::tr("The machine ran out of RAM (not GPU memory) while the job was "
                              "allocating.")
            : DiagnosisTr::tr("The process was killed with SIGKILL (exit code 137, \"Killed\"). "
                              "Almost always the kernel's OOM killer because the machine's RAM "
                              "(not GPU memory) ran out; otherwise someone or the provider "
                              "stopped it.");
    if (f.dataLoaderWorker)
        out->detail = DiagnosisTr::tr("DataLoader worker");
    else if (!f.processName.isEmpty())
        out->detail = f.processName;
    QStringList &r = out->remedies;
    r << DiagnosisTr::tr("Use fewer DataLoader workers (num_workers) and a smaller "
                         "prefetch_factor: each worker holds its own batches and its own copy "
                         "of data kept in Python objects.");
    r << DiagnosisTr::tr("Do not load the whole dataset into RAM: read samples lazily or "
                         "memory-map them (numpy.memmap, Arrow / Hugging Face datasets).");
    r << DiagnosisTr::tr("Confirm in the kernel log: dmesg -T | grep -i -E 'killed process|oom'; "
                         "watch free -h while the job runs.");
    r << DiagnosisTr::tr("Rent an instance with more RAM.");
}

} // namespace

Finding makeFinding(const Match &match)
{
    Finding out;
    out.kind = match.kind;
    out.evidence = match.evidence;
    const Facts &f = match.facts;
    switch (match.kind) {
    case Kind::CudaOom:
        describeOom(f, &out);
        break;
    case Kind::DriverTooOld:
        describeDriverTooOld(f, &out);
        break;
    case Kind::NoKernelImage:
        describeNoKernelImage(f, &out);
        break;
    case Kind::MissingModule:
        describeModule(f, &out);
        break;
    case Kind::HostOomKilled:
        describeKilled(f, &out);
        break;
    case Kind::GpuLost:
    case Kind::DriverLibraryMismatch:
    case Kind::GpuUnavailable:
    case Kind::CudnnMismatch:
    case Kind::MissingLibrary:
    case Kind::SharedMemoryExhausted:
    case Kind::DiskFull:
        describeMachine(f, &out);
        break;
    default:
        describeRun(f, &out);
        break;
    }
    return out;
}

} // namespace td::diagnosis
