// Error reporting for the engine: every fallible call returns a Status instead of exiting, so the
// command line can turn it into one `error` metrics line and an exit code.
#pragma once

#include <string>
#include <utility>

namespace td {

// The `kind` values of the metrics `error` event (DESIGN.md, metrics contract v1).
enum class ErrorKind { None, Config, Data, Io, Nan, Oom, CudaDriver };

inline const char *errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return "none";
    case ErrorKind::Config:
        return "config";
    case ErrorKind::Data:
        return "data";
    case ErrorKind::Io:
        return "io";
    case ErrorKind::Nan:
        return "nan";
    case ErrorKind::Oom:
        return "oom";
    case ErrorKind::CudaDriver:
        return "cuda_driver";
    }
    return "config";
}

// Process exit codes, one per error kind so scripts can branch without parsing JSON.
inline int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::Config:
        return 2;
    case ErrorKind::Data:
        return 3;
    case ErrorKind::Io:
        return 4;
    case ErrorKind::Nan:
        return 5;
    case ErrorKind::Oom:
        return 6;
    case ErrorKind::CudaDriver:
        return 7;
    }
    return 1;
}

class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(ErrorKind kind, std::string message) : m_kind(kind), m_message(std::move(message)) {}

    static Status ok() { return {}; }
    bool isOk() const { return m_kind == ErrorKind::None; }
    ErrorKind kind() const { return m_kind; }
    const std::string &message() const { return m_message; }

private:
    ErrorKind m_kind = ErrorKind::None;
    std::string m_message;
};

#define TD_RETURN_IF_ERROR(expr)                                                                   \
    do {                                                                                           \
        ::td::Status td_status_ = (expr);                                                          \
        if (!td_status_.isOk())                                                                    \
            return td_status_;                                                                     \
    } while (0)

} // namespace td
