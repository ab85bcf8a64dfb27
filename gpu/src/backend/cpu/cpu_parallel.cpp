#include "backend/cpu/cpu_parallel.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

extern "C" void openblas_set_num_threads(int);

namespace td {
namespace {

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

// A training step calls the pool hundreds of times, back to back: a short spin before
// sleeping saves a futex wake-up per call, while a longer one would take cores away from
// other processes when the engine is idle (evaluation writes, checkpoints).
constexpr auto kSpin = std::chrono::microseconds(200);

thread_local bool t_insidePool = false;

class ThreadPool
{
public:
    ~ThreadPool() { stopWorkers(); }

    void resize(int threads)
    {
        threads = std::max(1, threads);
        if (threads == m_threads)
            return;
        stopWorkers();
        m_threads = threads;
        m_stop = false;
        // Workers start from the current generation: reading it in the new thread instead
        // could miss a job posted before that thread got to run.
        const uint64_t generation = m_generation.load(std::memory_order_acquire);
        for (int i = 1; i < threads; ++i)
            m_workers.emplace_back([this, i, generation] { workerLoop(i, generation); });
    }

    int threads() const { return m_threads; }

    void run(int parts, const std::function<void(int)> &body)
    {
        if (parts <= 1 || t_insidePool || m_threads <= 1) {
            for (int p = 0; p < parts; ++p)
                body(p);
            return;
        }
        parts = std::min(parts, m_threads);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_body = &body;
            m_parts = parts;
            m_remaining.store(m_threads - 1, std::memory_order_relaxed);
            m_generation.fetch_add(1, std::memory_order_release);
        }
        m_wake.notify_all();
        t_insidePool = true;
        body(0);
        t_insidePool = false;
        waitFor([this] { return m_remaining.load(std::memory_order_acquire) == 0; }, m_done);
    }

private:
    template <typename Pred> void waitFor(Pred ready, std::condition_variable &cv)
    {
        const auto until = std::chrono::steady_clock::now() + kSpin;
        for (int i = 0; !ready(); ++i) {
            cpuRelax();
            if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) {
                std::unique_lock<std::mutex> lock(m_mutex);
                cv.wait(lock, ready);
                return;
            }
        }
    }

    void workerLoop(int index, uint64_t seen)
    {
        t_insidePool = true;
        for (;;) {
            waitFor(
                [&] {
                    return m_stop.load(std::memory_order_acquire) ||
                           m_generation.load(std::memory_order_acquire) != seen;
                },
                m_wake);
            if (m_stop.load(std::memory_order_acquire))
                return;
            seen = m_generation.load(std::memory_order_acquire);
            if (index < m_parts)
                (*m_body)(index);
            if (m_remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
                // Taking the lock orders this notify after the caller's predicate check.
                std::lock_guard<std::mutex> lock(m_mutex);
                m_done.notify_all();
            }
        }
    }

    void stopWorkers()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (auto &t : m_workers)
            t.join();
        m_workers.clear();
        m_threads = 1;
    }

    int m_threads = 1;
    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    std::atomic<uint64_t> m_generation{0};
    std::atomic<int> m_remaining{0};
    std::atomic<bool> m_stop{false};
    const std::function<void(int)> *m_body = nullptr;
    int m_parts = 0;
};

ThreadPool &pool()
{
    static ThreadPool p;
    return p;
}

} // namespace

void setCpuThreads(int threads)
{
    // Each pool thread runs its own slice of a GEMM on one OpenBLAS thread.
    openblas_set_num_threads(1);
    pool().resize(threads > 0 ? threads : 1);
}

int cpuThreads()
{
    return pool().threads();
}

void runCpuParts(int parts, const std::function<void(int)> &body)
{
    pool().run(parts, body);
}

} // namespace td
