// nvidia-smi's human-readable outputs as recorded on real machines: failure messages, the GPU list
// (with MIG devices) and the default table in its pre-R530, R530+ and R610 layouts.
#include "FixtureText.h"

#include "core/diagnosis/CudaCompat.h"
#include "core/diagnosis/NvidiaSmiText.h"

#include <QTest>

using namespace td;

Q_DECLARE_METATYPE(NvidiaSmiFailure::Kind)

class TestNvidiaSmiText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failures_data()
    {
        using K = NvidiaSmiFailure::Kind;
        QTest::addColumn<QString>("output");
        QTest::addColumn<K>("kind");
        QTest::addColumn<QString>("detail");   // expected detail, exactly
        QTest::addColumn<QString>("evidence"); // a part of the evidence line

        const auto fixture = [](const char *name) {
            return test::fixtureText(QString::fromUtf8(name));
        };
        QTest::newRow("A-7 couldn't communicate")
            << fixture("A-7-fail-couldnt-communicate.txt") << K::DriverNotLoaded << QString()
            << QStringLiteral("NVIDIA-SMI has failed");
        QTest::newRow("A-13 NVML mismatch")
            << fixture("A-13-fail-nvml-mismatch-470.txt") << K::DriverLibraryMismatch << QString()
            << QStringLiteral("Failed to initialize NVML: Driver/library version mismatch");
        QTest::newRow("A-27 NVRM API mismatch")
            << fixture("A-27-fail-nvml-mismatch-dmesg-api-mismatch-550.txt")
            << K::DriverLibraryMismatch
            << QStringLiteral("user-space driver 550.76, kernel module 550.67")
            << QStringLiteral("API mismatch");
        QTest::newRow("A-9 no devices")
            << fixture("A-9-fail-no-devices-RTX5090.txt") << K::NoDevices
            << QStringLiteral("0000:01:00.0") << QStringLiteral("No devices were found");
        QTest::newRow("A-23 GPU is lost")
            << fixture("A-23-fail-gpu-is-lost.txt") << K::GpuLost << QStringLiteral("0000:02:00.0")
            << QStringLiteral("GPU is lost");
        QTest::newRow("B-53 fallen off the bus")
            << fixture("B-53-nvrm-fallen-off-bus-570.txt") << K::FallenOffBus
            << QStringLiteral("0000:b3:00.0") << QStringLiteral("fallen off the bus");

        // Wordings seen on other machines than the fixtures'.
        QTest::newRow("bash not found")
            << QStringLiteral("bash: nvidia-smi: command not found\n") << K::NotInstalled
            << QString() << QStringLiteral("command not found");
        QTest::newRow("dash not found")
            << QStringLiteral("sh: 1: nvidia-smi: not found\n") << K::NotInstalled << QString()
            << QStringLiteral("not found");
        QTest::newRow("ubuntu command-not-found")
            << QStringLiteral("Command 'nvidia-smi' not found, but can be installed with:\n\n"
                              "sudo apt install nvidia-utils-535\n")
            << K::NotInstalled << QString() << QStringLiteral("Command 'nvidia-smi'");
        QTest::newRow("windows not recognized")
            << QStringLiteral(
                   "'nvidia-smi' is not recognized as an internal or external command,\r\n"
                   "operable program or batch file.\r\n")
            << K::NotInstalled << QString() << QStringLiteral("is not recognized");
        QTest::newRow("device handle unknown error")
            << QStringLiteral(
                   "Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error\n")
            << K::FallenOffBus << QStringLiteral("0000:3B:00.0") << QStringLiteral("Unknown Error");
        QTest::newRow("NVML unknown error in container")
            << QStringLiteral("Failed to initialize NVML: Unknown Error\n") << K::NvmlInitFailed
            << QStringLiteral("Unknown Error") << QStringLiteral("Failed to initialize NVML");

        // Healthy outputs are not failures.
        QTest::newRow("A-5 table")
            << fixture("A-5-table-580-A100-40GB.txt") << K::None << QString() << QString();
        QTest::newRow("A-3 list") << fixture("A-3-list-A100-MIG.txt") << K::None << QString()
                                  << QString();
        QTest::newRow("A-1 csv") << fixture("A-1-query-csv-header-multigpu.txt") << K::None
                                 << QString() << QString();
        QTest::newRow("A-29 mig profiles")
            << fixture("A-29-mig-lgip-H200.txt") << K::None << QString() << QString();
        QTest::newRow("A-15 csv [Unknown Error] value")
            << fixture("A-15-query-csv-nounits-unknown-error-win.txt") << K::None << QString()
            << QString();
    }

    void failures()
    {
        QFETCH(QString, output);
        QFETCH(NvidiaSmiFailure::Kind, kind);
        QFETCH(QString, detail);
        QFETCH(QString, evidence);
        QVERIFY(!output.isEmpty());
        const NvidiaSmiFailure failure = detectNvidiaSmiFailure(output);
        QCOMPARE(failure.kind, kind);
        QCOMPARE(failure.isFailure(), kind != NvidiaSmiFailure::Kind::None);
        QCOMPARE(failure.message.isEmpty(), kind == NvidiaSmiFailure::Kind::None);
        QCOMPARE(failure.detail, detail);
        QVERIFY2(failure.evidence.contains(evidence), qPrintable(failure.evidence));
    }

    void gpuList()
    {
        const QList<GpuListEntry> gpus =
            parseNvidiaSmiList(test::fixtureText(QStringLiteral("A-3-list-A100-MIG.txt")));
        QCOMPARE(gpus.size(), 4);
        QCOMPARE(gpus.at(0).index, 0);
        QCOMPARE(gpus.at(0).name, QStringLiteral("NVIDIA A100-SXM4-80GB"));
        QCOMPARE(gpus.at(0).uuid, QStringLiteral("GPU-513536b6-7d19-9063-b049-1e69664bb298"));
        QCOMPARE(gpus.at(0).migDevices.size(), 4);
        QCOMPARE(gpus.at(0).migDevices.at(3).profile, QStringLiteral("1g.20gb"));
        QCOMPARE(gpus.at(0).migDevices.at(3).device, 3);
        QCOMPARE(gpus.at(0).migDevices.at(3).memoryGb, 20);
        QCOMPARE(gpus.at(0).migDevices.at(3).uuid,
                 QStringLiteral("MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b"));
        QCOMPARE(gpus.at(3).index, 3);
        QCOMPARE(gpus.at(3).uuid, QStringLiteral("GPU-69ec2344-ebac-b028-f88f-452abb3d7f11"));
        QVERIFY(gpus.at(1).migDevices.isEmpty());
    }

    void gpuListOlderDriverMig()
    {
        // Drivers before R470 named MIG devices by GPU UUID and instance ids; CRLF from Windows.
        const QList<GpuListEntry> gpus = parseNvidiaSmiList(QStringLiteral(
            "GPU 0: A100-SXM4-40GB (UUID: GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2)\r\n"
            "  MIG 3g.20gb Device 0: (UUID: MIG-GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2/1/0)\r\n"
            "  MIG 7g.40gb     Device  1: (UUID: "
            "MIG-GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2/0/0)\r\n"
            "GPU 1: Tesla T4 (UUID: GPU-1d2ab3c4-0000-1111-2222-333344445555)\r\n"));
        QCOMPARE(gpus.size(), 2);
        QCOMPARE(gpus.at(0).name, QStringLiteral("A100-SXM4-40GB"));
        QCOMPARE(gpus.at(0).migDevices.size(), 2);
        QCOMPARE(gpus.at(0).migDevices.at(1).profile, QStringLiteral("7g.40gb"));
        QCOMPARE(gpus.at(0).migDevices.at(1).memoryGb, 40);
        QCOMPARE(gpus.at(0).migDevices.at(0).uuid,
                 QStringLiteral("MIG-GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2/1/0"));
        QCOMPARE(gpus.at(1).name, QStringLiteral("Tesla T4"));
        QVERIFY(parseNvidiaSmiList(
                    test::fixtureText(QStringLiteral("A-7-fail-couldnt-communicate.txt")))
                    .isEmpty());
    }

    void table_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("smi");
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("cuda");
        QTest::addColumn<int>("gpus");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("busId");
        QTest::addColumn<double>("memUsed");
        QTest::addColumn<double>("memTotal");
        QTest::addColumn<double>("util");
        QTest::addColumn<double>("temp");
        QTest::addColumn<double>("power");
        QTest::addColumn<double>("powerCap");
        QTest::addColumn<QString>("computeMode");
        QTest::addColumn<QString>("migMode");
        QTest::newRow("A-5 R580") << QStringLiteral("A-5-table-580-A100-40GB.txt")
                                  << QStringLiteral("580.126.09") << QStringLiteral("580.126.09")
                                  << QStringLiteral("13.0") << 2
                                  << QStringLiteral("NVIDIA A100-SXM4-40GB")
                                  << QStringLiteral("00000000:10:1C.0") << 598.0 << 40960.0 << 11.0
                                  << 41.0 << 67.0 << 400.0 << QStringLiteral("E. Process")
                                  << QStringLiteral("Disabled");
        QTest::newRow("A-17 R470")
            << QStringLiteral("A-17-table-470-V100.txt") << QStringLiteral("470.182.03")
            << QStringLiteral("470.182.03") << QStringLiteral("11.4") << 1
            << QStringLiteral("Tesla V100-SXM2...") << QStringLiteral("00000000:00:04.0") << 0.0
            << 16160.0 << 1.0 << 36.0 << 39.0 << 300.0 << QStringLiteral("Default")
            << QStringLiteral("N/A");
        QTest::newRow("A-19 R550")
            << QStringLiteral("A-19-table-550-RTX4070.txt") << QStringLiteral("550.40.07")
            << QStringLiteral("550.40.07") << QStringLiteral("12.4") << 1
            << QStringLiteral("NVIDIA GeForce RTX 4070") << QStringLiteral("00000000:2D:00.0")
            << 430.0 << 12282.0 << 1.0 << 36.0 << 17.0 << 200.0 << QStringLiteral("Default")
            << QStringLiteral("N/A");
        QTest::newRow("A-21 R610 KMD")
            << QStringLiteral("A-21-table-610-B200-KMD.txt") << QStringLiteral("610.43.02")
            << QStringLiteral("610.43.02") << QStringLiteral("13.3") << 2
            << QStringLiteral("NVIDIA B200") << QStringLiteral("00000000:63:00.0") << 0.0
            << 183359.0 << 0.0 << 26.0 << 139.0 << 1000.0 << QStringLiteral("Default")
            << QStringLiteral("Disabled");
        QTest::newRow("A-25 R515 after gpustat")
            << QStringLiteral("A-25-gpustat-and-table-515-P100.txt") << QStringLiteral("515.65.01")
            << QStringLiteral("515.65.01") << QStringLiteral("11.7") << 1
            << QStringLiteral("Tesla P100-PCIE...") << QStringLiteral("00000000:04:00.0") << 0.0
            << 16384.0 << 0.0 << 27.0 << 32.0 << 250.0 << QStringLiteral("Default")
            << QStringLiteral("N/A");
    }

    void table()
    {
        QFETCH(QString, file);
        QFETCH(QString, smi);
        QFETCH(QString, driver);
        QFETCH(QString, cuda);
        QFETCH(int, gpus);
        QFETCH(QString, name);
        QFETCH(QString, busId);
        QFETCH(double, memUsed);
        QFETCH(double, memTotal);
        QFETCH(double, util);
        QFETCH(double, temp);
        QFETCH(double, power);
        QFETCH(double, powerCap);
        QFETCH(QString, computeMode);
        QFETCH(QString, migMode);

        const NvidiaSmiTable table = parseNvidiaSmiTable(test::fixtureText(file));
        QVERIFY(table.isValid());
        QCOMPARE(table.smiVersion, smi);
        QCOMPARE(table.driverVersion, driver);
        QCOMPARE(table.cudaVersion, cuda);
        QCOMPARE(table.gpus.size(), gpus);
        const NvidiaSmiTableGpu &gpu = table.gpus.first();
        QCOMPARE(gpu.index, 0);
        QCOMPARE(gpu.name, name);
        QCOMPARE(gpu.busId, busId);
        QCOMPARE(gpu.memUsedMiB.value_or(-1), memUsed);
        QCOMPARE(gpu.memTotalMiB.value_or(-1), memTotal);
        QCOMPARE(gpu.util.value_or(-1), util);
        QCOMPARE(gpu.temp.value_or(-1), temp);
        QCOMPARE(gpu.powerDraw.value_or(-1), power);
        QCOMPARE(gpu.powerCap.value_or(-1), powerCap);
        QCOMPARE(gpu.computeMode, computeMode);
        QCOMPARE(gpu.migMode, migMode);
        if (gpus > 1)
            QCOMPARE(table.gpus.at(1).index, 1);

        // The banner's CUDA version is what the driver branch supports; the compatibility table
        // must agree with every recorded banner it knows (R610 is newer than the table).
        const QVersionNumber branchCuda = maximumCudaForDriver(QVersionNumber::fromString(driver));
        if (QVersionNumber::fromString(driver).majorVersion() <= 580)
            QCOMPARE(branchCuda, QVersionNumber::fromString(cuda));
    }

    void tableOfFailureIsInvalid()
    {
        QVERIFY(!parseNvidiaSmiTable(
                     test::fixtureText(QStringLiteral("A-7-fail-couldnt-communicate.txt")))
                     .isValid());
        QVERIFY(parseNvidiaSmiTable(test::fixtureText(QStringLiteral("A-29-mig-lgip-H200.txt")))
                    .gpus.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNvidiaSmiText)
#include "test_nvidia_smi_text.moc"
