// The metrics JSON Lines parser and the whole-line file follower.
#include "core/jobs/LineFollower.h"
#include "core/jobs/MetricLineParser.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

class TestMetricLines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void keepsRawTextOfGarbage();
    void followerSplitsAtEveryBoundary();
    void followerKeepsPartialLine();
    void followerReattachesFromOffset();
    void followerReportsShrunkFile();
};

void TestMetricLines::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("split");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("valueName");
    QTest::addColumn<double>("value");

    QTest::newRow("step")
        << QByteArray(
               R"({"v":1,"event":"step","step":100,"epoch":0,"loss":0.5123,"lr":0.01,"samples_per_s":51234.5,"elapsed":12.3,"time":1732345678.1})")
        << true << "step"
        << "" << qint64(100) << "loss" << 0.5123;
    QTest::newRow("eval test")
        << QByteArray(
               R"({"v":1,"event":"eval","step":469,"epoch":0,"split":"test","loss":0.35,"accuracy":0.874})")
        << true << "eval"
        << "test" << qint64(469) << "accuracy" << 0.874;
    QTest::newRow("end")
        << QByteArray(
               R"({"v":1,"event":"end","status":"ok","final_test_accuracy":0.912,"elapsed":3.5})")
        << true << "end"
        << "" << qint64(-1) << "final_test_accuracy" << 0.912;
    QTest::newRow("crlf") << QByteArray("{\"v\":1,\"event\":\"step\",\"step\":3,\"loss\":1.5}\r")
                          << true << "step"
                          << "" << qint64(3) << "loss" << 1.5;
    QTest::newRow("unknown event kept")
        << QByteArray(R"({"v":1,"event":"future_thing","weird":2})") << true << "future_thing"
        << "" << qint64(-1) << "weird" << 2.0;
    QTest::newRow("unknown field kept")
        << QByteArray(R"({"v":1,"event":"step","step":1,"loss":2,"new_field":7})") << true << "step"
        << "" << qint64(1) << "new_field" << 7.0;
    QTest::newRow("empty") << QByteArray() << false << ""
                           << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("partial") << QByteArray(R"({"v":1,"event":"st)") << false << ""
                             << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("not json") << QByteArray("Traceback (most recent call last):") << false << ""
                              << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("array") << QByteArray("[1,2,3]") << false << ""
                           << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("no event") << QByteArray(R"({"v":1,"step":1})") << false << ""
                              << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("event not string") << QByteArray(R"({"v":1,"event":5})") << false << ""
                                      << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("future version")
        << QByteArray(R"({"v":2,"event":"step","step":1})") << false << ""
        << "" << qint64(-1) << "" << 0.0;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << false << ""
                            << "" << qint64(-1) << "" << 0.0;
}

void TestMetricLines::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, ok);
    QFETCH(QString, event);
    QFETCH(QString, split);
    QFETCH(qint64, step);
    QFETCH(QString, valueName);
    QFETCH(double, value);

    const ParsedMetricLine p = parseMetricLine(line, 42);
    QCOMPARE(p.ok, ok);
    QCOMPARE(p.row.seq, qint64(42));
    if (!ok) {
        QVERIFY(!p.error.isEmpty());
        QVERIFY(p.row.values.isEmpty());
        return;
    }
    QCOMPARE(p.row.event, event);
    QCOMPARE(p.row.split, split);
    QCOMPARE(p.row.step.value_or(-1), step);
    const auto v = metricValue(p.row, valueName);
    QVERIFY2(v.has_value(), qPrintable(valueName));
    QCOMPARE(*v, value);
    // Structural fields have their own columns, never a metric value.
    QVERIFY(!metricValue(p.row, QStringLiteral("step")));
    QVERIFY(!metricValue(p.row, QStringLiteral("v")));
}

void TestMetricLines::keepsRawTextOfGarbage()
{
    const ParsedMetricLine p = parseMetricLine("oops {not json", 7);
    QVERIFY(!p.ok);
    QCOMPARE(p.row.text, QStringLiteral("oops {not json"));
}

void TestMetricLines::followerSplitsAtEveryBoundary()
{
    const QByteArray data = "{\"event\":\"a\"}\n\n{\"event\":\"b\"}\nxyz\n{\"event\":\"c\"}\n";
    for (int cut = 0; cut <= data.size(); ++cut) {
        LineFollower f;
        QList<QByteArray> lines = f.feed(data.left(cut));
        lines += f.feed(data.mid(cut));
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.at(1), QByteArray());
        QCOMPARE(lines.at(3), QByteArray("xyz"));
        QCOMPARE(f.offset(), qint64(data.size()));
        QCOMPARE(f.pendingBytes(), 0);
    }
}

void TestMetricLines::followerKeepsPartialLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metrics.jsonl"));
    LineFollower f;
    QList<QByteArray> lines;
    QVERIFY(f.poll(path, &lines)); // not there yet: not an error
    QVERIFY(lines.isEmpty());

    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    file.write("{\"event\":\"step\",\"step\":1}\n{\"event\":\"st");
    QVERIFY(f.poll(path, &lines));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(f.offset(), qint64(26));
    file.write("ep\",\"step\":2}\n");
    lines.clear();
    QVERIFY(f.poll(path, &lines));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first(), QByteArray("{\"event\":\"step\",\"step\":2}"));
}

void TestMetricLines::followerReattachesFromOffset()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 100; ++i)
        file.write(QByteArray("line ") + QByteArray::number(i) + '\n');
    file.close();

    LineFollower first;
    QList<QByteArray> a;
    QVERIFY(first.poll(path, &a));
    // Resume from the offset after line 49: the rest arrive once, none twice.
    qint64 offset = 0;
    for (int i = 0; i < 50; ++i)
        offset += a.at(i).size() + 1;
    LineFollower second(offset);
    QList<QByteArray> b;
    QVERIFY(second.poll(path, &b));
    QCOMPARE(b.size(), 50);
    QCOMPARE(b.first(), QByteArray("line 50"));
    QCOMPARE(a.mid(50), b);
}

void TestMetricLines::followerReportsShrunkFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("short\n");
    file.close();
    LineFollower f(1000);
    QList<QByteArray> lines;
    QString error;
    QVERIFY(!f.poll(path, &lines, &error));
    QVERIFY(error.contains(QStringLiteral("m.jsonl")));
}

QTEST_GUILESS_MAIN(TestMetricLines)
#include "test_metric_lines.moc"
