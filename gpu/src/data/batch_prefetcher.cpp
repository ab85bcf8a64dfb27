#include "data/batch_prefetcher.h"

#include <algorithm>

namespace td {

BatchPrefetcher::BatchPrefetcher(const Split &split, int64_t sampleSize, int maxBatch,
                                 bool rowsOnly, AcceleratorOps *pinned)
    : m_split(split), m_sampleSize(sampleSize), m_maxBatch(maxBatch), m_rowsOnly(rowsOnly),
      m_pinned(pinned)
{
}

BatchPrefetcher::~BatchPrefetcher()
{
    stop();
    for (int k = 0; k < kDepth; ++k)
        if (m_pinned && m_slots[k].images)
            m_pinned->freePinned(m_slots[k].images);
}

Status BatchPrefetcher::init()
{
    for (int k = 0; k < kDepth; ++k) {
        m_slots[k].labels.reserve(size_t(m_maxBatch));
        m_slots[k].rows.reserve(size_t(m_maxBatch));
        if (m_rowsOnly)
            continue;
        const size_t values = size_t(m_maxBatch) * size_t(m_sampleSize);
        if (m_pinned) {
            void *p = nullptr;
            TD_RETURN_IF_ERROR(m_pinned->allocPinned(&p, values * sizeof(float)));
            m_slots[k].images = static_cast<float *>(p);
        } else {
            m_plain[k].resize(values);
            m_slots[k].images = m_plain[k].data();
        }
    }
    return Status::ok();
}

void BatchPrefetcher::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void BatchPrefetcher::startEpoch(std::vector<int64_t> order, std::vector<Job> jobs)
{
    stop();
    m_order = std::move(order);
    m_jobs = std::move(jobs);
    m_produced = m_taken = m_released = 0;
    m_stop = false;
    m_thread = std::thread([this] { work(); });
}

void BatchPrefetcher::fill(const Job &job, HostBatch &out)
{
    out.n = job.count;
    out.labels.resize(size_t(job.count));
    out.rows.resize(size_t(job.count));
    for (int i = 0; i < job.count; ++i) {
        const int64_t idx = m_order[size_t(job.start + i)];
        out.rows[size_t(i)] = int32_t(idx);
        out.labels[size_t(i)] = m_split.labels[size_t(idx)];
        if (!m_rowsOnly)
            std::copy_n(m_split.images.begin() + idx * m_sampleSize, m_sampleSize,
                        out.images + int64_t(i) * m_sampleSize);
    }
}

void BatchPrefetcher::work()
{
    for (;;) {
        size_t slot = 0;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // A slot is free once the consumer has released the batch it held.
            m_cv.wait(lock, [&] {
                return m_stop || (m_produced < m_jobs.size() && m_produced < m_released + kDepth);
            });
            if (m_stop)
                return;
            slot = m_produced;
        }
        fill(m_jobs[slot], m_slots[slot % kDepth]);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_produced;
        }
        m_cv.notify_all();
        if (slot + 1 == m_jobs.size())
            return;
    }
}

const HostBatch &BatchPrefetcher::next()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_released = m_taken; // the caller is done with the previous batch
    m_cv.notify_all();
    m_cv.wait(lock, [&] { return m_produced > m_taken; });
    return m_slots[m_taken++ % kDepth];
}

} // namespace td
