// The GPU catalog: providers, their GPU tiers and prices. Built in as the Qt resource :/catalog
// (from resources/catalog), or read from a directory with the same layout (tests, or a user who
// wants to edit prices). Validation is strict: a provider file with any error is skipped as a
// whole and every problem is reported with its file and field; other providers still load.
#pragma once

#include "core/catalog/CatalogTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace td {

class Catalog
{
    Q_DECLARE_TR_FUNCTIONS(td::Catalog)

public:
    static constexpr int SchemaVersion = 1;
    static constexpr auto LocalProviderId = "local";
    static constexpr auto LocalCpuTierId = "local-cpu";

    // The compiled-in catalog (":/catalog"). warnings receives one line per problem, which in a
    // released build means a packaging bug.
    static Catalog loadBuiltIn(QStringList *warnings = nullptr);
    // Reads <dir>/catalog.json, the GPU model file it names and every provider file it lists.
    static Catalog loadFromDirectory(const QString &dir, QStringList *errors = nullptr);
    static QString builtInDirectory();

    QList<Provider> providers() const { return m_providers; }
    // Pointers stay valid until the catalog is modified (addDetectedTier).
    const Provider *provider(const QString &id) const;
    const GpuTier *tier(const QString &providerId, const QString &tierId) const;

    QList<GpuModel> gpuModels() const { return m_gpuModels; }
    const GpuModel *gpuModel(const QString &id) const;
    // Matches a device name as nvidia-smi prints it ("NVIDIA GeForce RTX 4090"); nullptr when
    // the model is not in the catalog.
    const GpuModel *findGpuModelByDeviceName(const QString &deviceName) const;

    // Everything that went wrong while loading, and the files skipped because of it.
    QList<CatalogIssue> issues() const { return m_issues; }
    QStringList skippedFiles() const { return m_skippedFiles; }

    // Replaces catalog prices with the user's own. Overrides naming an unknown provider or tier,
    // a negative or non-finite price or an unknown currency are skipped with a warning. Returns
    // how many were applied.
    int applyPriceOverrides(const QList<TierPriceOverride> &overrides,
                            QStringList *warnings = nullptr);

    // Builds a tier for a GPU found on a machine (nvidia-smi): datasheet figures come from the
    // catalog's matching model when there is one; otherwise they stay unknown. The price is
    // unknown too: the caller sets it (addLocalGpu uses zero).
    GpuTier detectedGpuTier(const QString &providerId, const QString &deviceName, int gpuCount,
                            double vramGiB, const QString &computeCapability) const;
    // Adds a tier found at run time to a provider. Fails (with a translated reason) when the
    // provider is unknown, the id is taken or the tier is malformed.
    bool addDetectedTier(const QString &providerId, GpuTier tier, QString *error = nullptr);
    // The Local provider's CUDA GPUs on this computer, at no charge.
    bool addLocalGpu(const QString &deviceName, int gpuCount, double vramGiB,
                     const QString &computeCapability, QString *error = nullptr);

private:
    friend class CatalogLoader;

    QList<GpuModel> m_gpuModels;
    QList<Provider> m_providers;
    QList<CatalogIssue> m_issues;
    QStringList m_skippedFiles;
};

} // namespace td
