// Random numbers that are identical on every platform and backend: std::mt19937 distributions
// and std::shuffle differ between standard libraries, which would break resume and CPU/CUDA
// parity.
#pragma once

#include "common/hd.h"

#include <cmath>
#include <cstdint>

namespace td {

// SplitMix64 finaliser: a good 64-bit mix, used both as a stream generator and as a stateless
// counter-based hash (dropout masks depend only on seed, step and element index).
TD_HD uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// Uniform in [0, 1) with 24 bits, from a hash of (key, index).
TD_HD float hashUniform(uint64_t key, uint64_t index)
{
    return float(mix64(key ^ mix64(index)) >> 40) * (1.0f / 16777216.0f);
}

class Rng
{
public:
    explicit Rng(uint64_t seed = 0) : m_state(seed) {}
    uint64_t next()
    {
        m_state += 0x9e3779b97f4a7c15ull;
        uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // Uniform integer in [0, n); the modulo bias is below 2^-32 for the n we use (< 2^32).
    uint64_t below(uint64_t n) { return next() % n; }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double normal()
    {
        // Box-Muller; one value per call keeps the stream simple to reason about on resume.
        double u1 = uniform();
        const double u2 = uniform();
        if (u1 < 1e-300)
            u1 = 1e-300;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    uint64_t state() const { return m_state; }
    void setState(uint64_t s) { m_state = s; }

private:
    uint64_t m_state;
};

} // namespace td
