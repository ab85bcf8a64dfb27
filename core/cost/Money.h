// Amounts of money as the UI shows them: currency symbol first, two decimals, the locale's digit
// grouping ("¥1,234.50", "$0.53").
#pragma once

#include <QLocale>
#include <QString>

namespace td {

// A positive amount below one cent shows as "<¥0.01" rather than a misleading "¥0.00". An empty
// currency (a free tier) shows the bare number.
QString formatMoney(double amount, const QString &currency, const QLocale &locale = QLocale());
// "¥1.98/h".
QString formatHourlyRate(double perHour, const QString &currency,
                         const QLocale &locale = QLocale());

} // namespace td
