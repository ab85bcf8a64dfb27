// The .tdk file: a JSON header plus named float32 tensors, protected by a CRC-32 and written
// atomically (temporary file, fsync, rename, fsync of the directory), so a reader sees either
// the old file or the complete new one, and a damaged file is detected instead of loaded.
//
// Layout (little endian):
//   "TDKCKPT1" | u64 header length | header JSON | tensor data (float32, in header order)
//   | u32 CRC-32 of everything before | "TDKCKEND"
// The header lists tensors as {"name": ..., "count": ...} under "tensors".
#pragma once

#include "common/json.h"

#include <string>
#include <vector>

namespace td {

struct NamedTensor
{
    std::string name;
    std::vector<float> data;
};

struct CheckpointData
{
    JsonValue header = JsonValue::object(); // "tensors" is filled in by the writer
    std::vector<NamedTensor> tensors;

    const NamedTensor *find(const std::string &name) const;
};

Status writeCheckpointFile(const std::string &path, const CheckpointData &data);
// Errors: kind io when unreadable, kind data when damaged (bad magic, CRC, truncated).
Status readCheckpointFile(const std::string &path, CheckpointData &data);

// mkdir -p; kind io on failure.
Status makeDirectories(const std::string &path);

} // namespace td
