// Rebuilds a model from a .tdk file (training checkpoint or final model).
#pragma once

#include "io/checkpoint_file.h"
#include "model/model.h"
#include "train/train_config.h"

namespace td {

struct SavedModel
{
    CheckpointData file;
    TrainConfig config;
    Shape inputShape;
    int classes = 0;
    float mean = 0, stdDev = 1;
};

// Reads and verifies the file and its header; does not build the model.
Status readSavedModel(const std::string &path, SavedModel &out);
// Builds the model on `ops` and loads the saved weights into it.
Status instantiateSavedModel(const SavedModel &saved, Ops<float> &ops, Model<float> &model);

} // namespace td
