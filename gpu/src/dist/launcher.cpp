#include "dist/launcher.h"

#include "train/stop_signal.h"

#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace td {
namespace {

bool parseInt(const std::string &text, int &out)
{
    if (text.empty())
        return false;
    char *end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (*end != '\0' || v < 0 || v > 1 << 20)
        return false;
    out = int(v);
    return true;
}

std::string setting(const ParsedArgs &args, const char *flag, const char *env)
{
    if (args.has(flag))
        return args.get(flag);
    const char *v = std::getenv(env);
    return v ? v : "";
}

// A run id no earlier run in the same --out can have had: rendezvous files never collide with
// leftovers.
std::string newRunId()
{
    unsigned char bytes[8] = {};
    const int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (::read(fd, bytes, sizeof bytes) != ssize_t(sizeof bytes))
            std::memset(bytes, 0, sizeof bytes);
        ::close(fd);
    }
    char text[64];
    std::snprintf(text, sizeof text, "%d-", int(::getpid()));
    std::string id = text;
    for (unsigned char b : bytes) {
        std::snprintf(text, sizeof text, "%02x", b);
        id += text;
    }
    return id;
}

ErrorKind kindForExitCode(int code)
{
    for (ErrorKind k : {ErrorKind::Config, ErrorKind::Data, ErrorKind::Io, ErrorKind::Nan,
                        ErrorKind::Oom, ErrorKind::CudaDriver})
        if (exitCodeFor(k) == code)
            return k;
    return ErrorKind::Io;
}

} // namespace

Status distFromArguments(const ParsedArgs &args, DistSettings &out, bool *isRank)
{
    out = DistSettings();
    *isRank = false;
    const std::string world = setting(args, "world-size", "TRAINDECK_WORLD_SIZE");
    if (world.empty())
        return Status::ok();
    *isRank = true;
    const std::string rank = setting(args, "rank", "TRAINDECK_RANK");
    std::string local = setting(args, "local-rank", "TRAINDECK_LOCAL_RANK");
    if (local.empty())
        local = rank;
    if (!parseInt(world, out.world) || out.world < 1 || !parseInt(rank, out.rank) ||
        out.rank >= out.world || !parseInt(local, out.localRank))
        return {ErrorKind::Config, "bad rank settings: rank '" + rank + "', world size '" + world +
                                       "' (need 0 <= rank < world size)"};
    out.runId = setting(args, "dist-id", "TRAINDECK_DIST_ID");
    if (out.world > 1 && out.runId.empty())
        return {ErrorKind::Config, "ranks started by hand need the same unique TRAINDECK_DIST_ID "
                                   "(or --dist-id) on every rank"};
    for (char c : out.runId)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            return {ErrorKind::Config, "dist id may only hold letters, digits, '-' and '_'"};
    return Status::ok();
}

int launchRanks(char **argv, int world, const std::string &outDir, MetricsWriter &metrics)
{
    const std::string runId = newRunId();
    std::vector<pid_t> pids(size_t(world), -1);
    std::vector<int> codes(size_t(world), -1);
    installStopSignalHandlers();
    for (int r = 0; r < world; ++r) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::setenv("TRAINDECK_RANK", std::to_string(r).c_str(), 1);
            ::setenv("TRAINDECK_LOCAL_RANK", std::to_string(r).c_str(), 1);
            ::setenv("TRAINDECK_WORLD_SIZE", std::to_string(world).c_str(), 1);
            ::setenv("TRAINDECK_DIST_ID", runId.c_str(), 1);
            ::execv("/proc/self/exe", argv);
            std::fprintf(stderr, "traindeck-engine: cannot start rank %d: %s\n", r,
                         std::strerror(errno));
            ::_exit(127);
        }
        if (pid < 0) {
            const Status s(ErrorKind::Io, std::string("cannot start rank ") + std::to_string(r) +
                                              ": " + std::strerror(errno));
            MetricLine line("error");
            line.str("kind", errorKindName(s.kind())).str("message", s.message());
            (void)metrics.write(line);
            for (int k = 0; k < r; ++k)
                ::kill(pids[size_t(k)], SIGKILL);
            for (int k = 0; k < r; ++k)
                ::waitpid(pids[size_t(k)], nullptr, 0);
            return exitCodeFor(s.kind());
        }
        pids[size_t(r)] = pid;
    }

    using Clock = std::chrono::steady_clock;
    int running = world, firstFailed = -1, forwarded = 0;
    bool rank0Signalled = false;
    Clock::time_point killAt = Clock::time_point::max();
    while (running > 0) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (int r = 0; r < world; ++r) {
                if (pids[size_t(r)] != pid)
                    continue;
                --running;
                pids[size_t(r)] = -1;
                const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                codes[size_t(r)] = code;
                if (r == 0 && WIFSIGNALED(status))
                    rank0Signalled = true;
                if (code != 0 && !stopSignalReceived() && firstFailed < 0) {
                    firstFailed = r;
                    // Ranks waiting on a dead peer notice it themselves (shared memory); NCCL
                    // ranks may not, so they get a grace period and then SIGKILL.
                    killAt = Clock::now() + std::chrono::seconds(10);
                    for (pid_t other : pids)
                        if (other > 0)
                            ::kill(other, SIGTERM);
                }
            }
            continue;
        }
        if (const int sig = stopSignalReceived(); sig && !forwarded) {
            forwarded = sig;
            for (pid_t p : pids)
                if (p > 0)
                    ::kill(p, sig);
        }
        if (Clock::now() > killAt) {
            for (pid_t p : pids)
                if (p > 0)
                    ::kill(p, SIGKILL);
            killAt = Clock::time_point::max();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::unlink(rendezvousPath(DistSettings{0, world, 0, runId, outDir}, "shm").c_str());
    ::unlink(rendezvousPath(DistSettings{0, world, 0, runId, outDir}, "nccl-id").c_str());
    if (firstFailed < 0)
        return codes[0];
    // The first rank to fail holds the cause. Rank 0 reports its own failures; a different
    // failure of another rank (or rank 0 killed) gets its line here, last, so the run's final
    // line and exit code both name the cause.
    const int code = codes[size_t(firstFailed)];
    // Ranks failing alike (the same bad data everywhere) need no second line: rank 0's says it.
    const bool rank0Told = !rank0Signalled && codes[0] == code;
    if (!rank0Told) {
        MetricLine line("error");
        line.str("kind", errorKindName(kindForExitCode(code)))
            .str("message", "rank " + std::to_string(firstFailed) + " failed with exit code " +
                                std::to_string(code) + " (its message is on stderr)");
        (void)metrics.write(line);
    }
    return code;
}

} // namespace td
