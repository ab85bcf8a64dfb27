// Reader for the IDX format of MNIST / Fashion-MNIST, plain or gzip-compressed.
#pragma once

#include "common/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace td {

struct IdxArray
{
    std::vector<uint32_t> dims; // e.g. {60000, 28, 28} for images, {60000} for labels
    std::vector<uint8_t> data;  // unsigned bytes only (type code 0x08)
};

// Reads `path`; when it does not exist, tries `path + ".gz"`. Gzip is detected by content, not
// by name. Errors (kind data) name the file and say what is wrong: missing, bad magic,
// truncated, corrupt compressed stream, trailing bytes.
Status readIdxFile(const std::string &path, IdxArray &out);

// Parses an already decompressed IDX image held in memory. `name` is used in error messages.
Status parseIdx(const std::vector<uint8_t> &bytes, const std::string &name, IdxArray &out);

} // namespace td
