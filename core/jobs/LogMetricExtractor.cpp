#include "core/jobs/LogMetricExtractor.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace td {

namespace {

const QString kNumber = QStringLiteral("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|nan|inf)");

double toNumber(const QString &text)
{
    if (text.compare(QLatin1String("nan"), Qt::CaseInsensitive) == 0)
        return std::nan("");
    if (text.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0)
        return INFINITY;
    return text.toDouble();
}

// Names trainers use for the same quantity, mapped to the metrics contract's names.
QString canonical(QString key, QString *split)
{
    key = key.toLower();
    split->clear();
    for (const char *prefix :
         {"val_", "val/", "valid_", "validation_", "eval_", "eval/", "test_", "test/"}) {
        if (key.startsWith(QLatin1String(prefix))) {
            *split = key.startsWith(QLatin1String("test")) ? QStringLiteral("test")
                                                           : QStringLiteral("val");
            key = key.mid(int(qstrlen(prefix)));
            break;
        }
    }
    if (key == QLatin1String("train_loss") || key == QLatin1String("train/loss"))
        key = QStringLiteral("loss");
    if (key == QLatin1String("acc") || key == QLatin1String("train_acc") ||
        key == QLatin1String("train_accuracy") || key == QLatin1String("top1"))
        key = QStringLiteral("accuracy");
    if (key == QLatin1String("learning_rate"))
        key = QStringLiteral("lr");
    return key;
}

bool isWanted(const QString &key)
{
    return key == QLatin1String("loss") || key == QLatin1String("accuracy") ||
           key == QLatin1String("lr");
}

// Accuracy printed as a percentage becomes a fraction, as in the engine's lines.
double normalised(const QString &key, double v)
{
    return key == QLatin1String("accuracy") && v > 1.0 && v <= 100.0 ? v / 100.0 : v;
}

} // namespace

QStringList LogMetricExtractor::presetNames()
{
    return {QStringLiteral("auto"),      QStringLiteral("json"), QStringLiteral("pytorch"),
            QStringLiteral("lightning"), QStringLiteral("hf"),   QStringLiteral("regex")};
}

std::optional<LogMetricExtractor::Preset> LogMetricExtractor::presetFromName(const QString &name)
{
    const int i = int(presetNames().indexOf(name.toLower()));
    if (i < 0)
        return std::nullopt;
    return Preset(i);
}

LogMetricExtractor::LogMetricExtractor(Preset preset, const QString &regex) : m_preset(preset)
{
    if (preset != Preset::Regex)
        return;
    m_regex = QRegularExpression(regex);
    if (regex.isEmpty() || !m_regex.isValid()) {
        m_error = tr("The metric expression is not a valid regular expression: %1")
                      .arg(regex.isEmpty() ? tr("it is empty") : m_regex.errorString());
        return;
    }
    const QStringList groups = m_regex.namedCaptureGroups();
    bool any = false;
    for (const QString &g : groups) {
        QString split;
        any = any || isWanted(canonical(g, &split));
    }
    if (!any)
        m_error = tr("The metric expression needs a named group such as (?<loss>…), (?<accuracy>…) "
                     "or (?<val_loss>…).");
}

MetricRow LogMetricExtractor::makeRow(const QString &event, const QString &split,
                                      std::optional<qint64> step, std::optional<double> epoch,
                                      const QList<MetricValue> &values)
{
    MetricRow row;
    row.event = event;
    row.split = split;
    if (step)
        m_step = std::max(m_step, *step);
    else if (event == QLatin1String("step"))
        ++m_step;
    row.step = step ? *step : m_step;
    QJsonObject o{{QStringLiteral("v"), 1},
                  {QStringLiteral("event"), event},
                  {QStringLiteral("step"), *row.step}};
    if (epoch) {
        row.epoch = int(std::floor(*epoch));
        o[QLatin1String("epoch")] = *row.epoch;
    }
    if (!split.isEmpty())
        o[QLatin1String("split")] = split;
    for (const MetricValue &v : values) {
        row.values.append(v);
        o[v.name] = std::isfinite(v.value) ? QJsonValue(v.value) : QJsonValue(); // JSON has no NaN
    }
    o[QLatin1String("source")] = QStringLiteral("log");
    row.text = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return row;
}

std::optional<MetricRow> LogMetricExtractor::extract(const QString &line)
{
    switch (m_preset) {
    case Preset::JsonLines:
        return fromJson(line);
    case Preset::PyTorch:
        return fromPyTorch(line);
    case Preset::Lightning:
        return fromLightning(line);
    case Preset::HuggingFace:
        return fromHuggingFace(line);
    case Preset::Regex:
        return isValid() ? fromRegex(line) : std::nullopt;
    case Preset::Auto:
        break;
    }
    if (auto r = fromJson(line))
        return r;
    if (auto r = fromHuggingFace(line))
        return r;
    if (auto r = fromLightning(line))
        return r;
    return fromPyTorch(line);
}

std::optional<MetricRow> LogMetricExtractor::fromJson(const QString &line)
{
    const QString t = line.trimmed();
    if (!t.startsWith(QLatin1Char('{')))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    QList<MetricValue> values;
    QString split = o.value(QLatin1String("split")).toString();
    for (auto it = o.begin(); it != o.end(); ++it) {
        QString s;
        const QString key = canonical(it.key(), &s);
        if (!it.value().isDouble() || !isWanted(key))
            continue;
        if (!s.isEmpty())
            split = s;
        values.append(MetricValue{key, normalised(key, it.value().toDouble())});
    }
    if (values.isEmpty())
        return std::nullopt;
    const QString event =
        o.value(QLatin1String("event"))
            .toString(split.isEmpty() ? QStringLiteral("step") : QStringLiteral("eval"));
    std::optional<qint64> step;
    if (o.value(QLatin1String("step")).isDouble())
        step = qint64(o.value(QLatin1String("step")).toDouble());
    std::optional<double> epoch;
    if (o.value(QLatin1String("epoch")).isDouble())
        epoch = o.value(QLatin1String("epoch")).toDouble();
    return makeRow(event, split, step, epoch, values);
}

std::optional<MetricRow> LogMetricExtractor::fromHuggingFace(const QString &line)
{
    // Trainer logs Python dict reprs: {'loss': 0.6931, 'learning_rate': 4.9e-05, 'epoch': 0.01}
    static const QRegularExpression dict(QStringLiteral("\\{('[^{}]*)\\}"));
    const QRegularExpressionMatch m = dict.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    static const QRegularExpression pair(QStringLiteral("'([A-Za-z_/0-9]+)':\\s*") + kNumber);
    QList<MetricValue> values;
    QString split;
    std::optional<double> epoch;
    std::optional<qint64> step;
    for (auto it = pair.globalMatch(m.captured(1)); it.hasNext();) {
        const QRegularExpressionMatch p = it.next();
        QString s;
        const QString key = canonical(p.captured(1), &s);
        const double v = toNumber(p.captured(2));
        if (key == QLatin1String("epoch"))
            epoch = v;
        else if (key == QLatin1String("step") || key == QLatin1String("global_step"))
            step = qint64(v);
        else if (isWanted(key)) {
            if (!s.isEmpty())
                split = s;
            values.append(MetricValue{key, normalised(key, v)});
        }
    }
    if (values.isEmpty())
        return std::nullopt;
    return makeRow(split.isEmpty() ? QStringLiteral("step") : QStringLiteral("eval"), split, step,
                   epoch, values);
}

std::optional<MetricRow> LogMetricExtractor::fromLightning(const QString &line)
{
    // "Epoch 3:  45%|████▌     | 450/1000 [00:10<00:12, 45.00it/s, loss=0.234, v_num=0,
    // val_acc=0.91]"
    static const QRegularExpression bar(QStringLiteral(
        "Epoch (\\d+):.*?\\|\\s*(\\d+)/(\\d+)\\s*\\[[^\\]]*?((?:,\\s*[A-Za-z_/]+=[^,\\]]+)+)\\]"));
    // tqdm redraws with carriage returns: the last frame on the line is the current one.
    const QString last = line.section(QLatin1Char('\r'), -1);
    const QRegularExpressionMatch m = bar.match(last.isEmpty() ? line : last);
    if (!m.hasMatch())
        return std::nullopt;
    static const QRegularExpression pair(QStringLiteral("([A-Za-z_/]+)=") + kNumber);
    QList<MetricValue> train, eval;
    for (auto it = pair.globalMatch(m.captured(4)); it.hasNext();) {
        const QRegularExpressionMatch p = it.next();
        QString s;
        const QString key = canonical(p.captured(1), &s);
        if (!isWanted(key))
            continue;
        (s.isEmpty() ? train : eval)
            .append(MetricValue{key, normalised(key, toNumber(p.captured(2)))});
    }
    const double epoch = m.captured(1).toDouble();
    const qint64 batchesPerEpoch = m.captured(3).toLongLong();
    const qint64 step = qint64(epoch) * batchesPerEpoch + m.captured(2).toLongLong();
    if (!train.isEmpty())
        return makeRow(QStringLiteral("step"), QString(), step, epoch, train);
    if (!eval.isEmpty())
        return makeRow(QStringLiteral("eval"), QStringLiteral("val"), step, epoch, eval);
    return std::nullopt;
}

std::optional<MetricRow> LogMetricExtractor::fromPyTorch(const QString &line)
{
    // Free-form prints: "Epoch [1/10], Step [100/600], Loss: 0.1234", "epoch 3 | val loss 0.31
    // | val acc 91.2%", "Train Epoch: 1 [640/60000 (1%)]\tLoss: 2.2839".
    static const QRegularExpression lossRe(
        QStringLiteral("(?i)\\b((?:train(?:ing)?|val(?:idation)?|valid|test|eval)[ "
                       "_]?)?loss\\b\\s*[:=]?\\s*") +
        kNumber);
    static const QRegularExpression accRe(
        QStringLiteral("(?i)\\b((?:train(?:ing)?|val(?:idation)?|valid|test|eval)[ "
                       "_]?)?acc(?:uracy)?\\b\\s*[:=]?\\s*") +
        kNumber + QStringLiteral("\\s*(%)?"));
    static const QRegularExpression epochRe(
        QStringLiteral("(?i)\\bepoch\\b\\s*[:=\\[]?\\s*(\\d+)"));
    static const QRegularExpression stepRe(
        QStringLiteral("(?i)\\b(?:step|iter(?:ation)?|batch)\\b\\s*[:=\\[]?\\s*(\\d+)"));
    const QRegularExpressionMatch loss = lossRe.match(line);
    const QRegularExpressionMatch acc = accRe.match(line);
    if (!loss.hasMatch() && !acc.hasMatch())
        return std::nullopt;
    auto splitOf = [](const QString &prefix) {
        const QString p = prefix.toLower();
        if (p.startsWith(QLatin1String("val")) || p.startsWith(QLatin1String("valid")) ||
            p.startsWith(QLatin1String("eval")))
            return QStringLiteral("val");
        if (p.startsWith(QLatin1String("test")))
            return QStringLiteral("test");
        return QString();
    };
    QString split = loss.hasMatch() ? splitOf(loss.captured(1)) : splitOf(acc.captured(1));
    QList<MetricValue> values;
    if (loss.hasMatch())
        values.append(MetricValue{QStringLiteral("loss"), toNumber(loss.captured(2))});
    if (acc.hasMatch()) {
        if (split.isEmpty())
            split = splitOf(acc.captured(1));
        const double v = toNumber(acc.captured(2));
        values.append(MetricValue{
            QStringLiteral("accuracy"),
            acc.captured(3).isEmpty() ? normalised(QStringLiteral("accuracy"), v) : v / 100.0});
    }
    std::optional<double> epoch;
    if (const QRegularExpressionMatch e = epochRe.match(line); e.hasMatch())
        epoch = e.captured(1).toDouble();
    std::optional<qint64> step;
    if (const QRegularExpressionMatch s = stepRe.match(line); s.hasMatch())
        step = s.captured(1).toLongLong();
    // A per-step counter restarts each epoch in most prints: keep the x axis monotonic.
    if (step && *step <= m_step && split.isEmpty())
        step = std::nullopt;
    return makeRow(split.isEmpty() ? QStringLiteral("step") : QStringLiteral("eval"), split, step,
                   epoch, values);
}

std::optional<MetricRow> LogMetricExtractor::fromRegex(const QString &line)
{
    const QRegularExpressionMatch m = m_regex.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    QList<MetricValue> values;
    QString split;
    std::optional<qint64> step;
    std::optional<double> epoch;
    for (const QString &g : m_regex.namedCaptureGroups()) {
        if (g.isEmpty() || m.captured(g).isEmpty())
            continue;
        QString s;
        const QString key = canonical(g, &s);
        bool ok = false;
        const double v = m.captured(g).toDouble(&ok);
        if (!ok)
            continue;
        if (key == QLatin1String("step"))
            step = qint64(v);
        else if (key == QLatin1String("epoch"))
            epoch = v;
        else if (isWanted(key)) {
            if (!s.isEmpty())
                split = s;
            values.append(MetricValue{key, normalised(key, v)});
        }
    }
    if (values.isEmpty())
        return std::nullopt;
    return makeRow(split.isEmpty() ? QStringLiteral("step") : QStringLiteral("eval"), split, step,
                   epoch, values);
}

} // namespace td
