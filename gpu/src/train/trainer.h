// The training run behind `traindeck-engine train`.
#pragma once

#include "backend/ops.h"
#include "train/metrics_writer.h"
#include "train/train_config.h"

namespace td {

struct TrainOutcome
{
    bool stopped = false; // ended early on SIGTERM / SIGINT, after a checkpoint
    int stopSignal = 0;
    double finalTestAccuracy = -1;
};

// Runs training on `ops`; writes start/step/eval/checkpoint/end lines. On error the caller
// writes the `error` line.
Status runTraining(const TrainConfig &config, bool resume, Ops<float> &ops,
                   const std::string &deviceName, MetricsWriter &metrics, TrainOutcome &outcome);

} // namespace td
