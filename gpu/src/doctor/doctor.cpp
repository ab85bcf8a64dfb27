#include "doctor/doctor.h"

#include "cli/arg_parser.h"
#include "doctor/driver_probe.h"

#include <gnu/libc-version.h>
#include <sys/statvfs.h>

#include <cstdio>
#include <sstream>
#include <thread>

#if defined(TRAINDECK_HAVE_CUDA)
#include <cuda_runtime_api.h>
#endif

extern "C" char *openblas_get_config(void);

namespace td {
namespace {

std::string mib(double v)
{
    if (v < 0)
        return "unknown";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f MiB", v);
    return buf;
}

std::string versionText(int v)
{
    if (v <= 0)
        return "none";
    return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

} // namespace

bool architecturesCover(const std::string &architectures, int major, int minor)
{
    const int cc = major * 10 + minor;
    std::string list = architectures;
    for (char &c : list)
        c = c == ';' ? ',' : c; // CMake's list separator, should a build pass one through
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty())
            continue;
        int arch = 0;
        try {
            arch = std::stoi(item);
        } catch (...) {
            continue;
        }
        const bool realOnly = item.find("-real") != std::string::npos;
        const bool virtualOnly = item.find("-virtual") != std::string::npos;
        // Machine code (SASS) runs on the same major version with an equal or newer minor;
        // PTX is compiled by the driver for any newer GPU.
        if (!virtualOnly && arch / 10 == major && arch <= cc)
            return true;
        if (!realOnly && arch <= cc)
            return true;
    }
    return false;
}

DoctorReport runDoctor(const std::string &diskPath)
{
    DoctorReport r;
    r.engineVersion = TRAINDECK_ENGINE_VERSION;
    r.glibc = gnu_get_libc_version();
    r.cpuThreads = int(std::thread::hardware_concurrency());
    if (const char *cfg = openblas_get_config())
        r.blasConfig = cfg;
#if defined(TRAINDECK_HAVE_CUDA)
    r.cudaBuilt = true;
    r.cudaArchitectures = TRAINDECK_CUDA_ARCHITECTURES;
    // Safe without a driver: the runtime version is a property of the linked cudart.
    if (cudaRuntimeGetVersion(&r.cudaRuntimeVersion) != cudaSuccess)
        r.cudaRuntimeVersion = CUDART_VERSION;
#endif
    probeDriver(r);
    r.libraries.push_back(probeLibrary(
        "cublas", {"libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"}));
    r.libraries.push_back(probeLibrary("cudnn", {"libcudnn.so.9", "libcudnn.so.8", "libcudnn.so"}));
    r.libraries.push_back(probeLibrary("nccl", {"libnccl.so.2", "libnccl.so"}));

    r.diskPath = diskPath;
    struct statvfs vfs
    {
    };
    if (::statvfs(diskPath.c_str(), &vfs) == 0)
        r.diskFreeMiB = double(vfs.f_bavail) * double(vfs.f_frsize) / (1024.0 * 1024.0);
    else
        r.problems.push_back("cannot stat " + diskPath);

    bool usableGpu = false, unusableGpu = false;
    for (GpuInfo &gpu : r.gpus) {
        gpu.binaryHasCode =
            r.cudaBuilt && architecturesCover(r.cudaArchitectures, gpu.major, gpu.minor);
        if (r.cudaBuilt && !gpu.binaryHasCode) {
            unusableGpu = true;
            r.problems.push_back("GPU " + std::to_string(gpu.index) + " (" + gpu.name + ", sm_" +
                                 std::to_string(gpu.major) + std::to_string(gpu.minor) +
                                 ") has no code in this binary (built for " + r.cudaArchitectures +
                                 ")");
        } else if (gpu.binaryHasCode) {
            usableGpu = true;
        }
    }
    if (r.cudaBuilt && r.driverLoaded && r.driverVersion > 0 &&
        r.driverVersion / 1000 < r.cudaRuntimeVersion / 1000) {
        unusableGpu = unusableGpu || !r.gpus.empty();
        usableGpu = false;
        r.problems.push_back("the driver supports CUDA " + versionText(r.driverVersion) +
                             " but this binary needs CUDA " + versionText(r.cudaRuntimeVersion));
    }
    if (r.cudaBuilt && !r.gpus.empty()) {
        const LibraryProbe &cublas = r.libraries.front();
        if (cublas.found.empty()) {
            usableGpu = false;
            unusableGpu = true;
            r.problems.push_back("cuBLAS not found (set LD_LIBRARY_PATH)");
        }
    }
    if (!r.cudaBuilt)
        r.problems.push_back("built without CUDA: CPU training only");
    else if (r.gpus.empty())
        r.problems.push_back("no usable NVIDIA GPU (" + r.driverStatus + "): CPU training only");
    r.exitCode = usableGpu && !unusableGpu ? 0 : (unusableGpu ? 3 : 1);
    return r;
}

JsonValue DoctorReport::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("engine_version", JsonValue::string(engineVersion));
    j.set("cuda_built", JsonValue::boolean(cudaBuilt));
    j.set("cuda_architectures", JsonValue::string(cudaArchitectures));
    j.set("cuda_runtime_version", JsonValue::number(cudaRuntimeVersion));
    j.set("glibc", JsonValue::string(glibc));
    j.set("driver_loaded", JsonValue::boolean(driverLoaded));
    j.set("driver_version", JsonValue::number(driverVersion));
    j.set("driver_status", JsonValue::string(driverStatus));
    JsonValue gpuList = JsonValue::array();
    for (const GpuInfo &g : gpus) {
        JsonValue o = JsonValue::object();
        o.set("index", JsonValue::number(g.index));
        o.set("name", JsonValue::string(g.name));
        o.set("compute_capability",
              JsonValue::string(std::to_string(g.major) + "." + std::to_string(g.minor)));
        o.set("total_memory_mib", JsonValue::number(g.totalMemoryMiB));
        o.set("free_memory_mib",
              g.freeMemoryMiB < 0 ? JsonValue() : JsonValue::number(g.freeMemoryMiB));
        o.set("binary_has_code", JsonValue::boolean(g.binaryHasCode));
        gpuList.push(std::move(o));
    }
    j.set("gpus", std::move(gpuList));
    JsonValue libs = JsonValue::object();
    for (const LibraryProbe &l : libraries) {
        JsonValue o = JsonValue::object();
        o.set("found", JsonValue::boolean(!l.found.empty()));
        o.set("soname", JsonValue::string(l.found));
        o.set("path", JsonValue::string(l.path));
        libs.set(l.name, std::move(o));
    }
    j.set("libraries", std::move(libs));
    j.set("disk_path", JsonValue::string(diskPath));
    j.set("disk_free_mib", diskFreeMiB < 0 ? JsonValue() : JsonValue::number(diskFreeMiB));
    j.set("cpu_threads", JsonValue::number(cpuThreads));
    j.set("blas", JsonValue::string(blasConfig));
    JsonValue list = JsonValue::array();
    for (const std::string &p : problems)
        list.push(JsonValue::string(p));
    j.set("problems", std::move(list));
    j.set("exit_code", JsonValue::number(exitCode));
    return j;
}

std::string DoctorReport::toText() const
{
    std::string s;
    s += "traindeck-engine " + engineVersion + "\n";
    s += "  CUDA backend:     " +
         (cudaBuilt ? "built (runtime " + versionText(cudaRuntimeVersion) + ", sm " +
                          cudaArchitectures + ")"
                    : std::string("not built")) +
         "\n";
    s += "  glibc:            " + glibc + "\n";
    s +=
        "  NVIDIA driver:    " +
        (driverLoaded ? "CUDA " + versionText(driverVersion) + ", " + driverStatus : driverStatus) +
        "\n";
    for (const GpuInfo &g : gpus)
        s += "  GPU " + std::to_string(g.index) + ":            " + g.name + ", sm_" +
             std::to_string(g.major) + std::to_string(g.minor) + ", " + mib(g.freeMemoryMiB) +
             " free of " + mib(g.totalMemoryMiB) +
             (g.binaryHasCode ? ", supported" : ", NOT supported by this binary") + "\n";
    for (const LibraryProbe &l : libraries)
        s += "  " + l.name + std::string(18 - std::min<size_t>(17, l.name.size() + 1), ' ') +
             (l.found.empty() ? std::string("not found") : l.found + " (" + l.path + ")") + "\n";
    s += "  disk free:        " + mib(diskFreeMiB) + " at " + diskPath + "\n";
    s += "  CPU threads:      " + std::to_string(cpuThreads) + "\n";
    s += "  BLAS:             " + blasConfig + "\n";
    for (const std::string &p : problems)
        s += "  note: " + p + "\n";
    return s;
}

int runDoctorCommand(int argc, char **argv)
{
    ParsedArgs args;
    const Status s = parseArgs(argc, argv, 2, {"path"}, {"json"}, args);
    if (!s.isOk()) {
        std::fprintf(stderr, "traindeck-engine doctor: %s\n", s.message().c_str());
        return 2;
    }
    const DoctorReport report = runDoctor(args.get("path", "."));
    if (args.has("json"))
        std::printf("%s\n", report.toJson().dump().c_str());
    else
        std::fputs(report.toText().c_str(), stdout);
    return report.exitCode;
}

} // namespace td
