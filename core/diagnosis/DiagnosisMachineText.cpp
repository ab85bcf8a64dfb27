// Texts of the findings about the rented machine: its GPU, driver, libraries, disks and shared
// memory. Most are fixed by choosing another image or machine rather than by changing the code.
#include "core/diagnosis/DiagnosisRules.h"
#include "core/diagnosis/DiagnosisTr.h"

namespace td::diagnosis {

namespace {

using Kind = Finding::Kind;

void gpuLost(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("GPU hardware fault");
    out->explanation = DiagnosisTr::tr(
        "The GPU stopped responding (fell off the PCIe bus, was marked lost, or reported an "
        "uncorrectable memory error). This is a hardware, power or cooling fault of the machine, "
        "not of the training code.");
    if (!f.name.isEmpty())
        out->detail = DiagnosisTr::tr("GPU at PCI %1").arg(f.name);
    out->remedies << DiagnosisTr::tr("Resume from the last checkpoint on another machine.")
                  << DiagnosisTr::tr("Report the machine to the provider with the kernel log lines "
                                     "(dmesg | grep -E 'NVRM|Xid') so it is taken out of service.")
                  << DiagnosisTr::tr(
                         "Only a reboot brings the GPU back; if it happens again on the same "
                         "machine, stop using it.")
                  << DiagnosisTr::tr(
                         "If it happens on several machines, look at the GPU temperature and "
                         "power in the job's GPU chart: a power cap (nvidia-smi -pl) can help.");
}

void driverMismatch(const Facts &, Finding *out)
{
    out->title = DiagnosisTr::tr("NVIDIA driver and library versions differ");
    out->explanation = DiagnosisTr::tr(
        "The loaded NVIDIA kernel module and the user-space driver libraries have different "
        "versions, usually because the driver was upgraded (automatic updates) while the machine "
        "kept running, or because a container brings its own driver libraries.");
    out->remedies
        << DiagnosisTr::tr("Reboot the machine so the matching kernel module is loaded.")
        << DiagnosisTr::tr("Without a reboot, when no process uses the GPU: sudo rmmod nvidia_uvm "
                           "nvidia_drm nvidia_modeset nvidia, then run nvidia-smi to load the new "
                           "module.")
        << DiagnosisTr::tr("In a container, do not install driver packages in the image and keep "
                           "/usr/local/cuda/compat out of LD_LIBRARY_PATH on hosts with a newer "
                           "driver.")
        << DiagnosisTr::tr("Disable unattended driver upgrades on machines you keep "
                           "(apt-mark hold for the nvidia packages).")
        << DiagnosisTr::tr("On a rented machine you cannot reboot, ask the provider or pick "
                           "another machine.");
}

void gpuUnavailable(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("No usable GPU");
    out->explanation = DiagnosisTr::tr(
        "The framework could not use a GPU: no NVIDIA driver is reachable, no device is visible "
        "to the job, or the framework was built without CUDA. Frameworks that fall back to the "
        "CPU then train many times slower.");
    QStringList &r = out->remedies;
    if (f.gpuBusy) {
        out->detail = DiagnosisTr::tr("GPU busy in exclusive-process mode");
        r << DiagnosisTr::tr("The GPU is in exclusive-process compute mode and another process "
                             "holds it: stop that process (nvidia-smi lists it) or select a free "
                             "GPU with CUDA_VISIBLE_DEVICES.");
    }
    if (f.cpuOnlyBuild) {
        out->detail = DiagnosisTr::tr("CPU-only build");
        r << DiagnosisTr::tr("The installed framework is a CPU-only build: install a CUDA build, "
                             "e.g. pip install torch --index-url "
                             "https://download.pytorch.org/whl/cu121.");
    }
    r << DiagnosisTr::tr("Run nvidia-smi on the machine: if it fails, the driver is missing or "
                         "broken and the machine or image has to change.")
      << DiagnosisTr::tr("In Docker, start the container with --gpus all (NVIDIA Container "
                         "Toolkit installed on the host).")
      << DiagnosisTr::tr("Check that CUDA_VISIBLE_DEVICES in the job's environment is unset or "
                         "names GPUs that exist.");
}

void cudnnMismatch(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("cuDNN version mismatch");
    out->explanation = DiagnosisTr::tr(
        "The framework was built against another cuDNN version than the one it loads on this "
        "machine; convolutions may fail or give wrong results.");
    const QStringList versions = f.name.split(u'/');
    if (versions.size() == 2)
        out->detail =
            DiagnosisTr::tr("built with cuDNN %1, found %2").arg(versions.at(0), versions.at(1));
    out->remedies << DiagnosisTr::tr(
                         "Install the cuDNN the framework was built with (pip install "
                         "nvidia-cudnn-cu12 or nvidia-cudnn-cu11 of that version), or a "
                         "framework build for the cuDNN on the machine.")
                  << DiagnosisTr::tr("Make sure LD_LIBRARY_PATH does not put an older system cuDNN "
                                     "before the one installed with the framework.");
}

void missingLibrary(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Shared library not found");
    out->explanation = DiagnosisTr::tr(
        "A native library the framework needs (usually a CUDA, cuDNN or NCCL runtime of a "
        "specific major version) is not installed or not on the library path.");
    out->detail = f.name;
    out->remedies << DiagnosisTr::tr(
                         "Install the CUDA libraries of the version the framework expects: the "
                         "pip wheels nvidia-cuda-runtime-cu12, nvidia-cublas-cu12, "
                         "nvidia-cudnn-cu12 (cu11 for CUDA 11) or the matching CUDA toolkit.")
                  << DiagnosisTr::tr(
                         "Add their directory to LD_LIBRARY_PATH in the job's environment "
                         "setup.")
                  << DiagnosisTr::tr("Or install a framework build that bundles its CUDA libraries "
                                     "(PyTorch pip wheels do).");
}

void sharedMemory(const Facts &, Finding *out)
{
    out->title = DiagnosisTr::tr("Shared memory (/dev/shm) too small");
    out->explanation = DiagnosisTr::tr(
        "DataLoader workers and NCCL pass data through /dev/shm. Containers get 64 MiB by "
        "default, far less than a few batches of images.");
    out->remedies << DiagnosisTr::tr(
                         "Give the container more shared memory: docker run --shm-size=16g, or "
                         "--ipc=host.")
                  << DiagnosisTr::tr("Check the size with df -h /dev/shm.")
                  << DiagnosisTr::tr(
                         "If it cannot be changed: fewer DataLoader workers (num_workers=0 to "
                         "confirm), torch.multiprocessing.set_sharing_strategy('file_system'), "
                         "and NCCL_SHM_DISABLE=1 for NCCL.");
}

void diskFull(const Facts &f, Finding *out)
{
    out->title = f.quota ? DiagnosisTr::tr("Disk quota exceeded") : DiagnosisTr::tr("Disk full");
    out->explanation = DiagnosisTr::tr(
        "Writing failed because the disk (or your quota) is full, usually while saving a "
        "checkpoint: a half-written checkpoint is not usable.");
    out->detail = f.path;
    out->remedies
        << DiagnosisTr::tr("See which disk is full: df -h, and what fills it: du -sh * | sort -h.")
        << DiagnosisTr::tr("Delete old checkpoints and keep only the last few (save_total_limit "
                           "for the Hugging Face Trainer).")
        << DiagnosisTr::tr("Clear caches: pip cache purge, conda clean -a, ~/.cache/huggingface.")
        << DiagnosisTr::tr("Write checkpoints and caches to the large data disk of the machine "
                           "(many providers mount it separately from a small system disk), or "
                           "rent more disk.");
}

} // namespace

void describeMachine(const Facts &facts, Finding *out)
{
    switch (out->kind) {
    case Kind::GpuLost:
        gpuLost(facts, out);
        break;
    case Kind::DriverLibraryMismatch:
        driverMismatch(facts, out);
        break;
    case Kind::GpuUnavailable:
        gpuUnavailable(facts, out);
        break;
    case Kind::CudnnMismatch:
        cudnnMismatch(facts, out);
        break;
    case Kind::MissingLibrary:
        missingLibrary(facts, out);
        break;
    case Kind::SharedMemoryExhausted:
        sharedMemory(facts, out);
        break;
    case Kind::DiskFull:
        diskFull(facts, out);
        break;
    default:
        break;
    }
}

} // namespace td::diagnosis
