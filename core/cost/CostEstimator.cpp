#include "core/cost/CostEstimator.h"

#include "core/cost/Money.h"

#include <algorithm>
#include <cmath>

namespace td {

namespace {

double totalSamples(const TrainingPlan &plan)
{
    return double(std::max(0, plan.epochs)) * double(std::max<qint64>(0, plan.samplesPerEpoch));
}

} // namespace

CostEstimate CostEstimator::estimate(const GpuTier &tier, double hours)
{
    CostEstimate c;
    c.hours = std::max(0.0, hours);
    c.currency = tier.currency;
    if (tier.hourlyPrice)
        c.expected = *tier.hourlyPrice * c.hours;
    if (tier.priceMin)
        c.low = *tier.priceMin * c.hours;
    if (tier.priceMax)
        c.high = *tier.priceMax * c.hours;
    return c;
}

QString CostEstimator::formatEstimate(const CostEstimate &cost, const QLocale &locale)
{
    if (!cost.priceKnown())
        return tr("price unknown: enter the hourly price");
    if (cost.isFree())
        return tr("no charge");
    const auto money = [&](double v) { return formatMoney(v, cost.currency, locale); };
    if (cost.expected) {
        const double low = cost.low.value_or(*cost.expected);
        const double high = cost.high.value_or(*cost.expected);
        if (low < *cost.expected || high > *cost.expected)
            return tr("%1 (range %2 – %3)").arg(money(*cost.expected), money(low), money(high));
        return money(*cost.expected);
    }
    if (cost.low && cost.high)
        return tr("%1 – %2").arg(money(*cost.low), money(*cost.high));
    if (cost.high)
        return tr("up to %1").arg(money(*cost.high));
    return tr("from %1").arg(money(*cost.low));
}

QString CostEstimator::formatDuration(double hours)
{
    const qint64 minutes = qint64(std::llround(std::max(0.0, hours) * 60.0));
    if (minutes < 1)
        return tr("< 1 min");
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

std::optional<double> CostEstimator::peakTflops(const GpuTier &tier, const TrainingPlan &plan)
{
    if (tier.gpuCount < 1)
        return std::nullopt;
    std::optional<double> perGpu;
    switch (plan.precision) {
    case Precision::Fp32:
        // Plain FP32, not TF32: the engine's CUDA path is not assumed to enable TF32.
        perGpu = tier.fp32Tflops;
        break;
    case Precision::Fp16:
        perGpu = tier.fp16Tflops;
        break;
    case Precision::Bf16:
        perGpu = tier.bf16Tflops;
        break;
    }
    if (!perGpu || *perGpu <= 0)
        return std::nullopt;
    const int gpus = plan.gpusUsed > 0 ? std::min(plan.gpusUsed, tier.gpuCount) : tier.gpuCount;
    // Linear scaling over GPUs: data parallelism on one machine comes close for large batches
    // and falls short for small models; another reason the result is a lower bound on time.
    return *perGpu * gpus;
}

TrainingTimeEstimate CostEstimator::estimateTrainingTime(const ModelSpec &model,
                                                         const GpuTier &tier,
                                                         const TrainingPlan &plan,
                                                         const ThroughputAssumptions &assumptions)
{
    TrainingTimeEstimate e;
    if (!tier.engineSupported) {
        e.problem = tr("The TrainDeck engine cannot run on %1 (not a CUDA device).")
                        .arg(tier.gpuModel.isEmpty() ? tier.name : tier.gpuModel);
        return e;
    }
    if (tier.isCpuOnly()) {
        e.problem = tr("No datasheet throughput for a CPU: run a short job (--max-steps) and use "
                       "its measured samples per second.");
        return e;
    }
    const auto peak = peakTflops(tier, plan);
    if (!peak) {
        e.problem = tr("No datasheet %1 throughput is known for %2.")
                        .arg(precisionName(plan.precision),
                             tier.gpuModel.isEmpty() ? tier.name : tier.gpuModel);
        return e;
    }
    if (assumptions.efficiency <= 0 || assumptions.efficiency > 1) {
        e.problem = tr("The efficiency assumption must lie between 0 and 1.");
        return e;
    }
    const double flopsPerSample = model.trainingFlopsPerSample();
    if (flopsPerSample <= 0) {
        e.problem = tr("The model has no FLOP count.");
        return e;
    }
    e.valid = true;
    e.trainingFlopsPerSample = flopsPerSample;
    e.peakTflops = *peak;
    e.samplesPerSecond = *peak * 1e12 * assumptions.efficiency / flopsPerSample;
    e.hours = totalSamples(plan) / e.samplesPerSecond / 3600.0;
    e.basis = tr("Estimate from datasheet figures: %1 MFLOP per training sample (3 × forward) at "
                 "%2 % of %3 TFLOPS peak %4. Small models usually train slower than this, since "
                 "data loading and kernel launches rather than arithmetic limit them; evaluation "
                 "passes are not included.")
                  .arg(QLocale().toString(flopsPerSample / 1e6, 'f', 2))
                  .arg(QLocale().toString(assumptions.efficiency * 100, 'f', 0))
                  .arg(QLocale().toString(*peak, 'f', 1))
                  .arg(precisionName(plan.precision));
    return e;
}

TrainingTimeEstimate CostEstimator::fromMeasuredThroughput(double samplesPerSecond,
                                                           const TrainingPlan &plan)
{
    TrainingTimeEstimate e;
    if (!(samplesPerSecond > 0) || !std::isfinite(samplesPerSecond)) {
        e.problem = tr("The measured throughput must be a positive number of samples per second.");
        return e;
    }
    e.valid = true;
    e.measured = true;
    e.samplesPerSecond = samplesPerSecond;
    e.hours = totalSamples(plan) / samplesPerSecond / 3600.0;
    e.basis = tr("Estimate from a measured %1 samples per second; evaluation passes are not "
                 "included.")
                  .arg(QLocale().toString(samplesPerSecond, 'f', 0));
    return e;
}

JobCostEstimate CostEstimator::estimateJob(const ModelSpec &model, const GpuTier &tier,
                                           const TrainingPlan &plan,
                                           const ThroughputAssumptions &assumptions)
{
    JobCostEstimate j;
    j.time = estimateTrainingTime(model, tier, plan, assumptions);
    j.cost = estimate(tier, j.time.valid ? j.time.hours : 0.0);
    if (!j.time.valid) {
        // Without a duration there is no cost either, only the rate.
        j.cost.expected.reset();
        j.cost.low.reset();
        j.cost.high.reset();
    }
    return j;
}

} // namespace td
