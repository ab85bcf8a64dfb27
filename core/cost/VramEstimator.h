// How much GPU memory training one of the engine's models takes, part by part, and whether it
// fits a GPU. An estimate from the model's shapes, not a measurement: see the assumptions below.
#pragma once

#include "core/cost/ModelSpec.h"
#include "core/cost/Precision.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace td {

enum class Optimizer { Sgd, SgdMomentum, Adam, AdamW };

std::optional<Optimizer> optimizerFromString(const QString &name); // sgd | momentum | adam | adamw
QString optimizerName(Optimizer optimizer);
// fp32 values kept per parameter: none for plain SGD, the velocity for momentum, the first and
// second moments for Adam and AdamW.
int optimizerStateCopies(Optimizer optimizer);

struct VramOptions
{
    // Covers what the model's tensors do not: the CUDA context, cuBLAS/cuDNN handles and their
    // workspaces (cuBLAS recommends 4 MiB per handle, 32 MiB on Hopper), the caching allocator's
    // slack and memory the driver keeps back. The context alone commonly takes several hundred
    // MiB depending on GPU, driver and libraries loaded. 1 GiB is a deliberately generous
    // allowance, not a measured figure; callers with a measurement can pass it instead.
    static constexpr qint64 DefaultRuntimeAllowanceBytes = qint64(1) << 30;

    int batchSize = 128; // per GPU
    Precision precision = Precision::Fp32;
    Optimizer optimizer = Optimizer::Adam;
    qint64 runtimeAllowanceBytes = DefaultRuntimeAllowanceBytes;
};

// Bytes per part. Assumptions: parameters and gradients are held in the compute precision and,
// under fp16/bf16, an fp32 master copy of the weights is kept as well; optimizer state is fp32;
// every layer output (the input included) is kept for the backward pass in the compute
// precision, and the backward pass holds the gradients of two of the largest activations at a
// time; max-pool keeps int32 argmax indices; inputs arrive as fp32 and labels as int32; logits
// and their gradient are fp32.
struct VramBreakdown
{
    qint64 weights = 0;
    qint64 masterWeights = 0;
    qint64 gradients = 0;
    qint64 optimizerState = 0;
    qint64 activations = 0;
    qint64 backwardWorkspace = 0;
    qint64 batchData = 0;
    qint64 runtimeAllowance = 0;

    // The parts that do not depend on the batch size, and what each sample adds.
    qint64 fixedBytes = 0;
    qint64 bytesPerSample = 0;

    qint64 total() const
    {
        return weights + masterWeights + gradients + optimizerState + activations +
               backwardWorkspace + batchData + runtimeAllowance;
    }
    double totalGiB() const { return double(total()) / double(qint64(1) << 30); }
};

enum class VramVerdict {
    Fits,  // with at least TightFraction of the GPU to spare
    Tight, // fits the estimate, but with little margin for what the estimate misses
    DoesNotFit,
};

struct VramFit
{
    VramVerdict verdict = VramVerdict::DoesNotFit;
    double requiredGiB = 0;
    double availableGiB = 0;
    double headroomGiB = 0;   // available - required; negative when it does not fit
    int largestBatchSize = 0; // largest per-GPU batch that leaves the margin; 0: none does
    QString message;          // translated; empty when it fits comfortably
};

class VramEstimator
{
    Q_DECLARE_TR_FUNCTIONS(td::VramEstimator)

public:
    // Share of the GPU's memory kept free before a configuration counts as fitting comfortably:
    // room for what the estimate leaves out (fragmentation, library workspaces larger than the
    // allowance).
    static constexpr double TightFraction = 0.10;

    VramEstimator(ModelSpec model, VramOptions options);

    VramBreakdown breakdown() const;
    // vramGiB is the memory of one GPU: with several GPUs each holds a full replica of the model
    // and its share of the batch.
    VramFit fits(double vramGiB) const;
    int largestBatchSize(double vramGiB) const;

    const ModelSpec &model() const { return m_model; }
    const VramOptions &options() const { return m_options; }

private:
    static VramBreakdown compute(const ModelSpec &model, const VramOptions &options);

    ModelSpec m_model;
    VramOptions m_options;
};

} // namespace td
