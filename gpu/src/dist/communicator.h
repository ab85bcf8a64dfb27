// Data-parallel training: how a global batch is split over ranks and the interface through which
// ranks sum their gradients. Two implementations: NCCL on CUDA (nccl_communicator.cpp, libnccl
// loaded at run time) and shared memory between processes of one machine on the CPU
// (shm_communicator.cpp), so the sharding and averaging logic is exercised without a GPU.
#pragma once

#include "common/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace td {

class MemoryOps;

// Who this process is in a data-parallel run. world == 1 means single-process training.
struct DistSettings
{
    int rank = 0;
    int world = 1;
    int localRank = 0;
    std::string runId; // names the rendezvous files in --out; unique per launch
    std::string outDir;
};

// Samples [begin, end) of a global micro-batch of `count` samples that `rank` trains on.
// Contiguous, disjoint and covering; sizes differ by at most one. A rank may get none when
// count < world.
inline std::pair<int64_t, int64_t> shardRange(int64_t count, int rank, int world)
{
    return {count * rank / world, count * (rank + 1) / world};
}

class Communicator
{
public:
    using Buffer = std::pair<float *, size_t>;

    virtual ~Communicator() = default;
    virtual const char *name() const = 0;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;

    // Starts summing each buffer (backend memory) over all ranks, in place. The buffers of one
    // call form one bucket; every rank must issue the same buckets in the same order. May
    // return before the sums are done (NCCL overlaps them with the backward pass).
    virtual Status allReduceSum(const std::vector<Buffer> &bucket) = 0;
    // Returns when every sum started so far is complete and ordered before the backend's later
    // work (the optimizer step).
    virtual Status finish() = 0;
    // Sums a few host values over all ranks; blocking; every rank gets bit-identical results.
    virtual Status allReduceHost(double *values, int count) = 0;
    // Tells the other ranks this one is failing so they stop waiting for it.
    virtual void abort() {}
};

// NCCL when `ops` is the CUDA backend, shared memory otherwise. maxFloats bounds the largest
// bucket (the shared-memory transport sizes its segment from it).
Status createCommunicator(const DistSettings &settings, MemoryOps &ops, size_t maxFloats,
                          std::unique_ptr<Communicator> &out);

// Shared-memory transport for CPU ranks of one machine; the segment is a file in outDir.
Status createShmCommunicator(const DistSettings &settings, size_t maxFloats,
                             std::unique_ptr<Communicator> &out);

// Path of a rendezvous file ("nccl-id", "shm") of the run.
std::string rendezvousPath(const DistSettings &settings, const char *what);

} // namespace td
