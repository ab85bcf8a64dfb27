// The CPU backend's worker threads. One pool serves every parallel loop, GEMM included (each
// worker calls single-threaded OpenBLAS on its own slice): OpenBLAS's own threads would spin
// between calls and compete with these workers for the same cores.
//
// Work is always split the same way for a given thread count (contiguous static ranges), and
// reductions combine per-block partial results in block order, so results do not depend on
// which thread finishes first.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>

namespace td {

// Sets the number of threads the CPU backend uses (1 runs everything on the caller).
void setCpuThreads(int threads);
int cpuThreads();

// Runs body(part) for part in [0, parts) on the pool, part 0 on the calling thread, and
// returns when all are done. parts must not exceed cpuThreads(). Calls from inside a body run
// serially.
void runCpuParts(int parts, const std::function<void(int)> &body);

// Calls body(begin, end) over [0, n) split into at most cpuThreads() contiguous ranges of at
// least minPerPart items each.
template <typename F> void parallelFor(int64_t n, int64_t minPerPart, F &&body)
{
    if (n <= 0)
        return;
    const int64_t maxParts = std::max<int64_t>(1, n / std::max<int64_t>(1, minPerPart));
    const int parts = int(std::min<int64_t>(cpuThreads(), maxParts));
    if (parts <= 1) {
        body(int64_t(0), n);
        return;
    }
    runCpuParts(parts, [&](int p) {
        const int64_t begin = n * p / parts;
        const int64_t end = n * (p + 1) / parts;
        if (begin < end)
            body(begin, end);
    });
}

} // namespace td
