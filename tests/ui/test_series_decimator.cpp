// Min-max decimation keeps extremes and bounds the point count.
#include "ui/charts/SeriesDecimator.h"

#include <QTest>

#include <cmath>

using namespace td;

class TestSeriesDecimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void smallSeriesUntouched();
    void boundsAndExtremes();
    void visibleRangeOnly();
    void emptyAndDegenerate();
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

QTEST_GUILESS_MAIN(TestSeriesDecimator)
#include "test_series_decimator.moc"
