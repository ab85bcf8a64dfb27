// Export of a saved model as safetensors (a JSON header plus raw little-endian tensors), which
// PyTorch, NumPy and most tools read without TrainDeck. Weights keep the engine's layouts:
// Linear [out, in] (as PyTorch), Conv2d [out, KH, KW, in] (PyTorch uses [out, in, KH, KW]).
#pragma once

#include "io/saved_model.h"

namespace td {

Status exportSafetensors(const SavedModel &saved, Model<float> &model, const std::string &path);

} // namespace td
