// Prepares the next micro-batches on a background thread while the current one trains: gathers
// the samples of each batch (in the epoch's order) into host buffers, page-locked when the
// backend is CUDA so the upload runs at full bus speed. The batches, their order and their
// contents are exactly what the training loop would gather itself, so results do not change.
#pragma once

#include "backend/accelerator.h"
#include "data/dataset.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace td {

struct HostBatch
{
    int n = 0;
    float *images = nullptr; // n * sampleSize values (unused with rowsOnly)
    std::vector<int32_t> labels;
    std::vector<int32_t> rows; // training-set indices, for batches gathered on the device
};

class BatchPrefetcher
{
public:
    // One batch: `count` samples order[start ...].
    struct Job
    {
        int64_t start = 0;
        int count = 0;
    };

    // rowsOnly: the images live on the device (--gpu-resident); only indices and labels are
    // prepared. `pinned` may be null (plain host memory).
    BatchPrefetcher(const Split &split, int64_t sampleSize, int maxBatch, bool rowsOnly,
                    AcceleratorOps *pinned);
    ~BatchPrefetcher();
    BatchPrefetcher(const BatchPrefetcher &) = delete;
    BatchPrefetcher &operator=(const BatchPrefetcher &) = delete;

    Status init();
    // Starts preparing `jobs` of one epoch in order; drops whatever an earlier epoch left.
    void startEpoch(std::vector<int64_t> order, std::vector<Job> jobs);
    // The next batch of the epoch; valid until the following call. Blocks while it is prepared.
    const HostBatch &next();

private:
    static constexpr int kDepth = 2; // batches prepared ahead, including the one in use
    void stop();
    void work();
    void fill(const Job &job, HostBatch &out);

    const Split &m_split;
    int64_t m_sampleSize;
    int m_maxBatch;
    bool m_rowsOnly;
    AcceleratorOps *m_pinned;
    HostBatch m_slots[kDepth];
    std::vector<float> m_plain[kDepth];

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;
    std::vector<int64_t> m_order;
    std::vector<Job> m_jobs;
    size_t m_produced = 0, m_taken = 0, m_released = 0;
    bool m_stop = false;
};

} // namespace td
