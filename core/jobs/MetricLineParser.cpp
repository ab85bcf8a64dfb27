#include "core/jobs/MetricLineParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace td {

namespace {
// Fields that have their own columns rather than a row in `metrics`.
bool isStructuralField(const QString &key)
{
    return key == QLatin1String("v") || key == QLatin1String("step") ||
           key == QLatin1String("epoch") || key == QLatin1String("time");
}
} // namespace

ParsedMetricLine parseMetricLine(const QByteArray &line, qint64 seq)
{
    ParsedMetricLine out;
    out.row.seq = seq;
    QByteArray trimmed = line;
    if (trimmed.endsWith('\r'))
        trimmed.chop(1);
    out.row.text = QString::fromUtf8(trimmed);

    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &err);
    if (err.error != QJsonParseError::NoError) {
        out.error = err.errorString();
        return out;
    }
    if (!doc.isObject()) {
        out.error = QStringLiteral("not a JSON object");
        return out;
    }
    const QJsonObject obj = doc.object();
    const QJsonValue event = obj.value(QLatin1String("event"));
    if (!event.isString() || event.toString().isEmpty()) {
        out.error = QStringLiteral("no \"event\" field");
        return out;
    }
    const QJsonValue version = obj.value(QLatin1String("v"));
    if (!version.isUndefined() && (!version.isDouble() || version.toInt() != 1)) {
        out.error = QStringLiteral("unsupported metrics version");
        return out;
    }

    out.ok = true;
    MetricRow &row = out.row;
    row.event = event.toString();
    row.split = obj.value(QLatin1String("split")).toString();
    if (const QJsonValue v = obj.value(QLatin1String("step")); v.isDouble())
        row.step = static_cast<qint64>(v.toDouble());
    if (const QJsonValue v = obj.value(QLatin1String("epoch")); v.isDouble())
        row.epoch = v.toInt();
    if (const QJsonValue v = obj.value(QLatin1String("time")); v.isDouble())
        row.time = v.toDouble();
    for (auto it = obj.constBegin(); it != obj.constEnd(); ++it) {
        if (isStructuralField(it.key()) || !it.value().isDouble())
            continue;
        row.values.append(MetricValue{it.key(), it.value().toDouble()});
    }
    return out;
}

std::optional<double> metricValue(const MetricRow &row, const QString &name)
{
    for (const MetricValue &v : row.values) {
        if (v.name == name)
            return v.value;
    }
    return std::nullopt;
}

} // namespace td
