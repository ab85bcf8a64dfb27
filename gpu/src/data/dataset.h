// Fashion-MNIST (or MNIST) in memory as normalised float images, NHWC [N, 28, 28, 1].
#pragma once

#include "common/status.h"
#include "layers/layer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace td {

struct Split
{
    std::vector<float> images; // count * sampleSize, normalised
    std::vector<int32_t> labels;
    int64_t count = 0;
};

struct Dataset
{
    Split train, val, test;
    Shape sampleShape;
    int classes = 10;
    float mean = 0, stdDev = 1; // statistics of the training split used for normalisation
};

struct DatasetOptions
{
    int64_t limitTrain = 0; // 0: all
    int64_t valSize = -1;   // -1: min(5000, train/10)
    bool loadTrain = true;  // evaluate only needs the test split
    // Normalisation statistics saved with a model; without them they come from the train split.
    bool haveStats = false;
    float mean = 0, stdDev = 1;
};

// Reads train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte (each optionally .gz) from dir. The validation split is carved from
// the end of the (limited) training set.
Status loadDataset(const std::string &dir, const DatasetOptions &options, Dataset &out);

int64_t defaultValSize(int64_t trainCount);

} // namespace td
