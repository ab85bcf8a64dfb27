// NCCL communicator. libnccl.so.2 is loaded at run time: the engine has no link-time NCCL
// dependency and builds where nccl.h is absent, so the few entry points and types are declared
// here (the NCCL 2 ABI: these values have not changed since 2.0). Gradient buckets are summed
// on a dedicated stream that waits for the compute stream, so layer k's all-reduce runs while
// the backward pass computes layer k-1.
#include "backend/cuda/cuda_backend.h"
#include "dist/communicator.h"

#include <cuda_runtime.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <thread>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<nccl.h>)
#include <nccl.h>
#define TD_HAVE_NCCL_HEADER 1
#endif
#endif

namespace td {
namespace {

using NcclResult = int;
using NcclComm = void *;
struct NcclUniqueId
{
    char internal[128];
};
constexpr int kNcclFloat32 = 7;
constexpr int kNcclFloat64 = 8;
constexpr int kNcclSum = 0;
#if defined(TD_HAVE_NCCL_HEADER)
static_assert(sizeof(NcclUniqueId) == sizeof(ncclUniqueId), "ncclUniqueId size");
static_assert(kNcclFloat32 == int(ncclFloat32) && kNcclFloat64 == int(ncclFloat64), "dtypes");
static_assert(kNcclSum == int(ncclSum), "ncclSum");
#endif

struct NcclApi
{
    void *lib = nullptr;
    NcclResult (*getUniqueId)(NcclUniqueId *) = nullptr;
    NcclResult (*commInitRank)(NcclComm *, int, NcclUniqueId, int) = nullptr;
    NcclResult (*commDestroy)(NcclComm) = nullptr;
    NcclResult (*commAbort)(NcclComm) = nullptr;
    NcclResult (*allReduce)(const void *, void *, size_t, int, int, NcclComm,
                            cudaStream_t) = nullptr;
    NcclResult (*groupStart)() = nullptr;
    NcclResult (*groupEnd)() = nullptr;
    const char *(*errorString)(NcclResult) = nullptr;

    Status load()
    {
        for (const char *name : {"libnccl.so.2", "libnccl.so"}) {
            lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (lib)
                break;
        }
        if (!lib)
            return {ErrorKind::CudaDriver,
                    "multi-GPU training needs NCCL: libnccl.so.2 not found (install NCCL or add "
                    "its lib directory, e.g. a PyTorch nvidia/nccl/lib, to LD_LIBRARY_PATH)"};
        bool ok = true;
        auto get = [&](auto &fn, const char *sym) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, sym));
            ok = ok && fn != nullptr;
        };
        get(getUniqueId, "ncclGetUniqueId");
        get(commInitRank, "ncclCommInitRank");
        get(commDestroy, "ncclCommDestroy");
        get(commAbort, "ncclCommAbort");
        get(allReduce, "ncclAllReduce");
        get(groupStart, "ncclGroupStart");
        get(groupEnd, "ncclGroupEnd");
        get(errorString, "ncclGetErrorString");
        if (!ok)
            return {ErrorKind::CudaDriver, "libnccl.so.2 lacks the NCCL 2 API"};
        return Status::ok();
    }
};

NcclApi &api()
{
    static NcclApi a;
    return a;
}

Status ncclStatus(NcclResult rc, const char *expr, const char *file, int line)
{
    if (rc == 0)
        return Status::ok();
    const char *text = api().errorString ? api().errorString(rc) : "unknown";
    return {ErrorKind::CudaDriver, std::string(expr) + " failed: " + text + " (NCCL " +
                                       std::to_string(rc) + ", " + file + ":" +
                                       std::to_string(line) + ")"};
}

Status cudaCall(cudaError_t rc, const char *expr, const char *file, int line)
{
    if (rc == cudaSuccess)
        return Status::ok();
    return {rc == cudaErrorMemoryAllocation ? ErrorKind::Oom : ErrorKind::CudaDriver,
            std::string(expr) + " failed: " + cudaGetErrorString(rc) + " (" + file + ":" +
                std::to_string(line) + ")"};
}

#define TD_NCCL_CHECK(expr) TD_RETURN_IF_ERROR(ncclStatus((expr), #expr, __FILE__, __LINE__))
#define TD_CUDART_CHECK(expr) TD_RETURN_IF_ERROR(cudaCall((expr), #expr, __FILE__, __LINE__))

Status writeIdFile(const std::string &path, const NcclUniqueId &id)
{
    const std::string tmp = path + ".tmp";
    FILE *f = std::fopen(tmp.c_str(), "wb");
    if (!f)
        return {ErrorKind::Io, "cannot create " + tmp};
    const bool ok = std::fwrite(&id, sizeof id, 1, f) == 1;
    if (std::fclose(f) != 0 || !ok || std::rename(tmp.c_str(), path.c_str()) != 0)
        return {ErrorKind::Io, "cannot write " + path};
    return Status::ok();
}

Status readIdFile(const std::string &path, int rank, NcclUniqueId &id)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + seconds(120);
    for (;;) {
        if (FILE *f = std::fopen(path.c_str(), "rb")) {
            const bool ok = std::fread(&id, sizeof id, 1, f) == 1;
            std::fclose(f);
            if (ok)
                return Status::ok();
        }
        if (steady_clock::now() > deadline)
            return {ErrorKind::Io, "rank " + std::to_string(rank) + ": no NCCL id from rank 0 in " +
                                       path + " within 120 s"};
        std::this_thread::sleep_for(milliseconds(20));
    }
}

class NcclCommunicator final : public Communicator
{
public:
    ~NcclCommunicator() override
    {
        if (m_comm)
            (m_aborted ? api().commAbort : api().commDestroy)(m_comm);
        if (m_computeDone)
            cudaEventDestroy(m_computeDone);
        if (m_commDone)
            cudaEventDestroy(m_commDone);
        if (m_stream)
            cudaStreamDestroy(m_stream);
        cudaFree(m_hostValues);
    }
    const char *name() const override { return "nccl"; }
    int rank() const override { return m_rank; }
    int worldSize() const override { return m_world; }

    Status init(const DistSettings &s, cudaStream_t compute)
    {
        m_rank = s.rank;
        m_world = s.world;
        m_compute = compute;
        TD_RETURN_IF_ERROR(api().load());
        TD_CUDART_CHECK(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking));
        TD_CUDART_CHECK(cudaEventCreateWithFlags(&m_computeDone, cudaEventDisableTiming));
        TD_CUDART_CHECK(cudaEventCreateWithFlags(&m_commDone, cudaEventDisableTiming));
        TD_CUDART_CHECK(cudaMalloc(reinterpret_cast<void **>(&m_hostValues), 16 * sizeof(double)));
        NcclUniqueId id{};
        const std::string path = rendezvousPath(s, "nccl-id");
        if (m_rank == 0) {
            TD_NCCL_CHECK(api().getUniqueId(&id));
            TD_RETURN_IF_ERROR(writeIdFile(path, id));
        } else {
            TD_RETURN_IF_ERROR(readIdFile(path, m_rank, id));
        }
        TD_NCCL_CHECK(api().commInitRank(&m_comm, m_world, id, m_rank));
        // Every rank has read the id once init returns; rank 0 removes the file.
        if (m_rank == 0)
            ::unlink(path.c_str());
        return Status::ok();
    }

    Status allReduceSum(const std::vector<Buffer> &bucket) override
    {
        // The bucket's gradients are final once the compute stream reaches this point.
        TD_CUDART_CHECK(cudaEventRecord(m_computeDone, m_compute));
        TD_CUDART_CHECK(cudaStreamWaitEvent(m_stream, m_computeDone, 0));
        TD_NCCL_CHECK(api().groupStart());
        for (const Buffer &b : bucket) {
            const Status s = ncclStatus(api().allReduce(b.first, b.first, b.second, kNcclFloat32,
                                                        kNcclSum, m_comm, m_stream),
                                        "ncclAllReduce", __FILE__, __LINE__);
            if (!s.isOk()) {
                (void)api().groupEnd();
                return s;
            }
        }
        TD_NCCL_CHECK(api().groupEnd());
        return Status::ok();
    }

    Status finish() override
    {
        TD_CUDART_CHECK(cudaEventRecord(m_commDone, m_stream));
        TD_CUDART_CHECK(cudaStreamWaitEvent(m_compute, m_commDone, 0));
        return Status::ok();
    }

    Status allReduceHost(double *values, int count) override
    {
        if (count > 16)
            return {ErrorKind::Config, "allReduceHost: too many values"};
        const size_t bytes = sizeof(double) * size_t(count);
        TD_CUDART_CHECK(
            cudaMemcpyAsync(m_hostValues, values, bytes, cudaMemcpyHostToDevice, m_stream));
        TD_NCCL_CHECK(api().allReduce(m_hostValues, m_hostValues, size_t(count), kNcclFloat64,
                                      kNcclSum, m_comm, m_stream));
        TD_CUDART_CHECK(
            cudaMemcpyAsync(values, m_hostValues, bytes, cudaMemcpyDeviceToHost, m_stream));
        TD_CUDART_CHECK(cudaStreamSynchronize(m_stream));
        return Status::ok();
    }

    void abort() override { m_aborted = true; }

private:
    int m_rank = 0, m_world = 1;
    NcclComm m_comm = nullptr;
    cudaStream_t m_compute = nullptr, m_stream = nullptr;
    cudaEvent_t m_computeDone = nullptr, m_commDone = nullptr;
    double *m_hostValues = nullptr;
    bool m_aborted = false;
};

} // namespace

Status createNcclCommunicator(const DistSettings &settings, Ops<float> &ops,
                              std::unique_ptr<Communicator> &out)
{
    void *stream = cudaBackendStream(ops);
    if (!stream)
        return {ErrorKind::Config, "NCCL needs the CUDA backend"};
    auto comm = std::make_unique<NcclCommunicator>();
    const Status s = comm->init(settings, static_cast<cudaStream_t>(stream));
    if (!s.isOk())
        return s;
    out = std::move(comm);
    return Status::ok();
}

} // namespace td
