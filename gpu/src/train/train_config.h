// Training configuration. Precedence: built-in defaults of the chosen model < config file
// (--config) < command-line flags. Config files use the flag names with '_' for '-'.
#pragma once

#include "common/json.h"

#include <cstdint>
#include <string>

namespace td {

struct TrainConfig
{
    std::string dataDir;
    std::string outDir;
    std::string model = "mlp";
    JsonValue architecture; // layer list; the built-in one for `model` unless given

    int epochs = 0;
    int64_t maxSteps = 0;   // 0: no limit; counts optimizer steps
    int64_t limitTrain = 0; // 0: the whole training set
    int64_t valSize = -1;   // -1: 5000, scaled down for small --limit-train
    int batchSize = 0;
    int gradAccum = 1;
    double lr = 0;
    std::string precision = "fp32";
    std::string device = "cpu";
    int gpus = 1;
    int threads = 1;
    uint64_t seed = 1;
    bool gpuResident = false; // training split kept in device memory (small sets, CUDA only)

    std::string optimizer; // adamw | sgd
    double momentum = 0.9; // sgd
    bool nesterov = true;  // sgd
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double weightDecay = 0;
    std::string schedule; // constant | cosine | onecycle
    int64_t warmupSteps = 0;
    double minLrRatio = 0.0; // cosine floor as a fraction of lr
    double labelSmoothing = 0.0;

    int64_t logEvery = 100;
    int64_t checkpointEverySteps = 0; // 0: only at epoch ends (and on stop)
    int checkpointEveryEpochs = 1;
    int keepCheckpoints = 3;

    // Resolved, complete config as JSON (stored in checkpoints, printed by --print-config).
    JsonValue toJson() const;
};

// Builds the config from an optional file and overrides (an object with the same keys).
// Validates everything; errors are kind config.
Status resolveTrainConfig(const std::string &configFile, const JsonValue &overrides,
                          TrainConfig &out);
// Rebuilds a config stored by toJson() (checkpoints).
Status trainConfigFromJson(const JsonValue &json, TrainConfig &out);

// Reads a whole file into a string.
Status readTextFile(const std::string &path, std::string &out, ErrorKind kindOnError);

} // namespace td
