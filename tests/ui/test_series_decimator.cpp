// Min-max decimation keeps extremes and bounds the point count.
#include "ui/charts/IndexedSeries.h"
#include "ui/charts/SeriesDecimator.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace td;

class TestSeriesDecimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void smallSeriesUntouched();
    void boundsAndExtremes();
    void visibleRangeOnly();
    void emptyAndDegenerate();
    void indexedMatchesLinearScan_data();
    void indexedMatchesLinearScan();
    void indexedOutOfOrderInsert();
};

void TestSeriesDecimator::smallSeriesUntouched()
{
    std::vector<QPointF> pts{{0, 1}, {1, 2}, {2, 3}};
    QCOMPARE(decimateMinMax(pts, 0, 2, 100).size(), 3);
}

void TestSeriesDecimator::boundsAndExtremes()
{
    std::vector<QPointF> pts;
    for (int i = 0; i < 1000000; ++i)
        pts.emplace_back(i, std::sin(i * 0.001));
    pts[500000].setY(50.0); // a spike must survive
    pts[700000].setY(-50.0);
    const QList<QPointF> out = decimateMinMax(pts, 0, 999999, 800);
    QVERIFY(out.size() <= 2 * 800 + 2);
    QVERIFY(out.size() >= 800);
    double hi = -1e9, lo = 1e9;
    for (int i = 0; i < out.size(); ++i) {
        hi = std::max(hi, out.at(i).y());
        lo = std::min(lo, out.at(i).y());
        if (i > 0)
            QVERIFY(out.at(i).x() >= out.at(i - 1).x());
    }
    QCOMPARE(hi, 50.0);
    QCOMPARE(lo, -50.0);
}

void TestSeriesDecimator::visibleRangeOnly()
{
    std::vector<QPointF> pts;
    for (int i = 0; i < 10000; ++i)
        pts.emplace_back(i, i);
    const QList<QPointF> out = decimateMinMax(pts, 1000, 2000, 2000);
    // Everything in range plus one neighbour each side.
    QCOMPARE(out.size(), 1003);
    QCOMPARE(out.first().x(), 999.0);
    QCOMPARE(out.last().x(), 2001.0);
}

void TestSeriesDecimator::emptyAndDegenerate()
{
    QVERIFY(decimateMinMax({}, 0, 1, 10).isEmpty());
    std::vector<QPointF> pts{{1, 1}};
    QCOMPARE(decimateMinMax(pts, 0, 2, 0).size(), 0);
    QCOMPARE(decimateMinMax(pts, 2, 0, 10).size(), 0);
}

void TestSeriesDecimator::indexedMatchesLinearScan_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("xMin");
    QTest::addColumn<double>("xMax");
    QTest::addColumn<int>("columns");
    // Integer x and whole column widths, so both agree on which column a point falls in.
    QTest::newRow("whole range") << 300000 << 0.0 << 300000.0 << 1000;
    QTest::newRow("zoomed") << 300000 << 120000.0 << 150000.0 << 600;
    QTest::newRow("near start") << 300000 << 0.0 << 640.0 << 64;
    QTest::newRow("small") << 5000 << 100.0 << 4100.0 << 40;
    QTest::newRow("sparse") << 1000 << 0.0 << 1000.0 << 800;
    // Columns thousands of points wide, unaligned to the pyramid's blocks: a query walks
    // several levels up and scans partial blocks at both ends of each.
    QTest::newRow("wide columns") << 300000 << 1000.0 << 297000.0 << 37;
}

void TestSeriesDecimator::indexedMatchesLinearScan()
{
    QFETCH(int, count);
    QFETCH(double, xMin);
    QFETCH(double, xMax);
    QFETCH(int, columns);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> y(-1.0, 1.0);
    std::vector<QPointF> pts;
    IndexedSeries indexed;
    for (int i = 0; i < count; ++i) {
        pts.emplace_back(i, y(rng));
        indexed.insert(pts.back()); // built by appends, as live data is
    }
    const QList<QPointF> expected = decimateMinMax(pts, xMin, xMax, columns);
    const QList<QPointF> actual = indexed.decimate(xMin, xMax, columns);
    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(actual, expected);
}

void TestSeriesDecimator::indexedOutOfOrderInsert()
{
    IndexedSeries s;
    for (int i = 0; i < 10000; i += 2)
        s.insert(QPointF(i, 0));
    s.insert(QPointF(5001, 9.0)); // late row: goes in the middle and must still be found
    QCOMPARE(s.size(), size_t(5001));
    QVERIFY(std::is_sorted(s.points().begin(), s.points().end(),
                           [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
    const QList<QPointF> out = s.decimate(0, 10000, 10);
    QVERIFY(out.size() <= 2 * 10 + 2);
    QVERIFY(std::any_of(out.begin(), out.end(), [](const QPointF &p) { return p.y() == 9.0; }));
}

QTEST_GUILESS_MAIN(TestSeriesDecimator)
#include "test_series_decimator.moc"
