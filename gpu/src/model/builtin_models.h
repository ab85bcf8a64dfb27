// The architectures behind --model mlp|cnn|resnet-small, as the same JSON layer lists a config
// file may give, plus the training defaults tuned for each on Fashion-MNIST.
#pragma once

#include "common/json.h"

#include <string>

namespace td {

struct ModelDefaults
{
    int epochs;
    int batchSize;
    double lr;
    const char *optimizer;
    const char *schedule;
    double weightDecay;
    double labelSmoothing;
};

// Returns false for an unknown name.
bool builtinArchitecture(const std::string &name, JsonValue &architecture);
bool builtinDefaults(const std::string &name, ModelDefaults &defaults);

} // namespace td
