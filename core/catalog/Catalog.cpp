#include "core/catalog/Catalog.h"

#include "core/catalog/CatalogLoader.h"
#include "core/catalog/Currency.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace td {

namespace {

GpuTier *findTier(QList<Provider> &providers, const QString &providerId, const QString &tierId)
{
    for (Provider &p : providers) {
        if (p.id != providerId)
            continue;
        for (GpuTier &t : p.tiers) {
            if (t.id == tierId)
                return &t;
        }
    }
    return nullptr;
}

// "NVIDIA GeForce RTX 4090" -> "nvidia-geforce-rtx-4090": a tier id that is stable for a device.
QString slug(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString s = text.toLower();
    s.replace(nonWord, QStringLiteral("-"));
    while (s.startsWith(QLatin1Char('-')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('-')))
        s.chop(1);
    return s.isEmpty() ? QStringLiteral("gpu") : s;
}

} // namespace

QString Catalog::builtInDirectory()
{
    return QStringLiteral(":/catalog");
}

Catalog Catalog::loadBuiltIn(QStringList *warnings)
{
    return loadFromDirectory(builtInDirectory(), warnings);
}

Catalog Catalog::loadFromDirectory(const QString &dir, QStringList *errors)
{
    CatalogLoader loader(dir);
    Catalog catalog = loader.load();
    if (errors) {
        for (const CatalogIssue &issue : std::as_const(catalog.m_issues))
            errors->append(issue.toString());
        for (const QString &file : std::as_const(catalog.m_skippedFiles))
            errors->append(tr("%1 was skipped because of the errors above; the rest of the "
                              "catalog was loaded.")
                               .arg(file));
    }
    return catalog;
}

const Provider *Catalog::provider(const QString &id) const
{
    for (const Provider &p : m_providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const GpuTier *Catalog::tier(const QString &providerId, const QString &tierId) const
{
    const Provider *p = provider(providerId);
    return p ? p->tier(tierId) : nullptr;
}

const GpuModel *Catalog::gpuModel(const QString &id) const
{
    for (const GpuModel &m : m_gpuModels) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

const GpuModel *Catalog::findGpuModelByDeviceName(const QString &deviceName) const
{
    const QString wanted = deviceName.trimmed();
    if (wanted.isEmpty())
        return nullptr;
    for (const GpuModel &m : m_gpuModels) {
        if (m.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &m;
        for (const QString &alias : m.matchNames) {
            if (alias.compare(wanted, Qt::CaseInsensitive) == 0)
                return &m;
        }
    }
    return nullptr;
}

int Catalog::applyPriceOverrides(const QList<TierPriceOverride> &overrides, QStringList *warnings)
{
    int applied = 0;
    const auto warn = [warnings](const QString &text) {
        if (warnings)
            warnings->append(text);
    };
    for (const TierPriceOverride &o : overrides) {
        GpuTier *t = findTier(m_providers, o.providerId, o.tierId);
        if (!t) {
            // The catalog of a newer or older release may no longer have this tier.
            warn(tr("Your price for %1 / %2 was not applied: the catalog has no such tier.")
                     .arg(o.providerId, o.tierId));
            continue;
        }
        if (!std::isfinite(o.price) || o.price < 0) {
            warn(tr("Your price for %1 / %2 was not applied: %3 is not a valid price.")
                     .arg(o.providerId, o.tierId, QString::number(o.price)));
            continue;
        }
        if (!isKnownCurrency(o.currency)) {
            warn(tr("Your price for %1 / %2 was not applied: unknown currency \"%3\".")
                     .arg(o.providerId, o.tierId, o.currency));
            continue;
        }
        t->hourlyPrice = o.price;
        // The catalog's spread described the catalog's figure, not the user's.
        t->priceMin.reset();
        t->priceMax.reset();
        t->currency = o.currency;
        t->priceSource = tr("Your price");
        t->priceDate = o.updatedAt.isValid() ? o.updatedAt.date() : QDate::currentDate();
        t->priceNote.clear();
        t->priceOverridden = true;
        ++applied;
    }
    return applied;
}

GpuTier Catalog::detectedGpuTier(const QString &providerId, const QString &deviceName, int gpuCount,
                                 double vramGiB, const QString &computeCapability) const
{
    GpuTier t;
    t.providerId = providerId;
    t.detected = true;
    t.gpuCount = gpuCount;
    t.id = QStringLiteral("detected-") + slug(deviceName);
    if (gpuCount > 1)
        t.id += QStringLiteral("-x") + QString::number(gpuCount);
    t.name =
        gpuCount > 1 ? tr("%1× %2").arg(gpuCount).arg(deviceName.trimmed()) : deviceName.trimmed();
    t.gpuModel = deviceName.trimmed();
    t.vramGiB = vramGiB;
    t.computeCapability = computeCapability;
    // nvidia-smi lists CUDA devices only, so a detected device can run the engine.
    t.engineSupported = true;
    if (const GpuModel *m = findGpuModelByDeviceName(deviceName)) {
        t.gpuId = m->id;
        t.gpuModel = m->name;
        t.fp32Tflops = m->fp32Tflops;
        t.fp16Tflops = m->fp16Tflops;
        t.bf16Tflops = m->bf16Tflops;
        if (t.vramGiB <= 0)
            t.vramGiB = m->vramGiB;
        if (t.computeCapability.isEmpty())
            t.computeCapability = m->computeCapability;
    }
    return t;
}

bool Catalog::addDetectedTier(const QString &providerId, GpuTier tier, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    Provider *target = nullptr;
    for (Provider &p : m_providers) {
        if (p.id == providerId)
            target = &p;
    }
    if (!target)
        return fail(tr("Unknown provider \"%1\".").arg(providerId));
    if (tier.id.isEmpty())
        return fail(tr("A detected tier needs an id."));
    if (target->tier(tier.id))
        return fail(tr("Provider %1 already has a tier \"%2\".").arg(providerId, tier.id));
    if (tier.gpuCount < 0 || tier.vramGiB < 0)
        return fail(tr("The detected GPU count and memory size cannot be negative."));
    for (const auto &price : {tier.hourlyPrice, tier.priceMin, tier.priceMax}) {
        if (price && (!std::isfinite(*price) || *price < 0))
            return fail(tr("The price of a detected tier cannot be negative."));
    }
    const bool freeOfCharge = tier.hourlyPrice == 0.0 && !tier.priceMin && !tier.priceMax;
    if (tier.hasAnyPrice() && !freeOfCharge && !isKnownCurrency(tier.currency))
        return fail(tr("Unknown currency \"%1\".").arg(tier.currency));
    tier.providerId = providerId;
    tier.detected = true;
    target->tiers.append(tier);
    return true;
}

bool Catalog::addLocalGpu(const QString &deviceName, int gpuCount, double vramGiB,
                          const QString &computeCapability, QString *error)
{
    const QString local = QString::fromLatin1(LocalProviderId);
    GpuTier t = detectedGpuTier(local, deviceName, gpuCount, vramGiB, computeCapability);
    t.hourlyPrice = 0.0;
    t.priceSource = tr("No rental charge: this computer");
    t.priceDate = QDate::currentDate();
    return addDetectedTier(local, t, error);
}

} // namespace td
