#include "core/catalog/Currency.h"

namespace td {

QStringList knownCurrencies()
{
    return {QStringLiteral("CNY"), QStringLiteral("USD"), QStringLiteral("EUR")};
}

bool isKnownCurrency(const QString &code)
{
    return knownCurrencies().contains(code);
}

QString currencySymbol(const QString &code)
{
    if (code == QLatin1String("CNY"))
        return QStringLiteral("¥");
    if (code == QLatin1String("USD"))
        return QStringLiteral("$");
    if (code == QLatin1String("EUR"))
        return QStringLiteral("€");
    return code + QLatin1Char(' ');
}

} // namespace td
