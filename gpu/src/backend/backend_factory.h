// Chooses the backend for --device cpu | cuda[:N].
#pragma once

#include "backend/ops.h"

#include <memory>
#include <string>

namespace td {

// On success `ops` is ready and `deviceName` is the canonical name for metrics ("cpu",
// "cuda:0"). cuda in a build without the CUDA backend is a config error; cuda without a usable
// driver or device is a cuda_driver error.
Status createBackend(const std::string &device, int threads, std::unique_ptr<Ops<float>> &ops,
                     std::string &deviceName);

} // namespace td
