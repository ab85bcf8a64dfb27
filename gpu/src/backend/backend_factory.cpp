#include "backend/backend_factory.h"

#include "backend/cpu/cpu_ops.h"
#if defined(TRAINDECK_HAVE_CUDA)
#include "backend/cuda/cuda_backend.h"
#endif

#include <cstdlib>

namespace td {

Status createBackend(const std::string &device, int threads, std::unique_ptr<Ops<float>> &ops,
                     std::string &deviceName)
{
    if (device == "cpu") {
        setCpuThreads(threads);
        ops = std::make_unique<CpuOps<float>>();
        deviceName = "cpu";
        return Status::ok();
    }
    if (device.rfind("cuda", 0) == 0) {
        int index = 0;
        if (device.size() > 4) {
            if (device[4] != ':' || device.size() == 5)
                return {ErrorKind::Config, "bad device '" + device + "' (use cuda or cuda:N)"};
            char *end = nullptr;
            const long n = std::strtol(device.c_str() + 5, &end, 10);
            if (*end != '\0' || n < 0 || n > 1024)
                return {ErrorKind::Config, "bad device '" + device + "' (use cuda or cuda:N)"};
            index = int(n);
        }
#if defined(TRAINDECK_HAVE_CUDA)
        // OpenBLAS still serves host-side work; keep it to the requested threads.
        setCpuThreads(threads);
        TD_RETURN_IF_ERROR(createCudaBackend(index, ops));
        deviceName = "cuda:" + std::to_string(index);
        return Status::ok();
#else
        (void)index;
        return {ErrorKind::Config,
                "this traindeck-engine was built without CUDA support; use --device cpu or "
                "rebuild with nvcc available (TRAINDECK_CUDA=ON)"};
#endif
    }
    return {ErrorKind::Config, "unknown device '" + device + "' (use cpu, cuda or cuda:N)"};
}

} // namespace td
