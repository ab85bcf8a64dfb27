#include "core/catalog/CatalogTypes.h"

#include <QCoreApplication>

namespace td {

namespace {

bool isChinese(const QLocale &locale)
{
    return locale.language() == QLocale::Chinese;
}

} // namespace

QString GpuTier::displayName(const QLocale &locale) const
{
    return isChinese(locale) && !nameZh.isEmpty() ? nameZh : name;
}

QString Provider::displayName(const QLocale &locale) const
{
    return isChinese(locale) && !nameZh.isEmpty() ? nameZh : name;
}

QString Provider::displayNotes(const QLocale &locale) const
{
    return isChinese(locale) && !notesZh.isEmpty() ? notesZh : notes;
}

const GpuTier *Provider::tier(const QString &tierId) const
{
    for (const GpuTier &t : tiers) {
        if (t.id == tierId)
            return &t;
    }
    return nullptr;
}

QString CatalogIssue::toString() const
{
    if (field.isEmpty())
        return QCoreApplication::translate("td::Catalog", "%1: %2").arg(file, message);
    return QCoreApplication::translate("td::Catalog", "%1, field %2: %3").arg(file, field, message);
}

} // namespace td
