// Per-element arithmetic of mixed precision, shared by the CUDA kernels and the CPU tests:
// FP32 <-> FP16 / BF16 conversion with round-to-nearest-even (bit-exact with the hardware
// conversions __float2half_rn / __float2bfloat16_rn), and the gradient unscale with its
// inf/NaN check. Written on integer bits so host and device compute identical results.
#pragma once

#include "common/hd.h"

#include <cstdint>
#include <cstring>

namespace td {

TD_HD uint32_t floatToBits(float f)
{
#if defined(__CUDA_ARCH__)
    return __float_as_uint(f);
#else
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
#endif
}

TD_HD float bitsToFloat(uint32_t u)
{
#if defined(__CUDA_ARCH__)
    return __uint_as_float(u);
#else
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
#endif
}

// True for +-inf and NaN.
TD_HD bool isNonFinite(float f)
{
    return (floatToBits(f) & 0x7f800000u) == 0x7f800000u;
}

// IEEE binary16 bits of f, rounded to nearest even; overflow gives infinity, NaN stays NaN.
TD_HD uint16_t floatToHalfBits(float f)
{
    const uint32_t x = floatToBits(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const uint32_t ax = x & 0x7fffffffu;
    if (ax >= 0x7f800000u) // inf or NaN; NaN keeps its top payload bits and stays quiet
        return uint16_t(sign | 0x7c00u | (ax > 0x7f800000u ? 0x200u | ((ax >> 13) & 0x3ffu) : 0u));
    if (ax >= 0x477ff000u) // >= 65520 rounds past the largest half (65504)
        return uint16_t(sign | 0x7c00u);
    if (ax < 0x38800000u) {    // below 2^-14: a subnormal half or zero
        if (ax <= 0x33000000u) // <= 2^-25: rounds to zero (the tie goes to even)
            return uint16_t(sign);
        const uint32_t mant = (ax & 0x7fffffu) | 0x800000u;
        const int shift = 126 - int(ax >> 23); // value / 2^-24 = mant >> shift, 14 <= shift <= 24
        uint32_t r = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1u);
        const uint32_t halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (r & 1u)))
            ++r; // may carry into the smallest normal, which is the right encoding
        return uint16_t(sign | r);
    }
    uint32_t r = (ax >> 13) - (112u << 10); // rebias the exponent from 127 to 15
    const uint32_t rem = ax & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (r & 1u)))
        ++r;
    return uint16_t(sign | r);
}

TD_HD float halfBitsToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    const uint32_t mant = h & 0x3ffu;
    if (exp == 0) {
        const float v = float(mant) * 5.9604644775390625e-08f; // mant * 2^-24, exact
        return sign ? -v : v;
    }
    if (exp == 31)
        return bitsToFloat(sign | 0x7f800000u | (mant << 13));
    return bitsToFloat(sign | ((exp + 112u) << 23) | (mant << 13));
}

// bfloat16 bits of f (the top half of the float), rounded to nearest even.
TD_HD uint16_t floatToBf16Bits(float f)
{
    const uint32_t x = floatToBits(f);
    if ((x & 0x7fffffffu) > 0x7f800000u)
        return uint16_t((x >> 16) | 0x40u); // keep NaN a quiet NaN
    return uint16_t((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

TD_HD float bf16BitsToFloat(uint16_t b)
{
    return bitsToFloat(uint32_t(b) << 16);
}

// One gradient element of a loss-scaled backward pass: returns g * invScale and sets *bad when
// g is inf or NaN (an overflow somewhere in the scaled pass).
TD_HD float unscaleGradient(float g, float invScale, bool *bad)
{
    if (isNonFinite(g))
        *bad = true;
    return g * invScale;
}

} // namespace td
