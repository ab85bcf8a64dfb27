// What a run will cost: hours × the tier's hourly price (currency kept, price ranges carried
// through), and how many hours an engine job will take on a tier, estimated from the model's
// FLOPs and the GPU's datasheet throughput. Every figure here is an estimate and is labelled so.
#pragma once

#include "core/catalog/CatalogTypes.h"
#include "core/cost/ModelSpec.h"
#include "core/cost/Precision.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

namespace td {

struct CostEstimate
{
    double hours = 0;
    QString currency;
    std::optional<double> expected; // hourly price × hours
    std::optional<double> low;      // from the tier's minimum price
    std::optional<double> high;     // from the tier's maximum price

    bool priceKnown() const { return expected || low || high; }
    bool isFree() const { return expected == 0.0 && !low && !high; }
};

struct TrainingPlan
{
    int epochs = 1;
    qint64 samplesPerEpoch = 60000; // Fashion-MNIST's training set
    Precision precision = Precision::Fp32;
    int gpusUsed = 0; // 0: all of the tier's GPUs
};

// The one tunable assumption of the time estimate. Training reaches only part of a GPU's
// datasheet peak; for large dense models (transformer pre-training reports) the share is
// commonly 0.3-0.5. Small models such as the engine's reach far less, because memory-bound
// element-wise layers, kernel launches and data loading dominate, so with the default the
// estimate is a lower bound on the time. A measured throughput (fromMeasuredThroughput) should
// replace it whenever one exists.
struct ThroughputAssumptions
{
    double efficiency = 0.30;
};

struct TrainingTimeEstimate
{
    bool valid = false;
    double hours = 0;
    double samplesPerSecond = 0;
    double trainingFlopsPerSample = 0; // 0 when the estimate came from a measurement
    double peakTflops = 0;             // all GPUs used together; 0 for a measurement
    bool measured = false;
    QString basis;   // translated: how the figure was obtained, labelled as an estimate
    QString problem; // translated: why no estimate could be made (valid == false)
};

struct JobCostEstimate
{
    TrainingTimeEstimate time;
    CostEstimate cost;
};

class CostEstimator
{
    Q_DECLARE_TR_FUNCTIONS(td::CostEstimator)

public:
    static CostEstimate estimate(const GpuTier &tier, double hours);
    // "¥3.96", "¥3.76 – ¥3.96" style ranges, "up to ¥42.00", "no charge" or "price unknown".
    static QString formatEstimate(const CostEstimate &cost, const QLocale &locale = QLocale());
    // "2 h 05 min", "45 min", "< 1 min".
    static QString formatDuration(double hours);

    // Datasheet peak of the GPUs the plan uses, in the plan's precision; nullopt when the tier
    // has no such figure (no GPU, a non-CUDA accelerator, bf16 on a GPU without it).
    static std::optional<double> peakTflops(const GpuTier &tier, const TrainingPlan &plan);
    static TrainingTimeEstimate estimateTrainingTime(const ModelSpec &model, const GpuTier &tier,
                                                     const TrainingPlan &plan,
                                                     const ThroughputAssumptions &assumptions = {});
    // From samples per second seen in an earlier run (metrics.jsonl "samples_per_s").
    static TrainingTimeEstimate fromMeasuredThroughput(double samplesPerSecond,
                                                       const TrainingPlan &plan);
    static JobCostEstimate estimateJob(const ModelSpec &model, const GpuTier &tier,
                                       const TrainingPlan &plan,
                                       const ThroughputAssumptions &assumptions = {});
};

} // namespace td
