// The training run behind `traindeck-engine train`.
#pragma once

#include "backend/ops.h"
#include "dist/communicator.h"
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
// writes the `error` line. With dist.world > 1 this process is one data-parallel rank: it
// trains on its shard of every global batch, gradients are summed over ranks, and only rank 0
// evaluates, writes checkpoints and the final model.
Status runTraining(const TrainConfig &config, bool resume, Ops<float> &ops,
                   const std::string &deviceName, MetricsWriter &metrics, TrainOutcome &outcome,
                   const DistSettings &dist = DistSettings());

} // namespace td
