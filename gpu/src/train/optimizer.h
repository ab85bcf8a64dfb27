// AdamW and SGD (momentum, optional Nesterov) over a model's parameters. State lives in the
// backend's memory next to the parameters and is named for checkpoints.
#pragma once

#include "layers/layer.h"

#include <cmath>

namespace td {

struct OptimizerSettings
{
    std::string kind = "adamw"; // adamw | sgd
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double momentum = 0.9;
    bool nesterov = true;
    double weightDecay = 0;
};

template <typename T> class Optimizer
{
public:
    Status init(Ops<T> &ops, const std::vector<Param<T> *> &params, const OptimizerSettings &s)
    {
        m_ops = &ops;
        m_params = params;
        m_settings = s;
        m_slots.clear();
        const int slotsPerParam = s.kind == "sgd" ? 1 : 2;
        for (Param<T> *p : params) {
            for (int k = 0; k < slotsPerParam; ++k) {
                StateBuffer<T> slot;
                slot.name =
                    p->name + (s.kind == "sgd" ? ".momentum" : (k == 0 ? ".adam_m" : ".adam_v"));
                slot.value.setMemory(&ops);
                TD_RETURN_IF_ERROR(slot.value.resize(p->value.size()));
                TD_RETURN_IF_ERROR(ops.fill(slot.value.data(), p->value.size(), T(0)));
                m_slots.push_back(std::move(slot));
            }
        }
        m_stepCount = 0;
        return Status::ok();
    }

    Status step(double lr)
    {
        ++m_stepCount;
        const bool sgd = m_settings.kind == "sgd";
        for (size_t i = 0; i < m_params.size(); ++i) {
            Param<T> *p = m_params[i];
            const float wd = p->weightDecay ? float(m_settings.weightDecay) : 0.0f;
            if (sgd) {
                const SgdHyper h{float(lr), float(m_settings.momentum), wd, m_settings.nesterov};
                TD_RETURN_IF_ERROR(m_ops->sgdUpdate(p->value.data(), p->grad.data(),
                                                    m_slots[i].value.data(), p->value.size(), h));
            } else {
                const AdamHyper h{float(lr),
                                  float(m_settings.beta1),
                                  float(m_settings.beta2),
                                  float(m_settings.eps),
                                  wd,
                                  float(1 - std::pow(m_settings.beta1, double(m_stepCount))),
                                  float(1 - std::pow(m_settings.beta2, double(m_stepCount)))};
                TD_RETURN_IF_ERROR(
                    m_ops->adamwUpdate(p->value.data(), p->grad.data(), m_slots[2 * i].value.data(),
                                       m_slots[2 * i + 1].value.data(), p->value.size(), h));
            }
        }
        return Status::ok();
    }

    std::vector<StateBuffer<T>> &slots() { return m_slots; }
    int64_t stepCount() const { return m_stepCount; }
    void setStepCount(int64_t n) { m_stepCount = n; }

private:
    Ops<T> *m_ops = nullptr;
    std::vector<Param<T> *> m_params;
    OptimizerSettings m_settings;
    std::vector<StateBuffer<T>> m_slots;
    int64_t m_stepCount = 0;
};

} // namespace td
