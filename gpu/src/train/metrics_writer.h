// Writes metrics JSON Lines (DESIGN.md, metrics contract v1) to stdout and <out>/metrics.jsonl.
// Each line goes out with a single write() per destination, so a follower tailing the file
// never sees a partial line except while that write is in progress.
#pragma once

#include "common/json.h"

#include <string>

namespace td {

// Builds one line: {"v":1,"event":...,<fields>...,"time":...}
class MetricLine
{
public:
    explicit MetricLine(const char *event);
    MetricLine &num(const char *key, double value);
    // Rounded forms keep lines short: `significant` digits, or `decimals` after the point.
    MetricLine &num(const char *key, double value, int significant);
    MetricLine &fixed(const char *key, double value, int decimals);
    MetricLine &integer(const char *key, int64_t value);
    MetricLine &str(const char *key, const std::string &value);
    // Appends "time" (wall clock, seconds since the epoch) and closes the object.
    std::string finish() const;

private:
    std::string m_text;
};

class MetricsWriter
{
public:
    MetricsWriter() = default;
    MetricsWriter(const MetricsWriter &) = delete;
    MetricsWriter &operator=(const MetricsWriter &) = delete;
    ~MetricsWriter();

    // Opens <path> for appending (a resumed run continues the same file).
    Status open(const std::string &path);
    void setEchoToStdout(bool echo) { m_echo = echo; }
    // Writes the line to stdout and the file; a failing file write is reported once.
    Status write(const MetricLine &line);

private:
    int m_fd = -1;
    bool m_echo = true;
};

double wallClockSeconds();
double monotonicSeconds();

} // namespace td
