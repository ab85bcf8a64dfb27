// Dynamic loss scaling for FP16 training. The loss (so every gradient) is multiplied by
// scale() so that small gradients survive the FP16 range; after the backward pass the gradients
// are unscaled and checked. A step with an inf or NaN is skipped and the scale halved; after
// growthInterval finite steps in a row the scale doubles. The same rules as PyTorch's GradScaler.
#pragma once

#include <cstdint>

namespace td {

class LossScaler
{
public:
    static constexpr float kInitialScale = 65536.0f;
    static constexpr float kMinScale = 1.0f / 16777216.0f; // 2^-24
    static constexpr float kMaxScale = 16777216.0f;        // 2^24: keeps scaled values finite

    explicit LossScaler(int64_t growthInterval = 2000) : m_growthInterval(growthInterval) {}

    float scale() const { return m_scale; }
    int64_t goodSteps() const { return m_goodSteps; }
    int64_t skippedSteps() const { return m_skipped; }

    // Feeds the result of one step's check; returns whether the optimizer step may be applied.
    bool update(bool allFinite)
    {
        if (!allFinite) {
            m_scale = m_scale * 0.5f < kMinScale ? kMinScale : m_scale * 0.5f;
            m_goodSteps = 0;
            ++m_skipped;
            return false;
        }
        if (++m_goodSteps >= m_growthInterval) {
            if (m_scale * 2.0f <= kMaxScale)
                m_scale *= 2.0f;
            m_goodSteps = 0;
        }
        return true;
    }

    // Checkpointed state, so a resumed run continues with the same scale.
    void restore(float scale, int64_t goodSteps, int64_t skipped)
    {
        m_scale = scale;
        m_goodSteps = goodSteps;
        m_skipped = skipped;
    }

private:
    float m_scale = kInitialScale;
    int64_t m_growthInterval;
    int64_t m_goodSteps = 0;
    int64_t m_skipped = 0;
};

} // namespace td
