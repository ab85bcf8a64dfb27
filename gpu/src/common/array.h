// A growable buffer in a backend's memory. Resizing to a smaller count keeps the allocation, so
// per-step activations are allocated once for the largest batch.
#pragma once

#include "backend/ops.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace td {

template <typename U> class Array
{
public:
    Array() = default;
    explicit Array(MemoryOps *mem) : m_mem(mem) {}
    Array(const Array &) = delete;
    Array &operator=(const Array &) = delete;
    Array(Array &&other) noexcept { swap(other); }
    Array &operator=(Array &&other) noexcept
    {
        if (this != &other) {
            release();
            swap(other);
        }
        return *this;
    }
    ~Array() { release(); }

    void setMemory(MemoryOps *mem)
    {
        release();
        m_mem = mem;
    }
    MemoryOps *memory() const { return m_mem; }

    Status resize(size_t count)
    {
        if (count > m_capacity) {
            release();
            void *p = nullptr;
            TD_RETURN_IF_ERROR(m_mem->allocBytes(&p, count * sizeof(U)));
            m_data = static_cast<U *>(p);
            m_capacity = count;
        }
        m_size = count;
        return Status::ok();
    }
    Status upload(const std::vector<U> &host)
    {
        TD_RETURN_IF_ERROR(resize(host.size()));
        return m_mem->upload(m_data, host.data(), host.size() * sizeof(U));
    }
    Status download(std::vector<U> &host) const
    {
        host.resize(m_size);
        return m_mem->download(host.data(), m_data, m_size * sizeof(U));
    }

    U *data() { return m_data; }
    const U *data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    void release()
    {
        if (m_data && m_mem)
            m_mem->freeBytes(m_data);
        m_data = nullptr;
        m_size = m_capacity = 0;
    }
    void swap(Array &o)
    {
        std::swap(m_mem, o.m_mem);
        std::swap(m_data, o.m_data);
        std::swap(m_size, o.m_size);
        std::swap(m_capacity, o.m_capacity);
    }

    MemoryOps *m_mem = nullptr;
    U *m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

} // namespace td
