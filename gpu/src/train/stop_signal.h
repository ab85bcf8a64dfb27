// SIGTERM / SIGINT handling: the handler only records the signal; the training loop polls it
// after each optimizer step, checkpoints and ends cleanly.
#pragma once

namespace td {

void installStopSignalHandlers();
// 0 while running, else the signal number received first.
int stopSignalReceived();
// Lets tests and embedders ask for a stop without a real signal.
void requestStop(int signalNumber);

} // namespace td
