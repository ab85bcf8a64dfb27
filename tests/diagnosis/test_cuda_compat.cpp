// The driver / CUDA / architecture tables that driver-too-old and no-kernel-image remedies quote.
#include "core/diagnosis/CudaCompat.h"

#include <QTest>

using namespace td;

class TestCudaCompat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimumDriver_data()
    {
        QTest::addColumn<QString>("cuda");
        QTest::addColumn<QString>("driver"); // empty: unknown
        QTest::newRow("11.8") << QStringLiteral("11.8") << QStringLiteral("520.61.05");
        QTest::newRow("11.8.0 patch level ignored")
            << QStringLiteral("11.8.0") << QStringLiteral("520.61.05");
        QTest::newRow("12.0") << QStringLiteral("12.0") << QStringLiteral("525.60.13");
        QTest::newRow("12.1") << QStringLiteral("12.1") << QStringLiteral("530.30.02");
        QTest::newRow("12.4") << QStringLiteral("12.4") << QStringLiteral("550.54.14");
        QTest::newRow("12.8") << QStringLiteral("12.8") << QStringLiteral("570.26");
        QTest::newRow("13.0") << QStringLiteral("13.0") << QStringLiteral("580.65.06");
        QTest::newRow("10.2") << QStringLiteral("10.2") << QStringLiteral("440.33");
        QTest::newRow("unknown 12.x falls back to compat")
            << QStringLiteral("12.10") << QStringLiteral("525.60.13");
        QTest::newRow("unknown 13.x falls back to compat")
            << QStringLiteral("13.3") << QStringLiteral("580.65.06");
        QTest::newRow("8.0 unknown") << QStringLiteral("8.0") << QString();
    }

    void minimumDriver()
    {
        QFETCH(QString, cuda);
        QFETCH(QString, driver);
        QCOMPARE(minimumDriverForCuda(QVersionNumber::fromString(cuda)), driver);
    }

    void compatFloors()
    {
        QCOMPARE(minimumCompatDriverForCudaMajor(11), QStringLiteral("450.80.02"));
        QCOMPARE(minimumCompatDriverForCudaMajor(12), QStringLiteral("525.60.13"));
        QCOMPARE(minimumCompatDriverForCudaMajor(13), QStringLiteral("580.65.06"));
        QVERIFY(minimumCompatDriverForCudaMajor(10).isEmpty());
    }

    void maximumCuda_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("cuda");
        // Banners recorded on real machines (tests/data/gpu-texts and the fixtures' sources).
        QTest::newRow("435.21") << QStringLiteral("435.21") << QStringLiteral("10.1");
        QTest::newRow("440.64") << QStringLiteral("440.64") << QStringLiteral("10.2");
        QTest::newRow("470.182.03") << QStringLiteral("470.182.03") << QStringLiteral("11.4");
        QTest::newRow("515.65.01") << QStringLiteral("515.65.01") << QStringLiteral("11.7");
        QTest::newRow("535.104.05") << QStringLiteral("535.104.05") << QStringLiteral("12.2");
        QTest::newRow("550.40.07 beta") << QStringLiteral("550.40.07") << QStringLiteral("12.4");
        QTest::newRow("565.57.01") << QStringLiteral("565.57.01") << QStringLiteral("12.7");
        QTest::newRow("580.126.09") << QStringLiteral("580.126.09") << QStringLiteral("13.0");
        QTest::newRow("610 beyond the table")
            << QStringLiteral("610.43.02") << QStringLiteral("13.0");
        QTest::newRow("too old") << QStringLiteral("375.66") << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void maximumCuda()
    {
        QFETCH(QString, driver);
        QFETCH(QString, cuda);
        QCOMPARE(maximumCudaForDriver(QVersionNumber::fromString(driver)).toString(), cuda);
    }

    void apiNumbers()
    {
        // PyTorch's "found version 10010" and cudaDriverGetVersion().
        QCOMPARE(cudaFromApiNumber(10010), QVersionNumber(10, 1));
        QCOMPARE(cudaFromApiNumber(9000), QVersionNumber(9, 0));
        QCOMPARE(cudaFromApiNumber(12020), QVersionNumber(12, 2));
        QCOMPARE(cudaFromApiNumber(11080), QVersionNumber(11, 8));
        QVERIFY(cudaFromApiNumber(0).isNull());
        QVERIFY(cudaFromApiNumber(435).isNull());
    }

    void architectures_data()
    {
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::addColumn<QString>("firstCuda");
        QTest::addColumn<int>("lastMajor");
        QTest::newRow("K80 sm_37") << 3 << 7 << QStringLiteral("6.5") << 11;
        QTest::newRow("P100 sm_60") << 6 << 0 << QStringLiteral("8.0") << 12;
        QTest::newRow("V100 sm_70") << 7 << 0 << QStringLiteral("9.0") << 12;
        QTest::newRow("T4 sm_75") << 7 << 5 << QStringLiteral("10.0") << 0;
        QTest::newRow("A100 sm_80") << 8 << 0 << QStringLiteral("11.0") << 0;
        QTest::newRow("A6000 sm_86") << 8 << 6 << QStringLiteral("11.1") << 0;
        QTest::newRow("L4 sm_89") << 8 << 9 << QStringLiteral("11.8") << 0;
        QTest::newRow("H100 sm_90") << 9 << 0 << QStringLiteral("11.8") << 0;
        QTest::newRow("B200 sm_100") << 10 << 0 << QStringLiteral("12.8") << 0;
        QTest::newRow("RTX 5090 sm_120") << 12 << 0 << QStringLiteral("12.8") << 0;
        QTest::newRow("unknown") << 1 << 0 << QString() << 0;
    }

    void architectures()
    {
        QFETCH(int, major);
        QFETCH(int, minor);
        QFETCH(QString, firstCuda);
        QFETCH(int, lastMajor);
        QCOMPARE(minimumCudaForComputeCapability(major, minor).toString(), firstCuda);
        QCOMPARE(lastCudaMajorForComputeCapability(major, minor), lastMajor);
    }
};

QTEST_GUILESS_MAIN(TestCudaCompat)
#include "test_cuda_compat.moc"
