// The facts probe: parsing of typical outputs, and a real probe through sshd.
#include "RemoteTestUtil.h"
#include "SshdFixture.h"
#include "TestInteraction.h"

#include "core/remote/MachineFacts.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace td;
using namespace td::test;

class TestMachineFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesGpuMachine()
    {
        const QByteArray out =
            "@@os\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n"
            "@@kernel\nLinux 5.15.0-105-generic\nx86_64\n"
            "@@cpu\n32\nmodel name\t: AMD EPYC 7542 32-Core Processor\n"
            "@@mem\nMemTotal:       263921212 kB\nMemAvailable:   250000000 kB\n"
            "@@disk\n/dev/nvme0n1p1 1056763068 52341220 950720380 6% /root\n"
            "@@gpus\nGPU 0: NVIDIA GeForce RTX 4090 (UUID: "
            "GPU-8c1d0c7e-1111-2222-3333-444455556666)\n"
            "GPU 1: NVIDIA A100-SXM4-80GB (UUID: GPU-aaaa)\n"
            "@@driver\n535.129.03\n@@cuda\nCUDA Version: 12.2\n@@nvcc\nrelease 12.1\n"
            "@@python\nPython 3.10.12\n"
            "@@conda\nbase                  *  /root/miniconda3\ntorch                    "
            "/root/miniconda3/envs/torch\n"
            "@@glibc\nldd (Ubuntu GLIBC 2.35-0ubuntu3.6) "
            "2.35\n@@tools\ntmux\nnvcc\nsha256sum\ntar\n"
            "@@end\n";
        const MachineFacts f = MachineFacts::parse(out);
        QCOMPARE(f.osPrettyName, QStringLiteral("Ubuntu 22.04.4 LTS"));
        QCOMPARE(f.osVersion, QStringLiteral("22.04"));
        QCOMPARE(f.arch, QStringLiteral("x86_64"));
        QCOMPARE(f.cpuCores, 32);
        QCOMPARE(f.cpuModel, QStringLiteral("AMD EPYC 7542 32-Core Processor"));
        QCOMPARE(f.memTotalBytes, 263921212LL * 1024);
        QCOMPARE(f.diskFreeBytes, 950720380LL * 1024);
        QCOMPARE(f.gpus.size(), 2);
        QCOMPARE(f.gpus.at(0).name, QStringLiteral("NVIDIA GeForce RTX 4090"));
        QCOMPARE(f.gpus.at(1).uuid, QStringLiteral("GPU-aaaa"));
        QCOMPARE(f.driverVersion, QStringLiteral("535.129.03"));
        QCOMPARE(f.cudaVersion, QStringLiteral("12.2"));
        QCOMPARE(f.nvccVersion, QStringLiteral("12.1"));
        QCOMPARE(f.pythonVersion, QStringLiteral("3.10.12"));
        QCOMPARE(f.glibcVersion, QStringLiteral("2.35"));
        QCOMPARE(f.condaEnvs.size(), 2);
        QCOMPARE(f.condaEnvs.at(1).path, QStringLiteral("/root/miniconda3/envs/torch"));
        QVERIFY(f.tools.contains(QStringLiteral("nvcc")));

        // JSON round trip, as stored in machines.facts_json.
        const QJsonObject json = f.toJson();
        const MachineFacts back =
            MachineFacts::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
        QCOMPARE(back.toJson(), json);
    }

    void parsesBareMachine()
    {
        const MachineFacts f = MachineFacts::parse("@@os\n@@gpus\n@@driver\n@@end\n");
        QVERIFY(f.gpus.isEmpty());
        QVERIFY(f.driverVersion.isEmpty());
        QCOMPARE(f.cpuCores, 0);
    }

    void explainsWhyThereIsNoGpu()
    {
        // Real failure text (tests/data/gpu-texts/A-7): the driver is not reachable.
        QFile f(QStringLiteral(TRAINDECK_TEST_DATA "/gpu-texts/A-7-fail-couldnt-communicate.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray failure;
        for (const QByteArray &l : f.readAll().split('\n')) {
            if (!l.startsWith('#') && !l.startsWith('$'))
                failure += l + '\n';
        }
        const MachineFacts facts = MachineFacts::parse("@@gpus\n" + failure + "@@driver\n@@end\n");
        QVERIFY(facts.gpus.isEmpty());
        QVERIFY2(!facts.gpuProblem.isEmpty(), failure.constData());
        QCOMPARE(MachineFacts::fromJson(facts.toJson()).gpuProblem, facts.gpuProblem);
        QVERIFY(
            MachineFacts::parse("@@gpus\n@@end\n").gpuProblem.isEmpty()); // no nvidia-smi at all
    }

    void probesRealMachine()
    {
        SshdFixture sshd;
        QString error;
        if (!sshd.start(&error))
            QSKIP(qPrintable(QStringLiteral("no test sshd: ") + error));
        ScriptedInteraction ui;
        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(sshd), &ui));
        MachineFacts f;
        const SshError e = probeMachineFacts(s, &f);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(f.cpuCores, QThread::idealThreadCount());
        QVERIFY(f.memTotalBytes > 0);
        QVERIFY(f.diskFreeBytes > 0);
        QVERIFY(!f.kernel.isEmpty());
        QVERIFY(f.tools.contains(QStringLiteral("sha256sum")));
    }
};

QTEST_GUILESS_MAIN(TestMachineFacts)
#include "test_machine_facts.moc"
