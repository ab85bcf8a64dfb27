// The default MLP on the full Fashion-MNIST must reach the accuracy the app promises.
#include "engine_process.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

class TestEngineAccuracy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultMlpReaches85Percent()
    {
        if (!QFile::exists(fashionMnistDir() + QStringLiteral("/train-images-idx3-ubyte.gz")))
            QSKIP("Fashion-MNIST not installed at TRAINDECK_FASHION_MNIST");
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QElapsedTimer timer;
        timer.start();
        const EngineRun r =
            runEngine({QStringLiteral("train"), QStringLiteral("--data"), fashionMnistDir(),
                       QStringLiteral("--out"), out.path(), QStringLiteral("--model"),
                       QStringLiteral("mlp"), QStringLiteral("--threads"), QStringLiteral("1")},
                      110000);
        QVERIFY2(r.finished, "engine did not finish in time");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> ends = r.events(QStringLiteral("end"));
        QCOMPARE(ends.size(), 1);
        const double accuracy =
            ends.first().value(QStringLiteral("final_test_accuracy")).toDouble();
        qInfo("final test accuracy %.4f in %.1f s", accuracy, double(timer.elapsed()) / 1000.0);
        QVERIFY2(accuracy >= 0.85, qPrintable(QString::number(accuracy)));
        // The final accuracy is the last test eval (DESIGN.md).
        QCOMPARE(
            r.events(QStringLiteral("eval")).last().value(QStringLiteral("accuracy")).toDouble(),
            accuracy);
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("final/model.tdk"))));
    }
};

QTEST_GUILESS_MAIN(TestEngineAccuracy)
#include "tst_engine_accuracy.moc"
