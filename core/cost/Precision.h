// Numeric precision of a training run, as the engine's --precision flag names it.
#pragma once

#include <QString>

#include <optional>

namespace td {

enum class Precision {
    Fp32,
    Fp16, // mixed precision: fp16 compute, fp32 master weights
    Bf16, // mixed precision: bf16 compute, fp32 master weights
};

std::optional<Precision> precisionFromString(const QString &name); // "fp32" | "fp16" | "bf16"
QString precisionName(Precision precision);
// Bytes of one element in the compute precision.
int bytesPerElement(Precision precision);
inline bool isMixedPrecision(Precision precision)
{
    return precision != Precision::Fp32;
}

} // namespace td
