// The currencies prices in TrainDeck can be given in: catalog files, price overrides, estimates.
#pragma once

#include <QString>
#include <QStringList>

namespace td {

// ISO 4217 codes TrainDeck understands. Kept short on purpose: a code outside this list in a
// catalog file is far more likely a typo ("RMB", "usd") than a real price in that currency.
QStringList knownCurrencies();
bool isKnownCurrency(const QString &code);

// The symbol shown before an amount ("¥" for CNY, "$" for USD, "€" for EUR); the code itself
// followed by a space for anything else, so an amount is never shown without its currency.
QString currencySymbol(const QString &code);

} // namespace td
