#include "train/stop_signal.h"

#include <csignal>

namespace td {
namespace {

volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void onStopSignal(int signalNumber)
{
    if (g_stopSignal == 0)
        g_stopSignal = signalNumber;
}

} // namespace

void installStopSignalHandlers()
{
    struct sigaction sa
    {
    };
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    // Writing metrics to a closed stdout pipe must not kill the run; the file still gets them.
    signal(SIGPIPE, SIG_IGN);
}

int stopSignalReceived()
{
    return int(g_stopSignal);
}

void requestStop(int signalNumber)
{
    g_stopSignal = signalNumber;
}

} // namespace td
