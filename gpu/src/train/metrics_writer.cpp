#include "train/metrics_writer.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace td {
namespace {

bool writeAll(int fd, const std::string &s)
{
    size_t done = 0;
    while (done < s.size()) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += size_t(n);
    }
    return true;
}

} // namespace

double wallClockSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double monotonicSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

MetricLine::MetricLine(const char *event)
{
    m_text = "{\"v\":1,\"event\":";
    appendJsonString(m_text, event);
}

MetricLine &MetricLine::num(const char *key, double value)
{
    m_text += ',';
    appendJsonString(m_text, key);
    m_text += ':';
    m_text += jsonNumber(value);
    return *this;
}

MetricLine &MetricLine::num(const char *key, double value, int significant)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", significant, value);
    return num(key, std::isfinite(value) ? std::strtod(buf, nullptr) : value);
}

MetricLine &MetricLine::fixed(const char *key, double value, int decimals)
{
    if (!std::isfinite(value))
        return num(key, value);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    m_text += ',';
    appendJsonString(m_text, key);
    m_text += ':';
    m_text += buf;
    return *this;
}

MetricLine &MetricLine::integer(const char *key, int64_t value)
{
    m_text += ',';
    appendJsonString(m_text, key);
    m_text += ':';
    m_text += std::to_string(value);
    return *this;
}

MetricLine &MetricLine::str(const char *key, const std::string &value)
{
    m_text += ',';
    appendJsonString(m_text, key);
    m_text += ':';
    appendJsonString(m_text, value);
    return *this;
}

std::string MetricLine::finish() const
{
    char buf[48];
    std::snprintf(buf, sizeof buf, ",\"time\":%.3f}\n", wallClockSeconds());
    return m_text + buf;
}

MetricsWriter::~MetricsWriter()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status MetricsWriter::open(const std::string &path)
{
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        return {ErrorKind::Io, "cannot open " + path + ": " + std::strerror(errno)};
    return Status::ok();
}

Status MetricsWriter::write(const MetricLine &line)
{
    const std::string text = line.finish();
    if (m_echo)
        writeAll(STDOUT_FILENO, text); // a closed stdout must not stop training
    if (m_fd >= 0 && !writeAll(m_fd, text)) {
        const int err = errno;
        ::close(m_fd);
        m_fd = -1;
        return {ErrorKind::Io, std::string("cannot write metrics.jsonl: ") + std::strerror(err)};
    }
    return Status::ok();
}

} // namespace td
