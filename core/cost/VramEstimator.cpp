#include "core/cost/VramEstimator.h"

#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <utility>

namespace td {

namespace {

constexpr double BytesPerGiB = double(qint64(1) << 30);

QString gib(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 2 : 1);
}

} // namespace

std::optional<Optimizer> optimizerFromString(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("sgd"))
        return Optimizer::Sgd;
    if (n == QLatin1String("momentum") || n == QLatin1String("sgd-momentum"))
        return Optimizer::SgdMomentum;
    if (n == QLatin1String("adam"))
        return Optimizer::Adam;
    if (n == QLatin1String("adamw"))
        return Optimizer::AdamW;
    return std::nullopt;
}

QString optimizerName(Optimizer optimizer)
{
    switch (optimizer) {
    case Optimizer::Sgd:
        return QStringLiteral("sgd");
    case Optimizer::SgdMomentum:
        return QStringLiteral("momentum");
    case Optimizer::Adam:
        return QStringLiteral("adam");
    case Optimizer::AdamW:
        return QStringLiteral("adamw");
    }
    return {};
}

int optimizerStateCopies(Optimizer optimizer)
{
    switch (optimizer) {
    case Optimizer::Sgd:
        return 0;
    case Optimizer::SgdMomentum:
        return 1;
    case Optimizer::Adam:
    case Optimizer::AdamW:
        return 2;
    }
    return 0;
}

VramEstimator::VramEstimator(ModelSpec model, VramOptions options)
    : m_model(std::move(model)), m_options(options)
{
}

VramBreakdown VramEstimator::compute(const ModelSpec &model, const VramOptions &options)
{
    const qint64 params = model.parameterCount();
    const qint64 elem = bytesPerElement(options.precision);
    const qint64 batch = std::max(0, options.batchSize);

    VramBreakdown b;
    // BatchNorm running statistics stay fp32 whatever the compute precision.
    b.weights = params * elem + model.bufferCount() * 4;
    b.masterWeights = isMixedPrecision(options.precision) ? params * 4 : 0;
    b.gradients = params * elem;
    b.optimizerState = qint64(optimizerStateCopies(options.optimizer)) * params * 4;
    b.runtimeAllowance = std::max<qint64>(0, options.runtimeAllowanceBytes);

    const qint64 activationPerSample =
        model.activationElementsPerSample() * elem + model.indexElementsPerSample() * 4;
    const qint64 workspacePerSample = 2 * model.largestActivationPerSample() * elem;
    // Under mixed precision the fp32 input batch exists beside its converted copy (counted with
    // the activations); under fp32 the input is that copy. Labels int32, logits and their
    // gradient fp32.
    const qint64 dataPerSample =
        (isMixedPrecision(options.precision) ? model.inputElementsPerSample() * 4 : 0) + 4 +
        2 * qint64(ModelSpec::Classes) * 4;

    b.activations = activationPerSample * batch;
    b.backwardWorkspace = workspacePerSample * batch;
    b.batchData = dataPerSample * batch;
    b.fixedBytes =
        b.weights + b.masterWeights + b.gradients + b.optimizerState + b.runtimeAllowance;
    b.bytesPerSample = activationPerSample + workspacePerSample + dataPerSample;
    return b;
}

VramBreakdown VramEstimator::breakdown() const
{
    return compute(m_model, m_options);
}

int VramEstimator::largestBatchSize(double vramGiB) const
{
    const VramBreakdown b = breakdown();
    const double usable = vramGiB * BytesPerGiB * (1.0 - TightFraction) - double(b.fixedBytes);
    if (usable <= 0 || b.bytesPerSample <= 0)
        return 0;
    return int(std::min(std::floor(usable / double(b.bytesPerSample)), 1.0e9));
}

VramFit VramEstimator::fits(double vramGiB) const
{
    const VramBreakdown b = breakdown();
    VramFit fit;
    fit.requiredGiB = b.totalGiB();
    fit.availableGiB = vramGiB;
    fit.headroomGiB = vramGiB - fit.requiredGiB;
    fit.largestBatchSize = largestBatchSize(vramGiB);

    if (fit.requiredGiB <= vramGiB * (1.0 - TightFraction)) {
        fit.verdict = VramVerdict::Fits;
        return fit;
    }
    if (fit.requiredGiB <= vramGiB) {
        fit.verdict = VramVerdict::Tight;
        fit.message = tr("Fits, but only just: about %1 GiB of the GPU's %2 GiB. Memory the "
                         "estimate does not see (fragmentation, library workspaces) may still "
                         "run out; a smaller batch size leaves room.")
                          .arg(gib(fit.requiredGiB), gib(vramGiB));
        return fit;
    }

    fit.verdict = VramVerdict::DoesNotFit;
    QStringList advice;
    advice << tr("Needs about %1 GiB of GPU memory, but the GPU has %2 GiB.")
                  .arg(gib(fit.requiredGiB), gib(vramGiB));
    const int batch = m_options.batchSize;
    if (fit.largestBatchSize >= 1) {
        const int steps = int(std::ceil(double(batch) / fit.largestBatchSize));
        advice << tr("Use a batch size of %1 or less; gradient accumulation over %2 steps keeps "
                     "the effective batch size at %3.")
                      .arg(fit.largestBatchSize)
                      .arg(steps)
                      .arg(batch);
    } else {
        advice << tr("The weights, gradients and optimizer state alone need about %1 GiB: "
                     "choose a GPU with more memory.")
                      .arg(gib(double(b.fixedBytes) / BytesPerGiB));
    }
    if (!isMixedPrecision(m_options.precision)) {
        VramOptions mixed = m_options;
        mixed.precision = Precision::Fp16;
        const double mixedGiB = compute(m_model, mixed).totalGiB();
        if (mixedGiB < fit.requiredGiB)
            advice << tr("Mixed precision (fp16, or bf16 on GPUs that support it) would need "
                         "about %1 GiB.")
                          .arg(gib(mixedGiB));
    }
    fit.message = advice.join(QLatin1Char(' '));
    return fit;
}

} // namespace td
