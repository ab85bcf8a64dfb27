// What the user asks the engine to train, and how that becomes a traindeck-engine command line.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace td {

struct EngineConfig
{
    QString dataDir = defaultDatasetDir();
    QString model = QStringLiteral("mlp"); // mlp | cnn | resnet-small
    int epochs = 3;
    int batchSize = 128;
    double learningRate = 1e-3;
    QString precision = QStringLiteral("fp32"); // fp32 | fp16 | bf16
    QString device = QStringLiteral("cpu");     // cpu | cuda[:N]
    int limitTrain = 0;                         // 0 = the whole training set
    int maxSteps = 0;                           // 0 = no limit
    int threads = 0;                            // 0 = engine default
    int seed = 1;
    int logEvery = 20; // steps between `step` metric lines

    // The Debian package dataset-fashion-mnist installs here.
    static QString defaultDatasetDir();
    static QStringList models();
    static QStringList precisions();

    // Arguments after the program name: `train --data ... --out outDir ...`.
    QStringList trainArguments(const QString &outDir) const;
    QJsonObject toJson() const;
    static EngineConfig fromJson(const QJsonObject &obj);

    // Checks values a user can get wrong before anything starts; returns a translated message,
    // empty when valid.
    QString validate() const;
    // Checks that dataDir holds the four Fashion-MNIST/MNIST IDX files (plain or .gz); returns a
    // translated message naming what is missing, empty when complete.
    static QString checkDataset(const QString &dir);
};

} // namespace td
