// What happens to the gradients between the backward pass and the optimizer step:
// - data parallel: sum them over ranks, one bucket per top-level layer, started from the
//   backward hook as soon as that layer is done so communication overlaps the rest of the pass;
// - fp16: unscale them, check for inf/NaN and let the loss scaler decide whether to step.
// Every rank issues the same buckets in the same order (reverse layer order), both when they
// were started from the hook and when finishStep() starts the rest.
#pragma once

#include "backend/accelerator.h"
#include "dist/communicator.h"
#include "model/model.h"
#include "train/loss_scaler.h"

namespace td {

class GradientSync
{
public:
    Status init(Model<float> &model, Communicator *comm, AcceleratorOps *accel, Precision p)
    {
        m_comm = comm;
        m_accel = accel;
        m_lossScaling = p == Precision::Fp16;
        if (m_lossScaling && !accel)
            return {ErrorKind::Config, "loss scaling needs an accelerator backend"};
        Sequential<float> &net = model.net();
        m_buckets.assign(net.layerCount(), {});
        for (size_t i = 0; i < net.layerCount(); ++i) {
            std::vector<Param<float> *> params;
            net.layer(i).collectParams(params);
            for (Param<float> *q : params)
                m_buckets[i].emplace_back(q->grad.data(), q->grad.size());
        }
        for (Param<float> *q : model.params()) {
            m_all.push_back(q->grad.data());
            m_sizes.push_back(q->grad.size());
        }
        m_started.assign(m_buckets.size(), false);
        if (m_comm)
            net.setBackwardHook([this](size_t i) { return onLayerDone(i); });
        return Status::ok();
    }

    // Factor for the loss gradient of this step (the loss scale; 1 without fp16).
    float lossScale() const { return m_lossScaling ? m_scaler.scale() : 1.0f; }
    bool lossScaling() const { return m_lossScaling; }
    LossScaler &scaler() { return m_scaler; }

    // Lets the next backward pass start the bucket all-reduces itself. Only for the last
    // micro-batch of a step, and only when every rank runs that backward pass.
    void armOverlap() { m_armed = m_comm != nullptr; }

    // Completes the gradient sums and the fp16 check; *apply says whether the optimizer may
    // step (false: an overflow, the step is skipped and the scale lowered).
    Status finishStep(bool *apply)
    {
        m_armed = false;
        if (m_comm) {
            for (size_t i = m_buckets.size(); i-- > 0;)
                if (!m_started[i] && !m_buckets[i].empty())
                    TD_RETURN_IF_ERROR(m_comm->allReduceSum(m_buckets[i]));
            m_started.assign(m_buckets.size(), false);
            TD_RETURN_IF_ERROR(m_comm->finish());
        }
        *apply = true;
        if (m_lossScaling) {
            bool finite = true;
            TD_RETURN_IF_ERROR(m_accel->unscaleAndCheck(
                m_all.data(), m_sizes.data(), int(m_all.size()), 1.0f / m_scaler.scale(), &finite));
            // Every rank unscaled the same summed gradients, so all of them agree here.
            *apply = m_scaler.update(finite);
        }
        return Status::ok();
    }

private:
    Status onLayerDone(size_t i)
    {
        if (!m_armed || m_buckets[i].empty())
            return Status::ok();
        m_started[i] = true;
        return m_comm->allReduceSum(m_buckets[i]);
    }

    Communicator *m_comm = nullptr;
    AcceleratorOps *m_accel = nullptr;
    bool m_lossScaling = false;
    bool m_armed = false;
    LossScaler m_scaler;
    std::vector<std::vector<Communicator::Buffer>> m_buckets;
    std::vector<bool> m_started;
    std::vector<float *> m_all;
    std::vector<size_t> m_sizes;
};

} // namespace td
