// The default CNN, trained from scratch on the full Fashion-MNIST with its default settings,
// must reach the test accuracy the PyTorch reference reaches (91.5 %). Long: label slow.
#include "engine_process.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

class TestEngineCnnAccuracy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultCnnReaches915Percent()
    {
        if (!QFile::exists(fashionMnistDir() + QStringLiteral("/train-images-idx3-ubyte.gz")))
            QSKIP("Fashion-MNIST not installed at TRAINDECK_FASHION_MNIST");
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QElapsedTimer timer;
        timer.start();
        // No flags beyond data, output and threads: the point is the default configuration.
        const EngineRun r =
            runEngine({QStringLiteral("train"), QStringLiteral("--data"), fashionMnistDir(),
                       QStringLiteral("--out"), out.path(), QStringLiteral("--model"),
                       QStringLiteral("cnn"), QStringLiteral("--threads"), QStringLiteral("2")},
                      3500 * 1000);
        QVERIFY2(r.finished, "engine did not finish in time");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> ends = r.events(QStringLiteral("end"));
        QCOMPARE(ends.size(), 1);
        const double accuracy =
            ends.first().value(QStringLiteral("final_test_accuracy")).toDouble();
        qInfo("final test accuracy %.4f in %.1f s", accuracy, double(timer.elapsed()) / 1000.0);
        QVERIFY2(accuracy >= 0.915, qPrintable(QString::number(accuracy)));
        QCOMPARE(
            r.events(QStringLiteral("eval")).last().value(QStringLiteral("accuracy")).toDouble(),
            accuracy);
    }
};

QTEST_GUILESS_MAIN(TestEngineCnnAccuracy)
#include "tst_engine_cnn_accuracy.moc"
