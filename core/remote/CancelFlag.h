#pragma once

#include <atomic>
#include <memory>

namespace td {

// Shared between the thread that asks for cancellation and the worker that polls it between
// non-blocking libssh steps. Copies share the same flag.
class CancelFlag
{
public:
    CancelFlag() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void cancel() const { m_flag->store(true); }
    void reset() const { m_flag->store(false); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace td
