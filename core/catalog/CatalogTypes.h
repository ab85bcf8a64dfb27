// Plain data of the GPU catalog: GPU models, the tiers providers rent them in, and providers.
// Loaded and validated by td::Catalog from resources/catalog/*.json (schema in its README.md).
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>

namespace td {

// One accelerator model with datasheet figures. Throughput figures are per GPU and dense (no
// structured sparsity): fp16/bf16 are Tensor Core rates with FP32 accumulate, the mode
// mixed-precision training uses; a missing figure is std::nullopt, never a guess.
struct GpuModel
{
    QString id;
    QString name;
    QString vendor;
    double vramGiB = 0;
    QString computeCapability; // "8.9"; empty for accelerators that are not CUDA devices
    std::optional<double> fp32Tflops;
    std::optional<double> fp16Tflops;
    std::optional<double> bf16Tflops;
    bool engineSupported = false; // traindeck-engine can run on it (CUDA)
    QString specSource;
    QStringList matchNames; // device names as nvidia-smi reports them
};

// A rentable configuration: one provider's machine with gpuCount GPUs of one model (or none, for
// a CPU-only machine). Prices are per instance-hour, for all of its GPUs together.
struct GpuTier
{
    QString id;
    QString providerId;
    QString name;
    QString nameZh;   // empty when the English name serves both languages
    QString gpuId;    // GpuModel::id; empty for a CPU-only tier
    QString gpuModel; // GpuModel::name, for display
    int gpuCount = 0;
    double vramGiB = 0; // per GPU
    QString computeCapability;
    std::optional<double> fp32Tflops; // per GPU
    std::optional<double> fp16Tflops;
    std::optional<double> bf16Tflops;
    bool engineSupported = false;

    // hourlyPrice is the default a new customer pays; priceMin/priceMax the documented spread
    // (member prices, "from"/"up to" figures). All nullopt: no public price, the UI asks.
    std::optional<double> hourlyPrice;
    std::optional<double> priceMin;
    std::optional<double> priceMax;
    QString currency;    // ISO 4217; empty only for a zero price
    QString priceSource; // URL or article
    QDate priceDate;     // when the figure was observed in its source
    QString priceNote;
    bool priceOverridden = false; // the user's own price replaced the catalog figure
    bool detected = false;        // added at run time from a detected device, not from a file

    QStringList regions;

    bool isCpuOnly() const { return gpuCount == 0; }
    bool hasAnyPrice() const { return hourlyPrice || priceMin || priceMax; }
    double totalVramGiB() const { return vramGiB * gpuCount; }
    // nameZh under a Chinese UI locale when there is one, else name.
    QString displayName(const QLocale &locale = QLocale()) const;
};

struct Provider
{
    QString id;
    QString name;
    QString nameZh;
    QString website;
    bool apiSupported = false; // TrainDeck drives its cloud API; false: the user connects by SSH
    QString notes;             // billing and connection notes
    QString notesZh;
    QStringList regions;
    QList<GpuTier> tiers;
    QString sourceFile; // catalog file name it came from

    // The Chinese texts when the UI language (the default QLocale, set by installTranslators)
    // is Chinese, the English ones otherwise.
    QString displayName(const QLocale &locale = QLocale()) const;
    QString displayNotes(const QLocale &locale = QLocale()) const;
    const GpuTier *tier(const QString &tierId) const;
};

// A price the user entered for a tier. Mirrors the store's PriceOverride without depending on
// the store.
struct TierPriceOverride
{
    QString providerId;
    QString tierId;
    double price = 0;
    QString currency;
    QDateTime updatedAt;
};

// One problem found while loading the catalog: the file, the field path inside it
// ("tiers[2].price.hourly", empty for the whole file) and a translated message.
struct CatalogIssue
{
    QString file;
    QString field;
    QString message;

    QString toString() const;
};

} // namespace td
