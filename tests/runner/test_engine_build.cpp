// Building traindeck-engine on the machine (the loopback sshd) from the source compiled into
// the application: the embedded tree, its hash, the probe, a build that is reused, and a
// failed build that falls back to the bundled binary.
#include "core/providers/EngineBuild.h"
#include "core/providers/EngineSetup.h"
#include "core/providers/EngineSource.h"
#include "core/remote/SshSession.h"

#include "SshdFixture.h"
#include "TestInteraction.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace td;
using namespace td::test;

namespace {

QString gpuDir()
{
    return QStringLiteral(TRAINDECK_SOURCE_DIR) + QStringLiteral("/gpu");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestEngineBuild : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sourceResourceIsComplete();
    void treeHashIsStable();
    void probeParsing();
    void buildsOnMachineThenReuses();
    void failedBuildFallsBackToBundled();

private:
    bool connect(SshdFixture &sshd, SshSession &session);
    EngineSetupRequest request(const SshdFixture &sshd, const QString &stateDir) const;
};

bool TestEngineBuild::connect(SshdFixture &sshd, SshSession &session)
{
    QString error;
    if (!sshd.start(&error)) {
        qWarning("cannot start the test sshd: %s", qPrintable(error));
        return false;
    }
    SshConnectOptions o;
    o.endpoint = SshEndpoint{sshd.host(), sshd.port(), sshd.userName(), sshd.userKeyPath(), {}, {}};
    o.knownHostsPath = sshd.knownHostsPath();
    o.globalKnownHostsPath = sshd.dir() + QStringLiteral("/no-global-known-hosts");
    o.useAgent = false;
    o.tryDefaultKeys = false;
    ScriptedInteraction ui;
    const SshError e = session.connect(o, &ui);
    if (e)
        qWarning("connect failed: %s", qPrintable(e.message));
    return !e;
}

EngineSetupRequest TestEngineBuild::request(const SshdFixture &sshd, const QString &stateDir) const
{
    EngineSetupRequest r;
    r.localEngine = qEnvironmentVariable("TRAINDECK_ENGINE");
    r.remoteRoot = sshd.remoteRoot();
    r.stateDir = stateDir;
    r.machineKey = QStringLiteral("m1");
    // The CPU backend on two jobs keeps the build near a minute on a small machine.
    r.buildFromSource = EngineBuildMode::Always;
    r.buildCuda = false;
    r.buildJobs = 2;
    return r;
}

void TestEngineBuild::sourceResourceIsComplete()
{
    const EngineSourceTree tree = EngineSource::embedded();
    QSet<QString> embedded;
    for (const EngineSourceFile &f : tree)
        embedded.insert(f.path);

    // Exactly the engine project's files: the two CMake files and everything under src/.
    QSet<QString> onDisk{QStringLiteral("CMakeLists.txt"), QStringLiteral("EngineSources.cmake")};
    QDirIterator it(gpuDir() + QStringLiteral("/src"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        onDisk.insert(QDir(gpuDir()).relativeFilePath(it.next()));
    QCOMPARE(embedded, onDisk);
    for (const EngineSourceFile &f : tree)
        QVERIFY2(f.content == readFile(gpuDir() + QLatin1Char('/') + f.path), qPrintable(f.path));

    // Every source the engine's CMake project names is there (CUDA ones included).
    const QString listing =
        QString::fromUtf8(readFile(gpuDir() + QStringLiteral("/EngineSources.cmake")));
    static const QRegularExpression sourcePath(QStringLiteral("\\b(src/[A-Za-z0-9_./-]+)"));
    int listed = 0;
    for (auto m = sourcePath.globalMatch(listing); m.hasNext();) {
        const QString path = m.next().captured(1);
        QVERIFY2(embedded.contains(path), qPrintable(path));
        ++listed;
    }
    QVERIFY(listed >= 20);
    QVERIFY(embedded.contains(QStringLiteral("src/cli/main.cpp")));
    QVERIFY(embedded.contains(QStringLiteral("src/backend/cuda/cuda_ops.cu")));
    QCOMPARE(EngineSource::treeHash(tree), EngineSource::treeHash(EngineSource::embedded()));
}

void TestEngineBuild::treeHashIsStable()
{
    const EngineSourceTree a{{QStringLiteral("CMakeLists.txt"), "project(x)\n"},
                             {QStringLiteral("src/a.cpp"), "int a;\n"},
                             {QStringLiteral("src/b.cpp"), "int b;\n"}};
    const EngineSourceTree reordered{a[2], a[0], a[1]};
    const QByteArray h = EngineSource::treeHash(a);
    QCOMPARE(h.size(), 64);
    QCOMPARE(EngineSource::treeHash(reordered), h);
    QCOMPARE(EngineSource::treeHash(EngineSourceTree(a)), h);

    EngineSourceTree changed = a;
    changed[1].content = "int a = 1;\n";
    QVERIFY(EngineSource::treeHash(changed) != h);
    EngineSourceTree renamed = a;
    renamed[1].path = QStringLiteral("src/c.cpp");
    QVERIFY(EngineSource::treeHash(renamed) != h);
    QVERIFY(EngineSource::treeHash(a.mid(0, 2)) != h);
    // Bytes moved between a name and a content are a different tree.
    QVERIFY(EngineSource::treeHash({{QStringLiteral("ab"), "c"}}) !=
            EngineSource::treeHash({{QStringLiteral("a"), "bc"}}));

    const EngineSourceTree patched =
        EngineSource::patched(a, {{QStringLiteral("src/a.cpp"), "int a = 1;\n"}});
    QCOMPARE(EngineSource::treeHash(patched), EngineSource::treeHash(changed));
    QCOMPARE(EngineSource::patched(a, {{QStringLiteral("src/0.cpp"), "x"}}).first().path,
             QStringLiteral("CMakeLists.txt"));
    QCOMPARE(EngineSource::patched(a, {{QStringLiteral("src/0.cpp"), "x"}}).size(), 4);
}

void TestEngineBuild::probeParsing()
{
    const QByteArray out = "cmake=/usr/bin/cmake\tcmake version 3.16.3\n"
                           "cmake=/usr/bin/cmake3\tcmake3 version 3.27.7\n"
                           "nvcc=/usr/local/cuda/bin/nvcc\tCuda compilation tools, release 12.4, "
                           "V12.4.131\n"
                           "cxx=/usr/bin/c++\ncc=/usr/bin/cc\nnproc=8\n"
                           "cblas=/usr/include/x86_64-linux-gnu\n"
                           "openblas=/usr/lib/x86_64-linux-gnu\n"
                           "zlib=/usr/include\ncap=8.6\ncap=6.1\nnoise without key\n";
    const EngineBuildProbe p = EngineBuildProbe::parse(out);
    QCOMPARE(p.cmakePath, QStringLiteral("/usr/bin/cmake3")); // the newer of the two
    QCOMPARE(p.cmakeVersion, QVersionNumber(3, 27, 7));
    QCOMPARE(p.nvccPath, QStringLiteral("/usr/local/cuda/bin/nvcc"));
    QCOMPARE(p.nvccVersion, QVersionNumber(12, 4));
    QCOMPARE(p.processors, 8);
    QCOMPARE(p.computeCapabilities, (QList<int>{86, 61}));
    QVERIFY(p.missingTools().isEmpty());
    QVERIFY(p.missingCuda().isEmpty());
    QCOMPARE(p.cudaArchitectures(), QStringLiteral("61"));
    const QList<QByteArray> args = EngineBuild::configureArguments(p, true);
    QVERIFY(args.contains("-DCMAKE_CUDA_ARCHITECTURES=61"));
    QVERIFY(args.contains("-DCMAKE_CUDA_COMPILER=/usr/local/cuda/bin/nvcc"));
    QVERIFY(EngineBuild::configureArguments(p, false).contains("-DTRAINDECK_CUDA=OFF"));
    // The configuration is part of the cache key.
    QVERIFY(EngineBuild::cacheKey("h", args) !=
            EngineBuild::cacheKey("h", EngineBuild::configureArguments(p, false)));
    QCOMPARE(EngineBuild::cacheKey("h", args), EngineBuild::cacheKey("h", args));

    // CUDA 13 dropped the P100 (sm_60): no CUDA build for it.
    const EngineBuildProbe old = EngineBuildProbe::parse(
        "nvcc=/usr/local/cuda/bin/nvcc\tCuda compilation tools, release 13.0, V13.0.48\ncap=6.0\n");
    QCOMPARE(old.missingCuda().size(), 1);
    QVERIFY2(old.missingCuda().first().contains(QStringLiteral("sm_60")),
             qPrintable(old.missingCuda().first()));
    // Unknown GPU: PTX only, for the oldest architecture the toolkit builds.
    const EngineBuildProbe noSmi = EngineBuildProbe::parse(
        "nvcc=/usr/local/cuda/bin/nvcc\tCuda compilation tools, release 13.0, V13.0.48\n");
    QCOMPARE(noSmi.cudaArchitectures(), QStringLiteral("75-virtual"));
    const EngineBuildProbe cuda11 = EngineBuildProbe::parse(
        "nvcc=/opt/cuda/bin/nvcc\tCuda compilation tools, release 11.8, V11.8.89\n");
    QCOMPARE(cuda11.cudaArchitectures(), QStringLiteral("52-virtual"));

    // Nothing but an old CMake: every missing piece is named.
    const EngineBuildProbe bare =
        EngineBuildProbe::parse("cmake=/usr/bin/cmake\tcmake version 3.16.3\n");
    const QString missing = bare.missingTools().join(QLatin1Char('\n'));
    QCOMPARE(bare.missingTools().size(), 5);
    QVERIFY2(missing.contains(QStringLiteral("3.16.3")), qPrintable(missing));
    QVERIFY(missing.contains(QStringLiteral("OpenBLAS")));
    QVERIFY(missing.contains(QStringLiteral("zlib")));
    QVERIFY(bare.missingCuda().first().contains(QStringLiteral("nvcc")));
}

void TestEngineBuild::buildsOnMachineThenReuses()
{
    SshdFixture sshd;
    SshSession s;
    if (!connect(sshd, s))
        QSKIP("the test sshd is not available");
    QTemporaryDir state;
    EngineSetupRequest r = request(sshd, state.path());

    QStringList lines;
    const auto collect = [&lines](const QString &line) { lines << line; };
    QElapsedTimer timer;
    timer.start();
    EngineSetupResult first;
    SshError e = EngineSetup::run(s, r, QString(), &first, {}, collect);
    QVERIFY2(!e, qPrintable(e.message));
    qInfo("remote build (CPU backend, -j2): %.1f s", double(timer.elapsed()) / 1000.0);
    QVERIFY2(first.built,
             qPrintable(first.buildNote + QLatin1Char('\n') + lines.join(QLatin1Char('\n'))));
    QVERIFY(!first.buildReused);
    QVERIFY(first.buildNote.isEmpty());
    QCOMPARE(first.origin, EngineSetupResult::Origin::BuiltOnMachine);
    QVERIFY(!first.uploaded); // the bundled binary did not travel
    QCOMPARE(first.sourceHash,
             QString::fromLatin1(EngineSource::treeHash(EngineSource::embedded())));
    QVERIFY2(first.enginePath.startsWith(sshd.remoteRoot() + QStringLiteral("/engine/build-")),
             qPrintable(first.enginePath));
    QVERIFY(first.enginePath.endsWith(QStringLiteral("/traindeck-engine")));
    QVERIFY(QFileInfo(first.enginePath).isExecutable()); // the "remote" is this machine
    QVERIFY(QFileInfo::exists(sshd.remoteRoot() + QStringLiteral("/engine/src-") +
                              first.sourceHash.left(16) + QStringLiteral("/CMakeLists.txt")));
    QVERIFY(!QFileInfo::exists(sshd.remoteRoot() + QStringLiteral("/engine/traindeck-engine")));
    // doctor of the new binary ran: built without CUDA, so CPU only.
    QCOMPARE(first.verdict, EngineSetupResult::Verdict::CpuOnly);
    QCOMPARE(first.doctor.value(QLatin1String("cuda_built")).toBool(true), false);
    QVERIFY(!first.doctor.value(QLatin1String("engine_version")).toString().isEmpty());
    // The compiler's progress reached the callback line by line.
    QVERIFY2(lines.filter(QStringLiteral("traindeck-engine")).size() >= 1,
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.size() >= 10);

    lines.clear();
    EngineSetupResult second;
    e = EngineSetup::run(s, r, QString(), &second, {}, collect);
    QVERIFY2(!e, qPrintable(e.message));
    QVERIFY(second.buildReused);
    QVERIFY(!second.built);
    QCOMPARE(second.enginePath, first.enginePath);
    QCOMPARE(second.verdict, EngineSetupResult::Verdict::CpuOnly);
    QVERIFY2(lines.size() <= 3, qPrintable(lines.join(QLatin1Char('\n')))); // no compiler output

    // Auto builds only where nvcc exists: then it finds the same CPU build; without nvcc it
    // keeps to the bundled binary and says nothing.
    EngineBuildProbe probe;
    QVERIFY(!EngineBuild::probe(s, &probe));
    r.buildFromSource = EngineBuildMode::Auto;
    EngineSetupResult third;
    e = EngineSetup::run(s, r, QString(), &third);
    QVERIFY2(!e, qPrintable(e.message));
    if (probe.nvccPath.isEmpty()) {
        QCOMPARE(third.origin, EngineSetupResult::Origin::Shipped);
        QVERIFY(third.uploaded);
        QVERIFY(third.buildNote.isEmpty());
    } else {
        QVERIFY2(third.buildReused, qPrintable(third.buildNote));
        QCOMPARE(third.enginePath, first.enginePath);
    }

    // Never: the bundled binary, without probing for tools.
    r.buildFromSource = EngineBuildMode::Never;
    EngineSetupResult fourth;
    e = EngineSetup::run(s, r, QString(), &fourth);
    QVERIFY2(!e, qPrintable(e.message));
    QCOMPARE(fourth.origin, EngineSetupResult::Origin::Shipped);
    QCOMPARE(fourth.enginePath, sshd.remoteRoot() + QStringLiteral("/engine/traindeck-engine"));
    QVERIFY(fourth.sourceHash.isEmpty());
}

void TestEngineBuild::failedBuildFallsBackToBundled()
{
    SshdFixture sshd;
    SshSession s;
    if (!connect(sshd, s))
        QSKIP("the test sshd is not available");
    QTemporaryDir state;
    EngineSetupRequest r = request(sshd, state.path());
    // The first source in the engine's list, so make stops early.
    r.sourcePatch.insert(QStringLiteral("src/backend/backend_factory.cpp"),
                         "#error deliberately broken by the test\n");
    QStringList lines;
    EngineSetupResult result;
    const SshError e = EngineSetup::run(s, r, QString(), &result, {},
                                        [&lines](const QString &line) { lines << line; });
    QVERIFY2(!e, qPrintable(e.message));
    QVERIFY(!result.built);
    QVERIFY(!result.buildReused);
    QCOMPARE(result.origin, EngineSetupResult::Origin::Shipped);
    QVERIFY(result.uploaded);
    QCOMPARE(result.enginePath, sshd.remoteRoot() + QStringLiteral("/engine/traindeck-engine"));
    QCOMPARE(result.verdict, EngineSetupResult::Verdict::CpuOnly); // the bundled one runs
    QVERIFY2(result.buildNote.contains(QStringLiteral("failed")), qPrintable(result.buildNote));
    QVERIFY2(result.buildNote.contains(QStringLiteral("deliberately broken by the test")),
             qPrintable(result.buildNote));
    QVERIFY(!lines.filter(QStringLiteral("deliberately broken by the test")).isEmpty());
    // The broken tree has its own hash, so it can never pass for the real source's build.
    QVERIFY(result.sourceHash !=
            QString::fromLatin1(EngineSource::treeHash(EngineSource::embedded())));
}

QTEST_GUILESS_MAIN(TestEngineBuild)
#include "test_engine_build.moc"
