#include "core/jobs/EngineConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace td {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("td::EngineConfig", text);
}
} // namespace

QString EngineConfig::defaultDatasetDir()
{
    return QStringLiteral("/usr/share/datasets/fashion-mnist");
}

QStringList EngineConfig::models()
{
    return {QStringLiteral("mlp"), QStringLiteral("cnn"), QStringLiteral("resnet-small")};
}

QStringList EngineConfig::precisions()
{
    return {QStringLiteral("fp32"), QStringLiteral("fp16"), QStringLiteral("bf16")};
}

QStringList EngineConfig::trainArguments(const QString &outDir) const
{
    QStringList args{QStringLiteral("train"),
                     QStringLiteral("--data"),
                     dataDir,
                     QStringLiteral("--out"),
                     outDir,
                     QStringLiteral("--model"),
                     model,
                     QStringLiteral("--epochs"),
                     QString::number(epochs),
                     QStringLiteral("--batch-size"),
                     QString::number(batchSize),
                     QStringLiteral("--lr"),
                     QString::number(learningRate, 'g', 10),
                     QStringLiteral("--precision"),
                     precision,
                     QStringLiteral("--device"),
                     device,
                     QStringLiteral("--seed"),
                     QString::number(seed)};
    if (limitTrain > 0)
        args << QStringLiteral("--limit-train") << QString::number(limitTrain);
    if (maxSteps > 0)
        args << QStringLiteral("--max-steps") << QString::number(maxSteps);
    if (threads > 0)
        args << QStringLiteral("--threads") << QString::number(threads);
    if (logEvery > 0)
        args << QStringLiteral("--log-every") << QString::number(logEvery);
    return args;
}

QJsonObject EngineConfig::toJson() const
{
    QJsonObject o;
    o[QLatin1String("data")] = dataDir;
    o[QLatin1String("model")] = model;
    o[QLatin1String("epochs")] = epochs;
    o[QLatin1String("batch_size")] = batchSize;
    o[QLatin1String("lr")] = learningRate;
    o[QLatin1String("precision")] = precision;
    o[QLatin1String("device")] = device;
    o[QLatin1String("limit_train")] = limitTrain;
    o[QLatin1String("max_steps")] = maxSteps;
    o[QLatin1String("threads")] = threads;
    o[QLatin1String("seed")] = seed;
    o[QLatin1String("log_every")] = logEvery;
    return o;
}

EngineConfig EngineConfig::fromJson(const QJsonObject &o)
{
    EngineConfig c;
    c.dataDir = o.value(QLatin1String("data")).toString(c.dataDir);
    c.model = o.value(QLatin1String("model")).toString(c.model);
    c.epochs = o.value(QLatin1String("epochs")).toInt(c.epochs);
    c.batchSize = o.value(QLatin1String("batch_size")).toInt(c.batchSize);
    c.learningRate = o.value(QLatin1String("lr")).toDouble(c.learningRate);
    c.precision = o.value(QLatin1String("precision")).toString(c.precision);
    c.device = o.value(QLatin1String("device")).toString(c.device);
    c.limitTrain = o.value(QLatin1String("limit_train")).toInt(c.limitTrain);
    c.maxSteps = o.value(QLatin1String("max_steps")).toInt(c.maxSteps);
    c.threads = o.value(QLatin1String("threads")).toInt(c.threads);
    c.seed = o.value(QLatin1String("seed")).toInt(c.seed);
    c.logEvery = o.value(QLatin1String("log_every")).toInt(c.logEvery);
    return c;
}

QString EngineConfig::validate() const
{
    if (!models().contains(model))
        return tr("Unknown model \"%1\". Choose one of: %2.")
            .arg(model, models().join(QLatin1String(", ")));
    if (!precisions().contains(precision))
        return tr("Unknown precision \"%1\". Choose fp32, fp16 or bf16.").arg(precision);
    if (epochs < 1 || epochs > 1000)
        return tr("Epochs must be between 1 and 1000.");
    if (batchSize < 1 || batchSize > 65536)
        return tr("Batch size must be between 1 and 65536.");
    if (!(learningRate > 0.0) || learningRate > 10.0)
        return tr("Learning rate must be a positive number no larger than 10.");
    if (limitTrain < 0 || maxSteps < 0 || threads < 0 || logEvery < 0)
        return tr("Limits and thread counts cannot be negative.");
    if (device != QLatin1String("cpu") && !device.startsWith(QLatin1String("cuda")))
        return tr("Unknown device \"%1\". Use cpu or cuda.").arg(device);
    return {};
}

QString EngineConfig::checkDataset(const QString &dir)
{
    const QDir d(dir);
    if (dir.isEmpty() || !d.exists())
        return tr("The dataset folder %1 does not exist. Install the package "
                  "dataset-fashion-mnist or choose a folder with the IDX files.")
            .arg(QDir::toNativeSeparators(dir));
    const char *const stems[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    QStringList missing;
    for (const char *stem : stems) {
        const QString plain = QString::fromLatin1(stem);
        if (!QFileInfo::exists(d.filePath(plain)) &&
            !QFileInfo::exists(d.filePath(plain + QLatin1String(".gz"))))
            missing << plain + QLatin1String("[.gz]");
    }
    if (!missing.isEmpty())
        return tr("The dataset folder %1 lacks: %2.")
            .arg(QDir::toNativeSeparators(dir), missing.join(QLatin1String(", ")));
    return {};
}

} // namespace td
