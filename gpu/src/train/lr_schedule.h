// Learning-rate schedules, evaluated on the host once per optimizer step.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace td {

struct LrSchedule
{
    std::string kind = "constant"; // constant | cosine | onecycle
    double baseLr = 1e-3;
    int64_t warmupSteps = 0;
    int64_t totalSteps = 1;
    double minLrRatio = 0.0;

    // lr for optimizer step `step` (0-based).
    double at(int64_t step) const
    {
        const double pi = 3.14159265358979323846;
        if (kind == "onecycle") {
            // PyTorch OneCycleLR (cos annealing): from lr/25 up to lr over 30 % of the run, then
            // down to lr/(25 * 1e4).
            const double initial = baseLr / 25.0, final = initial / 1e4;
            const double rampEnd = std::max<double>(1.0, 0.3 * double(totalSteps) - 1.0);
            const double s = double(step);
            if (s <= rampEnd) {
                const double t = s / rampEnd;
                return initial + (baseLr - initial) * (1 - std::cos(pi * t)) / 2;
            }
            const double t =
                std::min(1.0, (s - rampEnd) / std::max(1.0, double(totalSteps - 1) - rampEnd));
            return final + (baseLr - final) * (1 + std::cos(pi * t)) / 2;
        }
        if (warmupSteps > 0 && step < warmupSteps)
            return baseLr * double(step + 1) / double(warmupSteps);
        if (kind == "cosine") {
            const double span = double(std::max<int64_t>(1, totalSteps - warmupSteps));
            const double t = std::min(1.0, double(step - warmupSteps) / span);
            const double floor = baseLr * minLrRatio;
            return floor + (baseLr - floor) * (1 + std::cos(pi * t)) / 2;
        }
        return baseLr;
    }
};

} // namespace td
