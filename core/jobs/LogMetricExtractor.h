// Turns the log of a script job (any `python train.py`) into metric rows, so its loss and
// accuracy chart like the engine's. Recognises JSON Lines on stdout and the plain-text shapes of
// common trainers; a user regex covers the rest.
#pragma once

#include "core/store/StoreRecords.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace td {

class LogMetricExtractor
{
    Q_DECLARE_TR_FUNCTIONS(td::LogMetricExtractor)
public:
    enum class Preset {
        Auto,        // all of the below except Regex, tried in turn
        JsonLines,   // {"loss": ...} or the engine's own {"v":1,"event":...} lines
        PyTorch,     // plain prints: "Epoch [1/10], Step [100/600], Loss: 0.1234", "epoch 3 ... acc
                     // 0.91"
        Lightning,   // tqdm bars: "Epoch 0:  45%|…| 450/1000 [..., loss=0.234, val_acc=0.9]"
        HuggingFace, // Trainer dicts: {'loss': 0.69, 'learning_rate': 5e-05, 'epoch': 0.01}
        Regex, // the user's expression with named groups loss, accuracy, val_loss, val_accuracy,
               // lr, step, epoch
    };

    static QStringList presetNames(); // "auto", "json", "pytorch", "lightning", "hf", "regex"
    static std::optional<Preset> presetFromName(const QString &name);

    // An invalid regex (or one without a value group) leaves the extractor invalid with a
    // translated error().
    explicit LogMetricExtractor(Preset preset = Preset::Auto, const QString &regex = {});
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    // One log line in, at most one metric row out (seq left 0: the caller numbers rows). The
    // row's text is a metrics JSON line of contract version 1 with "source":"log".
    std::optional<MetricRow> extract(const QString &line);

    // Steps seen so far: lines without a step number get the next one, so the chart's x axis
    // still advances.
    qint64 lastStep() const { return m_step; }
    void setLastStep(qint64 step) { m_step = step; }

private:
    std::optional<MetricRow> fromJson(const QString &line);
    std::optional<MetricRow> fromPyTorch(const QString &line);
    std::optional<MetricRow> fromLightning(const QString &line);
    std::optional<MetricRow> fromHuggingFace(const QString &line);
    std::optional<MetricRow> fromRegex(const QString &line);
    MetricRow makeRow(const QString &event, const QString &split, std::optional<qint64> step,
                      std::optional<double> epoch, const QList<MetricValue> &values);

    Preset m_preset;
    QRegularExpression m_regex;
    QString m_error;
    qint64 m_step = 0;
};

} // namespace td
