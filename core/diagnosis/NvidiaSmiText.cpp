#include "core/diagnosis/NvidiaSmiText.h"

#include "core/diagnosis/DiagnosisTr.h"
#include "core/diagnosis/TextLines.h"

#include <QRegularExpression>
#include <QRegularExpressionMatch>
#include <QStringList>

namespace td {

namespace {

using Kind = NvidiaSmiFailure::Kind;

struct FailurePattern
{
    Kind kind;
    QRegularExpression re;
};

// Ordered: the first kind that matches wins. "GPU is lost" is printed on a line that also starts
// with "Unable to determine the device handle", so it comes before the generic handle failure;
// a mismatch before "couldn't communicate", which some driver versions print alongside it.
const QList<FailurePattern> &failurePatterns()
{
    static const QList<FailurePattern> patterns = [] {
        const auto ci = QRegularExpression::CaseInsensitiveOption;
        return QList<FailurePattern>{
            {Kind::NotInstalled,
             QRegularExpression(
                 QStringLiteral(R"(nvidia-smi(?:\.exe)?['"]?:\s*(?:command not found|not found|)"
                                R"(No such file or directory)|Command 'nvidia-smi' not found|)"
                                R"('nvidia-smi(?:\.exe)?' is not recognized)"),
                 ci)},
            {Kind::DriverLibraryMismatch,
             QRegularExpression(
                 QStringLiteral(R"(Driver/library version mismatch|NVRM: API mismatch)"), ci)},
            {Kind::DriverNotLoaded,
             QRegularExpression(QStringLiteral(R"(couldn'?t communicate with the NVIDIA driver)"),
                                ci)},
            {Kind::GpuLost, QRegularExpression(QStringLiteral(R"(\bGPU is lost\b)"), ci)},
            {Kind::FallenOffBus,
             QRegularExpression(
                 QStringLiteral(R"(fallen off the bus|Unable to determine the device handle )"
                                R"(for GPU\s*[0-9A-Fa-f:.]+:\s*Unknown Error)"),
                 ci)},
            {Kind::NoDevices, QRegularExpression(QStringLiteral(R"(No devices were found)"), ci)},
            {Kind::NvmlInitFailed,
             QRegularExpression(QStringLiteral(R"(Failed to initialize NVML:\s*(.+))"), ci)},
        };
    }();
    return patterns;
}

QString failureDetail(Kind kind, const QString &text, const QRegularExpressionMatch &match)
{
    switch (kind) {
    case Kind::DriverLibraryMismatch: {
        // The kernel log names both sides; its continuation lines repeat the "NVRM:" prefix.
        static const QRegularExpression versions(
            QStringLiteral(R"(client has the version (\d+(?:\.\d+)*),\s*but\s+(?:NVRM:\s*)?this )"
                           R"(kernel module has the version (\d+(?:\.\d+)*))"));
        const QRegularExpressionMatch m = versions.match(text);
        if (m.hasMatch()) {
            return DiagnosisTr::tr("user-space driver %1, kernel module %2")
                .arg(m.captured(1), m.captured(2));
        }
        return {};
    }
    case Kind::GpuLost:
    case Kind::FallenOffBus:
    case Kind::NoDevices: {
        static const QRegularExpression busId(
            QStringLiteral(R"(GPU\s*([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7]))"));
        const QRegularExpressionMatch m = busId.match(text);
        return m.hasMatch() ? m.captured(1) : QString();
    }
    case Kind::NvmlInitFailed:
        return match.captured(1).trimmed();
    default:
        return {};
    }
}

std::optional<double> numberIn(const QString &text, const QRegularExpression &re, int group = 1)
{
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = m.captured(group).toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

QString nvidiaSmiFailureMessage(NvidiaSmiFailure::Kind kind)
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::NotInstalled:
        return DiagnosisTr::tr(
            "nvidia-smi is not installed: this machine has no NVIDIA driver, so no GPU can be "
            "used. Choose a GPU instance or image with the NVIDIA driver, or run on the CPU.");
    case Kind::DriverNotLoaded:
        return DiagnosisTr::tr(
            "nvidia-smi cannot talk to the NVIDIA driver: the kernel module is not loaded, often "
            "after a driver or kernel update without a reboot. Reboot the machine or reinstall "
            "the driver; on a rented machine, ask the provider or pick another one.");
    case Kind::DriverLibraryMismatch:
        return DiagnosisTr::tr(
            "The NVIDIA kernel module and the driver libraries have different versions, usually "
            "because the driver was upgraded while the machine kept running. Rebooting loads the "
            "matching module; in a container, the image must not bring its own driver libraries.");
    case Kind::NoDevices:
        return DiagnosisTr::tr(
            "The NVIDIA driver is loaded but found no usable GPU: the GPU failed to initialise, "
            "is not passed through to this machine or container, or needs a newer driver. Check "
            "the kernel log (dmesg | grep NVRM) or pick another machine.");
    case Kind::GpuLost:
        return DiagnosisTr::tr(
            "The GPU stopped responding and the driver marked it as lost. Only a reboot can bring "
            "it back, and a repeat points to faulty hardware: report it to the provider and "
            "resume from the last checkpoint on another machine.");
    case Kind::FallenOffBus:
        return DiagnosisTr::tr(
            "The GPU has fallen off the PCIe bus (a hardware, power or cooling fault). Only a "
            "reboot can bring it back: report it to the provider and resume from the last "
            "checkpoint on another machine.");
    case Kind::NvmlInitFailed:
        return DiagnosisTr::tr(
            "nvidia-smi could not initialise NVML. In a container this often means the GPU "
            "devices were taken away after a host service reload; restarting the container or "
            "the machine usually restores them.");
    }
    return {};
}

NvidiaSmiFailure detectNvidiaSmiFailure(const QString &output)
{
    NvidiaSmiFailure failure;
    for (const FailurePattern &pattern : failurePatterns()) {
        const QRegularExpressionMatch match = pattern.re.match(output);
        if (!match.hasMatch())
            continue;
        failure.kind = pattern.kind;
        failure.message = nvidiaSmiFailureMessage(pattern.kind);
        failure.evidence = lineAround(output, match.capturedStart());
        failure.detail = failureDetail(pattern.kind, output, match);
        break;
    }
    return failure;
}

QList<GpuListEntry> parseNvidiaSmiList(const QString &output)
{
    static const QRegularExpression gpuLine(
        QStringLiteral(R"(^GPU\s+(\d+):\s+(.*?)\s+\(UUID:\s*([^)\s]+)\s*\)\s*$)"));
    static const QRegularExpression migLine(
        QStringLiteral(R"(^\s+MIG\s+(\S+)\s+Device\s+(\d+):\s+\(UUID:\s*([^)\s]+)\s*\)\s*$)"));
    static const QRegularExpression migMemory(QStringLiteral(R"((\d+)gb\b)"));

    QList<GpuListEntry> gpus;
    const QStringList lines = output.split(u'\n');
    for (const QString &rawLine : lines) {
        QString line = rawLine;
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (const QRegularExpressionMatch m = gpuLine.match(line); m.hasMatch()) {
            GpuListEntry gpu;
            gpu.index = m.captured(1).toInt();
            gpu.name = m.captured(2);
            gpu.uuid = m.captured(3);
            gpus.append(gpu);
        } else if (const QRegularExpressionMatch mig = migLine.match(line);
                   mig.hasMatch() && !gpus.isEmpty()) {
            MigDeviceInfo device;
            device.profile = mig.captured(1);
            device.device = mig.captured(2).toInt();
            device.uuid = mig.captured(3);
            if (const QRegularExpressionMatch mem = migMemory.match(device.profile); mem.hasMatch())
                device.memoryGb = mem.captured(1).toInt();
            gpus.last().migDevices.append(device);
        }
    }
    return gpus;
}

NvidiaSmiTable parseNvidiaSmiTable(const QString &output)
{
    static const QRegularExpression smiVersion(QStringLiteral(R"(NVIDIA-SMI\s+(\d+(?:\.\d+)*))"));
    static const QRegularExpression driverVersion(
        QStringLiteral(R"((?:Driver|KMD) Version:\s*(\d+(?:\.\d+)*))"));
    static const QRegularExpression cudaVersion(
        QStringLiteral(R"(CUDA (?:UMD )?Version:\s*(\d+(?:\.\d+)*))"));
    static const QRegularExpression firstRow(
        QStringLiteral(R"(^\s*(\d+)\s+(.*?)\s+(?:On|Off)\s*$)"));
    static const QRegularExpression memory(QStringLiteral(R"((\d+)\s*MiB\s*/\s*(\d+)\s*MiB)"));
    static const QRegularExpression temp(QStringLiteral(R"(\b(\d+)C\b)"));
    static const QRegularExpression power(
        QStringLiteral(R"((\d+(?:\.\d+)?)W\s*/\s*(\d+(?:\.\d+)?)W)"));
    static const QRegularExpression utilMode(QStringLiteral(R"(^\s*(?:(\d+)%|N/A)\s+(.+?)\s*$)"));

    NvidiaSmiTable table;
    table.smiVersion = smiVersion.match(output).captured(1);
    table.driverVersion = driverVersion.match(output).captured(1);
    table.cudaVersion = cudaVersion.match(output).captured(1);

    // GPU boxes come after the "|===" line that closes the column headings; each box is two or
    // three rows of three cells, closed by a "+---" line.
    bool inBoxes = false;
    int rowInBox = 0;
    NvidiaSmiTableGpu gpu;
    const auto flush = [&] {
        if (rowInBox >= 2)
            table.gpus.append(gpu);
        gpu = NvidiaSmiTableGpu();
        rowInBox = 0;
    };
    const QStringList lines = output.split(u'\n');
    for (const QString &rawLine : lines) {
        const QString line = rawLine.trimmed();
        if (line.startsWith(QStringLiteral("|==="))) {
            inBoxes = true;
            continue;
        }
        if (!inBoxes)
            continue;
        if (line.startsWith(u'+') || line.isEmpty()) {
            flush();
            // The processes table below reuses the same frame; its rows have one cell.
            continue;
        }
        const QStringList cells = line.split(u'|');
        // "|a|b|c|" splits into 5 parts: an empty one at each end.
        if (cells.size() != 5) {
            flush();
            inBoxes = false;
            continue;
        }
        if (rowInBox == 0) {
            const QRegularExpressionMatch m = firstRow.match(cells.at(1));
            if (!m.hasMatch())
                continue;
            gpu.index = m.captured(1).toInt();
            gpu.name = m.captured(2);
            gpu.busId = cells.at(2).trimmed().section(u' ', 0, 0);
            rowInBox = 1;
        } else if (rowInBox == 1) {
            gpu.temp = numberIn(cells.at(1), temp);
            gpu.powerDraw = numberIn(cells.at(1), power, 1);
            gpu.powerCap = numberIn(cells.at(1), power, 2);
            gpu.memUsedMiB = numberIn(cells.at(2), memory, 1);
            gpu.memTotalMiB = numberIn(cells.at(2), memory, 2);
            if (const QRegularExpressionMatch m = utilMode.match(cells.at(3)); m.hasMatch()) {
                if (!m.captured(1).isEmpty())
                    gpu.util = m.captured(1).toDouble();
                gpu.computeMode = m.captured(2);
            }
            rowInBox = 2;
        } else if (rowInBox == 2) {
            gpu.migMode = cells.at(3).trimmed();
            rowInBox = 3;
        }
    }
    flush();
    return table;
}

} // namespace td
