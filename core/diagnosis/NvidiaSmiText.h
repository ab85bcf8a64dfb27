// The human-readable outputs of nvidia-smi that the machine probe reads: failure messages,
// `nvidia-smi -L` and the default table.
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace td {

// Why nvidia-smi could not report, from its output (stdout and stderr together) and the kernel
// log lines a probe may append (dmesg NVRM lines).
struct NvidiaSmiFailure
{
    enum class Kind {
        None,
        NotInstalled,          // "command not found": no NVIDIA driver userland, no GPU here
        DriverNotLoaded,       // "couldn't communicate with the NVIDIA driver"
        DriverLibraryMismatch, // NVML "Driver/library version mismatch", NVRM "API mismatch"
        NoDevices,             // "No devices were found"
        GpuLost,               // "GPU is lost. Reboot the system to recover this GPU"
        FallenOffBus,          // NVRM "fallen off the bus"; device handle "Unknown Error"
        NvmlInitFailed,        // "Failed to initialize NVML: <other reason>"
    };

    Kind kind = Kind::None;
    QString message;  // translated explanation with what to do
    QString evidence; // the line that matched
    QString detail;   // PCI bus id of the GPU, versions of a mismatch, NVML's reason

    bool isFailure() const { return kind != Kind::None; }
};

NvidiaSmiFailure detectNvidiaSmiFailure(const QString &output);

// The translated explanation of a failure kind, without case details.
QString nvidiaSmiFailureMessage(NvidiaSmiFailure::Kind kind);

// One line of `nvidia-smi -L`; MIG devices are listed under their GPU.
struct MigDeviceInfo
{
    QString profile;  // "1g.20gb"
    int device = -1;  // MIG device index within the GPU
    QString uuid;     // "MIG-..." (older drivers: "MIG-GPU-<uuid>/<gi>/<ci>")
    int memoryGb = 0; // from the profile name; 0 when it does not say
};

struct GpuListEntry
{
    int index = -1;
    QString name; // "NVIDIA A100-SXM4-80GB"
    QString uuid; // "GPU-..."
    QList<MigDeviceInfo> migDevices;
};

// Parses `nvidia-smi -L`. Lines that are neither a GPU nor a MIG device (a shell prompt, a
// failure message) are skipped; run detectNvidiaSmiFailure() on the same text for those.
QList<GpuListEntry> parseNvidiaSmiList(const QString &output);

// The default `nvidia-smi` table: its banner and each GPU's box.
struct NvidiaSmiTableGpu
{
    int index = -1;
    QString name; // as printed, possibly truncated with "..."
    QString busId;
    std::optional<double> memUsedMiB, memTotalMiB, util, temp, powerDraw, powerCap;
    QString computeMode; // "Default", "E. Process", "Prohibited"
    QString migMode;     // "Disabled", "Enabled", "N/A"; empty when the layout has no MIG row
};

struct NvidiaSmiTable
{
    QString smiVersion;
    QString driverVersion; // "Driver Version" before R610, "KMD Version" from R610 on
    QString cudaVersion;   // "CUDA Version" before R610, "CUDA UMD Version" from R610 on
    QList<NvidiaSmiTableGpu> gpus;

    bool isValid() const { return !driverVersion.isEmpty(); }
};

// Parses the banner and GPU boxes of the table layouts before R530, from R530 (wider) and from
// R610 ("KMD Version" / "CUDA UMD Version"). Text around the table is ignored; a table cut off
// mid-way yields the GPUs that were complete.
NvidiaSmiTable parseNvidiaSmiTable(const QString &output);

} // namespace td
