#include "doctor/driver_probe.h"

#include <dlfcn.h>
#include <link.h>

namespace td {
namespace {

// The few driver API entry points we need, declared by hand: cuda.h may not exist where the
// engine is built without CUDA.
using CuResult = int;
using CuDevice = int;
using CuContext = void *;
using CuInit = CuResult (*)(unsigned);
using CuDriverGetVersion = CuResult (*)(int *);
using CuDeviceGetCount = CuResult (*)(int *);
using CuDeviceGet = CuResult (*)(CuDevice *, int);
using CuDeviceGetName = CuResult (*)(char *, int, CuDevice);
using CuDeviceGetAttribute = CuResult (*)(int *, int, CuDevice);
using CuDeviceTotalMem = CuResult (*)(size_t *, CuDevice);
using CuPrimaryCtxRetain = CuResult (*)(CuContext *, CuDevice);
using CuPrimaryCtxRelease = CuResult (*)(CuDevice);
using CuCtxSetCurrent = CuResult (*)(CuContext);
using CuMemGetInfo = CuResult (*)(size_t *, size_t *);

constexpr int kAttrComputeCapabilityMajor = 75;
constexpr int kAttrComputeCapabilityMinor = 76;

template <typename F> F symbol(void *lib, const char *name)
{
    return reinterpret_cast<F>(dlsym(lib, name));
}

} // namespace

LibraryProbe probeLibrary(const std::string &name, const std::vector<std::string> &sonames)
{
    LibraryProbe probe;
    probe.name = name;
    for (const std::string &soname : sonames) {
        void *lib = dlopen(soname.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (!lib)
            continue;
        probe.found = soname;
        link_map *map = nullptr;
        if (dlinfo(lib, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name)
            probe.path = map->l_name;
        dlclose(lib);
        break;
    }
    return probe;
}

void probeDriver(DoctorReport &report)
{
    void *lib = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (!lib) {
        report.driverStatus = "no driver";
        return;
    }
    report.driverLoaded = true;
    const auto init = symbol<CuInit>(lib, "cuInit");
    const auto driverVersion = symbol<CuDriverGetVersion>(lib, "cuDriverGetVersion");
    const auto getCount = symbol<CuDeviceGetCount>(lib, "cuDeviceGetCount");
    const auto get = symbol<CuDeviceGet>(lib, "cuDeviceGet");
    const auto getName = symbol<CuDeviceGetName>(lib, "cuDeviceGetName");
    const auto getAttribute = symbol<CuDeviceGetAttribute>(lib, "cuDeviceGetAttribute");
    const auto totalMem = symbol<CuDeviceTotalMem>(lib, "cuDeviceTotalMem_v2");
    const auto retain = symbol<CuPrimaryCtxRetain>(lib, "cuDevicePrimaryCtxRetain");
    const auto release = symbol<CuPrimaryCtxRelease>(lib, "cuDevicePrimaryCtxRelease_v2");
    const auto setCurrent = symbol<CuCtxSetCurrent>(lib, "cuCtxSetCurrent");
    const auto memInfo = symbol<CuMemGetInfo>(lib, "cuMemGetInfo_v2");
    if (!init || !driverVersion || !getCount || !get || !getName || !getAttribute) {
        report.driverStatus = "libcuda.so.1 lacks the driver API (broken install?)";
        return; // keep the library loaded: unloading libcuda is unsafe once initialised
    }
    driverVersion(&report.driverVersion);
    const CuResult rc = init(0);
    if (rc != 0) {
        // 100: no device; 35/803/804: driver and kernel module disagree or are too old.
        report.driverStatus =
            rc == 100 ? "ok (no CUDA device)" : "cuInit failed with error " + std::to_string(rc);
        return;
    }
    report.driverStatus = "ok";
    int count = 0;
    if (getCount(&count) != 0)
        count = 0;
    for (int i = 0; i < count; ++i) {
        CuDevice dev = 0;
        if (get(&dev, i) != 0)
            continue;
        GpuInfo gpu;
        gpu.index = i;
        char name[256] = {};
        if (getName(name, sizeof name, dev) == 0)
            gpu.name = name;
        getAttribute(&gpu.major, kAttrComputeCapabilityMajor, dev);
        getAttribute(&gpu.minor, kAttrComputeCapabilityMinor, dev);
        size_t total = 0;
        if (totalMem && totalMem(&total, dev) == 0)
            gpu.totalMemoryMiB = double(total) / (1024.0 * 1024.0);
        CuContext ctx = nullptr;
        if (retain && release && setCurrent && memInfo && retain(&ctx, dev) == 0) {
            size_t freeBytes = 0, totalBytes = 0;
            if (setCurrent(ctx) == 0 && memInfo(&freeBytes, &totalBytes) == 0)
                gpu.freeMemoryMiB = double(freeBytes) / (1024.0 * 1024.0);
            setCurrent(nullptr);
            release(dev);
        }
        report.gpus.push_back(gpu);
    }
}

} // namespace td
