// Data-parallel training on the CPU (`--device cpu --gpus 2`: two processes summing gradients
// through shared memory): shards are disjoint and cover every batch, the result equals a
// single-process run with the same global batch, only rank 0 writes metrics, runs repeat
// bit for bit and resume exactly.
#include "engine_process.h"
#include "io/checkpoint_file.h"

#include <QDir>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>

#include <cmath>

namespace {

QStringList trainArgs(const QString &out, const QStringList &extra)
{
    return QStringList{QStringLiteral("train"),
                       QStringLiteral("--data"),
                       QStringLiteral(TRAINDECK_TEST_DATA "/engine/fmnist-small"),
                       QStringLiteral("--out"),
                       out,
                       QStringLiteral("--threads"),
                       QStringLiteral("1"),
                       QStringLiteral("--optimizer"),
                       QStringLiteral("sgd"),
                       QStringLiteral("--lr"),
                       QStringLiteral("0.05"),
                       QStringLiteral("--log-every"),
                       QStringLiteral("1")} +
           extra;
}

// step -> sample indices, from a TRAINDECK_SHARD_TRACE file.
QMap<int, QList<qint64>> readTrace(const QString &path)
{
    QMap<int, QList<qint64>> steps;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return steps;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() < 2)
            continue;
        QList<qint64> &s = steps[parts[0].toInt()];
        for (int i = 1; i < parts.size(); ++i)
            s.append(parts[i].toLongLong());
    }
    return steps;
}

td::CheckpointData readCkpt(const QString &path)
{
    td::CheckpointData d;
    const td::Status s = td::readCheckpointFile(path.toStdString(), d);
    if (!s.isOk())
        qWarning("%s", s.message().c_str());
    return d;
}

// Largest |a - b| / (1e-3 + |b|) over all tensors; infinity when the layouts differ.
double maxRelDiff(const td::CheckpointData &a, const td::CheckpointData &b)
{
    if (a.tensors.size() != b.tensors.size() || a.tensors.empty())
        return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        const auto &x = a.tensors[i].data, &y = b.tensors[i].data;
        if (a.tensors[i].name != b.tensors[i].name || x.size() != y.size())
            return INFINITY;
        for (size_t k = 0; k < x.size(); ++k)
            worst =
                std::max(worst, std::abs(double(x[k]) - y[k]) / (1e-3 + std::abs(double(y[k]))));
    }
    return worst;
}

QStringList stableLines(const QList<QJsonObject> &lines)
{
    QStringList r;
    for (QJsonObject o : lines) {
        const QString event = o.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("start") || event == QLatin1String("checkpoint"))
            continue;
        for (const char *k : {"time", "elapsed", "samples_per_s"})
            o.remove(QLatin1String(k));
        r.append(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    return r;
}

EngineRun runTraced(const QStringList &args)
{
    qputenv("TRAINDECK_SHARD_TRACE", "1");
    EngineRun r = runEngine(args);
    qunsetenv("TRAINDECK_SHARD_TRACE");
    return r;
}

} // namespace

class TestEngineDist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(enginePath()), "TRAINDECK_ENGINE not set"); }

    // 181 training images in batches of 20 with grad_accum 2: the last micro-batch holds one
    // image, so rank 1 gets an empty shard there and the all-reduce runs after the step's
    // backward passes instead of overlapping the last one.
    void matchesSingleProcess_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("batch 32") << QStringList{QStringLiteral("--epochs"), QStringLiteral("2"),
                                                 QStringLiteral("--batch-size"),
                                                 QStringLiteral("32")};
        QTest::newRow("uneven, grad accum")
            << QStringList{QStringLiteral("--epochs"),      QStringLiteral("1"),
                           QStringLiteral("--batch-size"),  QStringLiteral("20"),
                           QStringLiteral("--grad-accum"),  QStringLiteral("2"),
                           QStringLiteral("--limit-train"), QStringLiteral("201")};
    }

    void matchesSingleProcess()
    {
        QFETCH(QStringList, extra);
        QTemporaryDir single, dist;
        const EngineRun a = runTraced(trainArgs(single.path(), extra));
        QVERIFY2(a.exitCode == 0, a.err.constData());
        const EngineRun b = runTraced(trainArgs(
            dist.path(), extra + QStringList{QStringLiteral("--gpus"), QStringLiteral("2")}));
        QVERIFY2(b.exitCode == 0, b.err.constData());

        // (a) Shards: per step disjoint, and together exactly the single-process batch.
        const auto whole = readTrace(single.filePath(QStringLiteral("shards-rank0.txt")));
        const auto r0 = readTrace(dist.filePath(QStringLiteral("shards-rank0.txt")));
        const auto r1 = readTrace(dist.filePath(QStringLiteral("shards-rank1.txt")));
        QVERIFY(!whole.isEmpty());
        QCOMPARE(whole.lastKey(),
                 a.events(QStringLiteral("end")).first().value(QStringLiteral("steps")).toInt());
        QSet<qint64> epochSeen;
        for (auto it = whole.begin(); it != whole.end(); ++it) {
            const QList<qint64> s0 = r0.value(it.key()), s1 = r1.value(it.key());
            QVERIFY2(!s0.isEmpty(), "rank 0 trained on nothing in a step");
            QSet<qint64> u0(s0.begin(), s0.end()), u1(s1.begin(), s1.end());
            QCOMPARE(u0.size(), s0.size());
            QVERIFY(!u0.intersects(u1));
            QList<qint64> joined = s0 + s1, expected = it.value();
            std::sort(joined.begin(), joined.end());
            std::sort(expected.begin(), expected.end());
            QCOMPARE(joined, expected);
            epochSeen.unite(u0).unite(u1);
        }
        const int trainCount = a.lines.first().value(QStringLiteral("train_samples")).toInt();
        QCOMPARE(epochSeen.size(), trainCount); // every training image was used

        // (b) Same global batch, same result up to float summation order.
        const QList<QJsonObject> sa = a.events(QStringLiteral("step")),
                                 sb = b.events(QStringLiteral("step"));
        QCOMPARE(sa.size(), sb.size());
        for (int i = 0; i < sa.size(); ++i) {
            const double la = sa[i].value(QStringLiteral("loss")).toDouble();
            const double lb = sb[i].value(QStringLiteral("loss")).toDouble();
            QVERIFY2(std::abs(la - lb) <= 1e-4 * la,
                     qPrintable(QStringLiteral("step %1: %2 vs %3").arg(i).arg(la).arg(lb)));
        }
        const double diff =
            maxRelDiff(readCkpt(dist.filePath(QStringLiteral("final/model.tdk"))),
                       readCkpt(single.filePath(QStringLiteral("final/model.tdk"))));
        QVERIFY2(diff < 1e-4, qPrintable(QString::number(diff)));

        // (c) Rank 0 alone writes metrics: one start (world size 2), one end, the file is
        // what stdout got, and no rendezvous file is left behind.
        QCOMPARE(b.events(QStringLiteral("start")).size(), 1);
        QCOMPARE(b.events(QStringLiteral("end")).size(), 1);
        QCOMPARE(b.lines.first().value(QStringLiteral("world_size")).toInt(), 2);
        QFile file(dist.filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), b.out);
        QCOMPARE(
            QDir(dist.path()).entryList({QStringLiteral(".dist-*")}, QDir::Hidden | QDir::Files),
            QStringList());
    }

    // The reduction order is fixed, so a data-parallel run repeats bit for bit, and resuming
    // it from a checkpoint gives the straight run's weights exactly.
    void deterministicAndResumable()
    {
        QTemporaryDir straight, again, split;
        const QStringList common = {QStringLiteral("--gpus"), QStringLiteral("2"),
                                    QStringLiteral("--batch-size"), QStringLiteral("32")};
        const QStringList two =
            common + QStringList{QStringLiteral("--epochs"), QStringLiteral("2")};
        const EngineRun a = runEngine(trainArgs(straight.path(), two));
        const EngineRun b = runEngine(trainArgs(again.path(), two));
        QVERIFY2(a.exitCode == 0 && b.exitCode == 0, a.err.constData());
        QCOMPARE(stableLines(a.lines), stableLines(b.lines));
        const td::CheckpointData fa =
            readCkpt(straight.filePath(QStringLiteral("final/model.tdk")));
        QCOMPARE(maxRelDiff(readCkpt(again.filePath(QStringLiteral("final/model.tdk"))), fa), 0.0);

        const EngineRun c1 = runEngine(trainArgs(
            split.path(), common + QStringList{QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(c1.exitCode, 0);
        const EngineRun c2 =
            runEngine(trainArgs(split.path(), two + QStringList{QStringLiteral("--resume")}));
        QVERIFY2(c2.exitCode == 0, c2.err.constData());
        QVERIFY(c2.lines.first().contains(QStringLiteral("resumed_step")));
        QList<QJsonObject> joined = c1.lines;
        joined.removeLast();
        joined += c2.lines;
        QCOMPARE(stableLines(joined), stableLines(a.lines));
        QCOMPARE(maxRelDiff(readCkpt(split.filePath(QStringLiteral("final/model.tdk"))), fa), 0.0);
    }

    void rankSettingsAreChecked()
    {
        QTemporaryDir out;
        // A hand-started rank without a run id cannot find its peers' rendezvous files.
        EngineRun r = runEngine(
            trainArgs(out.filePath(QStringLiteral("a")),
                      {QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--rank"),
                       QStringLiteral("0"), QStringLiteral("--world-size"), QStringLiteral("2")}));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.lines.last().value(QStringLiteral("kind")).toString(), QStringLiteral("config"));
        QVERIFY(r.lines.last()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("DIST_ID")));
        r = runEngine(
            trainArgs(out.filePath(QStringLiteral("b")),
                      {QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--rank"),
                       QStringLiteral("2"), QStringLiteral("--world-size"), QStringLiteral("2")}));
        QCOMPARE(r.exitCode, 2);
        // A failing run under the launcher: every rank fails on the data, the launcher returns
        // the data error code and the file ends with one error line from rank 0.
        r = runEngine({QStringLiteral("train"), QStringLiteral("--data"),
                       out.filePath(QStringLiteral("missing")), QStringLiteral("--out"),
                       out.filePath(QStringLiteral("c")), QStringLiteral("--gpus"),
                       QStringLiteral("2")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.events(QStringLiteral("error")).size(), 1);
        QCOMPARE(r.lines.last().value(QStringLiteral("kind")).toString(), QStringLiteral("data"));
    }
};

QTEST_GUILESS_MAIN(TestEngineDist)
#include "tst_engine_dist.moc"
