// Shared-memory communicator for CPU ranks on one machine. The segment is a file in --out that
// every rank maps: a header with a barrier, one slot per rank, and a small area for host values.
// A reduction copies the local buffer into the rank's slot, waits for all ranks, then every rank
// sums the slots in rank order itself: each rank computes the same bits, and the result does
// not depend on timing. Simple and correct rather than fast (each rank reads every slot).
#include "dist/communicator.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace td {
namespace {

constexpr uint64_t kMagic = 0x5444444953544d31ull; // "TDDISTM1"
constexpr int kHostValues = 16;                    // host doubles per rank and call
constexpr int kMaxWorld = 1024;
constexpr double kAttachTimeoutS = 120;

struct Header
{
    std::atomic<uint64_t> magic;
    uint32_t world;
    uint64_t capacity; // floats per slot
    std::atomic<uint32_t> arrived;
    std::atomic<uint32_t> generation;
    std::atomic<int32_t> failedRank; // -1 while every rank is healthy
    std::atomic<int32_t> pids[kMaxWorld];
};
static_assert(std::atomic<uint32_t>::is_always_lock_free, "process-shared atomics need lock-free");
static_assert(std::atomic<uint64_t>::is_always_lock_free, "process-shared atomics need lock-free");

size_t alignUp(size_t v, size_t a)
{
    return (v + a - 1) / a * a;
}

double now()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

class ShmCommunicator final : public Communicator
{
public:
    ~ShmCommunicator() override
    {
        if (m_base)
            ::munmap(m_base, m_bytes);
    }
    const char *name() const override { return "shm"; }
    int rank() const override { return m_rank; }
    int worldSize() const override { return m_world; }

    Status init(const DistSettings &s, size_t maxFloats)
    {
        m_rank = s.rank;
        m_world = s.world;
        const size_t capacity = std::max<size_t>(1024, std::min<size_t>(maxFloats, 1u << 24));
        m_hostOffset = alignUp(sizeof(Header), 64);
        m_slotOffset = alignUp(m_hostOffset + sizeof(double) * kHostValues * size_t(m_world), 64);
        m_bytes = m_slotOffset + sizeof(float) * capacity * size_t(m_world);
        const std::string path = rendezvousPath(s, "shm");
        int fd = -1;
        if (m_rank == 0) {
            // Build the segment under a temporary name so the others never map a half-made one.
            const std::string tmp = path + ".tmp";
            ::unlink(tmp.c_str());
            fd = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0)
                return {ErrorKind::Io, "cannot create " + tmp + ": " + std::strerror(errno)};
            if (::ftruncate(fd, off_t(m_bytes)) != 0) {
                const int err = errno;
                ::close(fd);
                return {ErrorKind::Io, "cannot size " + tmp + ": " + std::strerror(err)};
            }
            TD_RETURN_IF_ERROR(map(fd, tmp));
            Header *h = new (m_base) Header;
            h->world = uint32_t(m_world);
            h->capacity = capacity;
            h->arrived.store(0);
            h->generation.store(0);
            h->failedRank.store(-1);
            for (auto &p : h->pids)
                p.store(0);
            h->magic.store(kMagic, std::memory_order_release);
            if (::rename(tmp.c_str(), path.c_str()) != 0)
                return {ErrorKind::Io, "cannot publish " + path + ": " + std::strerror(errno)};
        } else {
            const double deadline = now() + kAttachTimeoutS;
            for (;;) {
                fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
                if (fd >= 0)
                    break;
                if (now() > deadline)
                    return {ErrorKind::Io, "rank " + std::to_string(m_rank) +
                                               ": rank 0 did not "
                                               "create " +
                                               path + " within 120 s"};
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            struct stat st
            {
            };
            if (::fstat(fd, &st) != 0 || size_t(st.st_size) != m_bytes) {
                ::close(fd);
                return {ErrorKind::Config, path + " does not match this run (different model or "
                                                  "world size on another rank?)"};
            }
            TD_RETURN_IF_ERROR(map(fd, path));
            if (header()->magic.load(std::memory_order_acquire) != kMagic ||
                header()->world != uint32_t(m_world))
                return {ErrorKind::Config, path + " was made by a different run"};
        }
        header()->pids[m_rank].store(int32_t(::getpid()));
        TD_RETURN_IF_ERROR(barrier());
        // Everyone has it mapped: the name is no longer needed, so nothing is left behind.
        if (m_rank == 0)
            ::unlink(path.c_str());
        return Status::ok();
    }

    Status allReduceSum(const std::vector<Buffer> &bucket) override
    {
        const size_t capacity = header()->capacity;
        float *mine = slot(m_rank);
        for (const Buffer &b : bucket) {
            for (size_t done = 0; done < b.second; done += capacity) {
                const size_t n = std::min(capacity, b.second - done);
                std::memcpy(mine, b.first + done, n * sizeof(float));
                TD_RETURN_IF_ERROR(barrier());
                float *out = b.first + done;
                for (size_t i = 0; i < n; ++i) {
                    float s = slot(0)[i];
                    for (int r = 1; r < m_world; ++r)
                        s += slot(r)[i];
                    out[i] = s;
                }
                // Nobody may refill a slot before every rank has read it.
                TD_RETURN_IF_ERROR(barrier());
            }
        }
        return Status::ok();
    }

    Status finish() override { return Status::ok(); }

    Status allReduceHost(double *values, int count) override
    {
        if (count > kHostValues)
            return {ErrorKind::Config, "allReduceHost: too many values"};
        double *area = reinterpret_cast<double *>(static_cast<char *>(m_base) + m_hostOffset);
        std::memcpy(area + m_rank * kHostValues, values, sizeof(double) * size_t(count));
        TD_RETURN_IF_ERROR(barrier());
        for (int i = 0; i < count; ++i) {
            double s = area[i];
            for (int r = 1; r < m_world; ++r)
                s += area[r * kHostValues + i];
            values[i] = s;
        }
        return barrier();
    }

    void abort() override
    {
        if (m_base) {
            int32_t expected = -1;
            header()->failedRank.compare_exchange_strong(expected, m_rank);
        }
    }

private:
    Header *header() const { return static_cast<Header *>(m_base); }
    float *slot(int r) const
    {
        return reinterpret_cast<float *>(static_cast<char *>(m_base) + m_slotOffset) +
               size_t(r) * header()->capacity;
    }

    Status map(int fd, const std::string &path)
    {
        void *p = ::mmap(nullptr, m_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        const int err = errno;
        ::close(fd);
        if (p == MAP_FAILED)
            return {ErrorKind::Io, "cannot map " + path + ": " + std::strerror(err)};
        m_base = p;
        return Status::ok();
    }

    // Sense-reversing barrier on the shared header. While waiting it watches for a rank that
    // reported failure or whose process is gone, so a crash elsewhere never hangs this rank.
    Status barrier()
    {
        Header *h = header();
        const uint32_t gen = h->generation.load(std::memory_order_acquire);
        if (h->arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == uint32_t(m_world)) {
            h->arrived.store(0, std::memory_order_relaxed);
            h->generation.fetch_add(1, std::memory_order_acq_rel);
            return Status::ok();
        }
        double lastCheck = now();
        for (int spins = 0; h->generation.load(std::memory_order_acquire) == gen; ++spins) {
            if (spins < 200) {
                std::this_thread::yield();
                continue;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(spins < 2000 ? 20 : 500));
            const double t = now();
            if (t - lastCheck < 0.2)
                continue;
            lastCheck = t;
            const int32_t failed = h->failedRank.load();
            if (failed >= 0)
                return {ErrorKind::Io, "rank " + std::to_string(failed) + " failed"};
            for (int r = 0; r < m_world; ++r) {
                const int32_t pid = h->pids[r].load();
                if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
                    return {ErrorKind::Io, "rank " + std::to_string(r) + " exited"};
            }
        }
        return Status::ok();
    }

    int m_rank = 0, m_world = 1;
    void *m_base = nullptr;
    size_t m_bytes = 0, m_hostOffset = 0, m_slotOffset = 0;
};

} // namespace

std::string rendezvousPath(const DistSettings &settings, const char *what)
{
    return settings.outDir + "/.dist-" + settings.runId + "." + what;
}

Status createShmCommunicator(const DistSettings &settings, size_t maxFloats,
                             std::unique_ptr<Communicator> &out)
{
    if (settings.world < 1 || settings.world > kMaxWorld || settings.rank < 0 ||
        settings.rank >= settings.world)
        return {ErrorKind::Config, "rank " + std::to_string(settings.rank) + " / world size " +
                                       std::to_string(settings.world) + " out of range"};
    auto comm = std::make_unique<ShmCommunicator>();
    const Status s = comm->init(settings, maxFloats);
    if (!s.isOk()) {
        comm->abort();
        return s;
    }
    out = std::move(comm);
    return Status::ok();
}

} // namespace td
