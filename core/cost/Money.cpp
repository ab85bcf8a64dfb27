#include "core/cost/Money.h"

#include "core/catalog/Currency.h"

#include <QCoreApplication>

namespace td {

QString formatMoney(double amount, const QString &currency, const QLocale &locale)
{
    const QString symbol = currency.isEmpty() ? QString() : currencySymbol(currency);
    if (amount > 0 && amount < 0.005)
        return QLatin1Char('<') + symbol + locale.toString(0.01, 'f', 2);
    if (amount < 0)
        return QLatin1Char('-') + symbol + locale.toString(-amount, 'f', 2);
    return symbol + locale.toString(amount, 'f', 2);
}

QString formatHourlyRate(double perHour, const QString &currency, const QLocale &locale)
{
    // Hourly rates keep up to three decimals: AWS lists 0.526 USD/h and rounding it to 0.53
    // would misstate the price on the provider's page.
    const QString symbol = currency.isEmpty() ? QString() : currencySymbol(currency);
    QString number = locale.toString(perHour, 'f', 3);
    const QChar decimal = locale.decimalPoint().front();
    // Drop a third decimal that is zero ("1.980" -> "1.98") but keep at least two.
    if (number.endsWith(QLatin1Char('0')) && number.indexOf(decimal) == number.size() - 4)
        number.chop(1);
    return QCoreApplication::translate("td::CostEstimator", "%1/h").arg(symbol + number);
}

} // namespace td
