#include "core/cost/Precision.h"

namespace td {

std::optional<Precision> precisionFromString(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("fp32"))
        return Precision::Fp32;
    if (n == QLatin1String("fp16"))
        return Precision::Fp16;
    if (n == QLatin1String("bf16"))
        return Precision::Bf16;
    return std::nullopt;
}

QString precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Fp32:
        return QStringLiteral("fp32");
    case Precision::Fp16:
        return QStringLiteral("fp16");
    case Precision::Bf16:
        return QStringLiteral("bf16");
    }
    return {};
}

int bytesPerElement(Precision precision)
{
    return precision == Precision::Fp32 ? 4 : 2;
}

} // namespace td
