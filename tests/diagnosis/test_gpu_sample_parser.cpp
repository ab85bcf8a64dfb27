// gpu.csv parsing: real nvidia-smi query outputs recorded by users, synthetic rows for the
// placeholders nobody has published, incremental feeding at every byte boundary, and garbage.
#include "FixtureText.h"

#include "core/diagnosis/GpuSampleParser.h"
#include "core/diagnosis/NvidiaSmiCsv.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <limits>

using namespace td;

namespace {

using Opt = std::optional<double>;
constexpr Opt NA = std::nullopt;
constexpr double kNoTime = std::numeric_limits<double>::quiet_NaN();
// 2024-05-03 12:34:56.789 UTC
constexpr double kT0 = 1714739696.789;

GpuSample sample(int gpu, double time, Opt util, Opt memUtil, Opt memUsed, Opt memTotal, Opt temp,
                 Opt power, Opt smClock)
{
    GpuSample s;
    s.gpu = gpu;
    s.time = time;
    s.util = util;
    s.memUtil = memUtil;
    s.memUsed = memUsed;
    s.memTotal = memTotal;
    s.temp = temp;
    s.power = power;
    s.smClock = smClock;
    return s;
}

QString describe(const Opt &v)
{
    return v ? QString::number(*v, 'f', 6) : QStringLiteral("null");
}

bool sameOpt(const Opt &a, const Opt &b)
{
    return a.has_value() == b.has_value() && (!a || std::abs(*a - *b) < 1e-6);
}

// The first difference between two sample lists, or an empty string. Times compare to a
// microsecond; a missing time (NaN) equals a missing time.
QString difference(const QList<GpuSample> &actual, const QList<GpuSample> &expected)
{
    if (actual.size() != expected.size())
        return QStringLiteral("%1 samples, expected %2").arg(actual.size()).arg(expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const GpuSample &a = actual.at(i);
        const GpuSample &e = expected.at(i);
        const bool timeOk =
            (std::isnan(a.time) && std::isnan(e.time)) || std::abs(a.time - e.time) < 1e-6;
        const std::pair<const char *, std::pair<Opt, Opt>> fields[] = {
            {"util", {a.util, e.util}},          {"memUtil", {a.memUtil, e.memUtil}},
            {"memUsed", {a.memUsed, e.memUsed}}, {"memTotal", {a.memTotal, e.memTotal}},
            {"temp", {a.temp, e.temp}},          {"power", {a.power, e.power}},
            {"smClock", {a.smClock, e.smClock}},
        };
        if (a.gpu != e.gpu)
            return QStringLiteral("sample %1: gpu %2, expected %3").arg(i).arg(a.gpu).arg(e.gpu);
        if (!timeOk) {
            return QStringLiteral("sample %1: time %2, expected %3")
                .arg(i)
                .arg(a.time, 0, 'f', 6)
                .arg(e.time, 0, 'f', 6);
        }
        for (const auto &[name, values] : fields) {
            if (!sameOpt(values.first, values.second)) {
                return QStringLiteral("sample %1: %2 %3, expected %4")
                    .arg(i)
                    .arg(QLatin1StringView(name), describe(values.first), describe(values.second));
            }
        }
    }
    return {};
}

QList<GpuSample> notSupportedRows(double shift)
{
    return {
        sample(0, kT0 + shift, 87, 45, 30517, 81559, 64, 312.45, 1980),
        sample(1, kT0 + 0.002 + shift, NA, NA, 0, 81559, 35, NA, NA),
        sample(0, kT0 + 1.001 + shift, 0, 0, 1024, 24576, 41, NA, 210),
        sample(1, kT0 + 1.003 + shift, NA, NA, 612, 8192, NA, NA, NA),
        sample(0, kT0 + 2.006 + shift, NA, 3, 2048, 16384, NA, 25.10, NA),
    };
}

// A-2 is a Python list printed by the tool that ran nvidia-smi: the row is its first element
// and the column names are those of the recorded command line.
void pythonListRow(const QByteArray &fixture, QByteArray *row, QStringList *columns)
{
    const QString text = QString::fromUtf8(fixture);
    const QRegularExpressionMatch query =
        QRegularExpression(QStringLiteral(R"(--query-gpu=([\w.,]+))")).match(text);
    const QRegularExpressionMatch first =
        QRegularExpression(QStringLiteral(R"(\['([^']*)')")).match(text);
    *columns = query.captured(1).split(u',');
    *row = first.captured(1).toUtf8() + '\n';
}

} // namespace

Q_DECLARE_METATYPE(GpuSample)

class TestGpuSampleParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void standardQueryMatchesSampler()
    {
        // The sampler's command line (DESIGN.md) and the parser's default layout must agree.
        QCOMPARE(GpuSampleParser::standardColumns().join(u','),
                 QStringLiteral("index,timestamp,utilization.gpu,utilization.memory,memory.used,"
                                "memory.total,temperature.gpu,power.draw,clocks.sm"));
    }

    void fixtures_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<int>("utcOffset");
        QTest::addColumn<QList<GpuSample>>("expected");
        QTest::addColumn<int>("malformed");

        const QStringList standard = GpuSampleParser::standardColumns();
        const QByteArray s1 =
            test::fixtureBytes(QStringLiteral("S-1-query-csv-synthetic-not-supported.txt"));
        QTest::newRow("synthetic placeholders, UTC")
            << s1 << standard << 0 << notSupportedRows(0) << 0;
        QTest::newRow("synthetic placeholders, UTC+8")
            << s1 << standard << 8 * 3600 << notSupportedRows(-8 * 3600) << 0;
        QTest::newRow("synthetic placeholders, UTC-5")
            << s1 << standard << -5 * 3600 << notSupportedRows(5 * 3600) << 0;
        QTest::newRow("synthetic placeholders, CRLF")
            << QByteArray(s1).replace("\n", "\r\n") << standard << 0 << notSupportedRows(0) << 0;

        QTest::newRow("synthetic header with units, reordered")
            << test::fixtureBytes(
                   QStringLiteral("S-2-query-csv-synthetic-header-units-reordered.txt"))
            << standard << 0
            << QList<GpuSample>{sample(0, kT0, 87, 45, 30517, 81559, 64, 312.45, 1980),
                                sample(1, kT0 + 0.002, NA, NA, 0, 81559, 35, NA, NA)}
            << 0;

        // Header and units, no index or timestamp; the shell prompt, the command line and the
        // `time` lines around it are garbage to the parser. Graphics clocks are not SM clocks.
        QTest::newRow("A-1 header, units, two GPUs")
            << test::fixtureBytes(QStringLiteral("A-1-query-csv-header-multigpu.txt")) << standard
            << 0
            << QList<GpuSample>{sample(-1, kNoTime, 36, NA, 2856, 11175, 60, 106.56, NA),
                                sample(-1, kNoTime, 0, NA, 4, 6078, 49, 5.68, NA)}
            << 4;

        QTest::newRow("A-15 Windows nounits, [Unknown Error] column")
            << test::fixtureBytes(QStringLiteral("A-15-query-csv-nounits-unknown-error-win.txt"))
            << standard << 0
            << QList<GpuSample>{sample(-1, kNoTime, 100, 37, NA, NA, 56, 228.82, NA)} << 1;

        QByteArray row;
        QStringList columns;
        pythonListRow(test::fixtureBytes(QStringLiteral("A-2-query-csv-noheader-nounits-NA.txt")),
                      &row, &columns);
        QTest::newRow("A-2 noheader nounits with N/A, query columns")
            << row << columns << 0
            << QList<GpuSample>{sample(-1, kNoTime, 86, 55, NA, 7979, 45, 176.98, 1965)} << 0;

        // A mig.mode query is another table: no sample, its lines counted.
        QTest::newRow("A-11 MIG mode query")
            << test::fixtureBytes(QStringLiteral("A-11-query-csv-mig-mode-H100.txt")) << standard
            << 0 << QList<GpuSample>{} << 3;
    }

    void fixtures()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, columns);
        QFETCH(int, utcOffset);
        QFETCH(QList<GpuSample>, expected);
        QFETCH(int, malformed);
        QVERIFY(!input.isEmpty());

        GpuSampleParser parser(utcOffset, columns);
        const GpuSampleParser::Result result = parser.parseAll(input);
        const QString diff = difference(result.samples, expected);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(result.malformed, malformed);
        QCOMPARE(result.consumed, qint64(input.size()));
    }

    void splitAtEveryByte_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("synthetic placeholders")
            << test::fixtureBytes(QStringLiteral("S-1-query-csv-synthetic-not-supported.txt"));
        QTest::newRow("synthetic header, CRLF")
            << test::fixtureBytes(
                   QStringLiteral("S-2-query-csv-synthetic-header-units-reordered.txt"))
                   .replace("\n", "\r\n");
        QTest::newRow("A-1 with garbage lines")
            << test::fixtureBytes(QStringLiteral("A-1-query-csv-header-multigpu.txt"));
        QTest::newRow("UTF-8 name column")
            << QByteArray("name, utilization.gpu [%]\nGeForce \xc3\xa9t\xc3\xa9 GPU, 12 %\n");
    }

    void splitAtEveryByte()
    {
        QFETCH(QByteArray, input);
        GpuSampleParser reference;
        const GpuSampleParser::Result whole = reference.parseAll(input);
        QVERIFY(!whole.samples.isEmpty());

        for (qsizetype cut = 0; cut <= input.size(); ++cut) {
            GpuSampleParser parser;
            const GpuSampleParser::Result first = parser.feed(QByteArrayView(input).first(cut));
            // Only whole lines are consumed: the offset handed out sits after a newline.
            QVERIFY(first.consumed == 0 || input.at(first.consumed - 1) == '\n');
            QCOMPARE(first.consumed + parser.pendingBytes(), qint64(cut));
            const GpuSampleParser::Result second = parser.feed(QByteArrayView(input).sliced(cut));
            const GpuSampleParser::Result last = parser.finish();
            const QList<GpuSample> samples = first.samples + second.samples + last.samples;
            const QString diff = difference(samples, whole.samples);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(diff)));
            QCOMPARE(first.malformed + second.malformed + last.malformed, whole.malformed);
            QCOMPARE(first.consumed + second.consumed + last.consumed, qint64(input.size()));
        }

        GpuSampleParser byteByByte;
        QList<GpuSample> samples;
        int malformed = 0;
        for (char c : input) {
            const GpuSampleParser::Result r = byteByByte.feed(QByteArrayView(&c, 1));
            samples += r.samples;
            malformed += r.malformed;
        }
        const GpuSampleParser::Result last = byteByByte.finish();
        samples += last.samples;
        malformed += last.malformed;
        const QString diff = difference(samples, whole.samples);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(malformed, whole.malformed);
    }

    void keepsPartialLineForLater()
    {
        const QByteArray first =
            "0, 2024/05/03 12:34:56.789, 87, 45, 30517, 81559, 64, 312.45, 1980\n";
        const QByteArray partial = "1, 2024/05/03 12:34:56.791, 5, 4, 10";
        GpuSampleParser parser;
        GpuSampleParser::Result r = parser.feed(QByteArray(first + partial));
        QCOMPARE(r.samples.size(), 1);
        QCOMPARE(r.consumed, qint64(first.size()));
        QCOMPARE(parser.pendingBytes(), partial.size());

        r = parser.feed(", 81559, 35, 60.5, 1410\n");
        QCOMPARE(r.samples.size(), 1);
        QCOMPARE(r.samples.first().gpu, 1);
        QCOMPARE(r.samples.first().smClock, Opt(1410));
        QCOMPARE(r.consumed, qint64(partial.size() + 24));
        QCOMPARE(parser.pendingBytes(), 0);

        // A sampler killed mid-row leaves a truncated last line: malformed once the file is done.
        parser.feed("0, 2024/05/03 12:34:57.789, 87");
        r = parser.finish();
        QCOMPARE(r.samples.size(), 0);
        QCOMPARE(r.malformed, 1);
    }

    void garbageLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("malformed");
        QTest::newRow("words") << QByteArray("Killed") << 1;
        QTest::newRow("too few fields") << QByteArray("0, 2024/05/03 12:34:56.789, 87") << 1;
        QTest::newRow("too many fields")
            << QByteArray("0, 2024/05/03 12:34:56.789, 1, 2, 3, 4, 5, 6, 7, 8") << 1;
        QTest::newRow("bad index")
            << QByteArray("x, 2024/05/03 12:34:56.789, 1, 2, 3, 4, 5, 6, 7") << 1;
        QTest::newRow("negative index")
            << QByteArray("-1, 2024/05/03 12:34:56.789, 1, 2, 3, 4, 5, 6, 7") << 1;
        QTest::newRow("bad time") << QByteArray("0, yesterday, 1, 2, 3, 4, 5, 6, 7") << 1;
        QTest::newRow("month 13") << QByteArray("0, 2024/13/03 12:34:56.789, 1, 2, 3, 4, 5, 6, 7")
                                  << 1;
        QTest::newRow("missing time") << QByteArray("0, [N/A], 1, 2, 3, 4, 5, 6, 7") << 1;
        QTest::newRow("text in number")
            << QByteArray("0, 2024/05/03 12:34:56.789, busy, 2, 3, 4, 5, 6, 7") << 1;
        QTest::newRow("unknown unit")
            << QByteArray("0, 2024/05/03 12:34:56.789, 1, 2, 3, 4, 5 parsecs, 6, 7") << 1;
        QTest::newRow("two rows glued")
            << QByteArray("0, 2024/05/03 12:34:56.789, 1, 2, 3, 40, 2024/05/03 12:34:57.789, 1")
            << 1;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01, \x80", 6) << 1;
        QTest::newRow("foreign header") << QByteArray("pci.bus_id, mig.mode.current") << 1;
        QTest::newRow("blank") << QByteArray("   ") << 0;
        QTest::newRow("empty") << QByteArray("") << 0;
    }

    void garbageLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, malformed);
        const QByteArray good =
            "0, 2024/05/03 12:34:56.789, 87, 45, 30517, 81559, 64, 312.45, 1980\n";
        GpuSampleParser parser;
        const GpuSampleParser::Result r = parser.parseAll(QByteArray(good + line + '\n' + good));
        // Never fatal: the rows around the garbage still parse.
        QCOMPARE(r.samples.size(), 2);
        QCOMPARE(r.malformed, malformed);
    }

    void overlongLineIsDropped()
    {
        const QByteArray good =
            "0, 2024/05/03 12:34:56.789, 87, 45, 30517, 81559, 64, 312.45, 1980\n";
        const QByteArray junk(GpuSampleParser::kMaxLineBytes + 10, 'a');
        GpuSampleParser parser;
        GpuSampleParser::Result r = parser.feed(junk.first(GpuSampleParser::kMaxLineBytes / 2));
        r = parser.feed(junk.sliced(GpuSampleParser::kMaxLineBytes / 2));
        QCOMPARE(r.malformed, 1);
        QCOMPARE(parser.pendingBytes(), 0); // not buffered without bound
        r = parser.feed(QByteArray("aaa\n" + good));
        QCOMPARE(r.malformed, 0);
        QCOMPARE(r.samples.size(), 1);
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("offset");
        QTest::addColumn<double>("expected"); // NaN: rejected
        const double no = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("nvidia-smi") << QStringLiteral("2024/05/03 12:34:56.789") << 0 << kT0;
        QTest::newRow("east of UTC")
            << QStringLiteral("2024/05/03 20:34:56.789") << 8 * 3600 << kT0;
        QTest::newRow("west of UTC")
            << QStringLiteral("2024/05/03 07:34:56.789") << -5 * 3600 << kT0;
        QTest::newRow("half-hour zone")
            << QStringLiteral("2024/05/03 18:04:56.789") << 19800 << kT0;
        QTest::newRow("no fraction") << QStringLiteral("2024/05/03 12:34:56") << 0 << kT0 - 0.789;
        QTest::newRow("dashes and T") << QStringLiteral("2024-05-03T12:34:56.789") << 0 << kT0;
        QTest::newRow("epoch") << QStringLiteral("1970/01/01 00:00:00.000") << 0 << 0.0;
        QTest::newRow("leap day") << QStringLiteral("2024/02/29 00:00:00.000") << 0 << 1709164800.0;
        QTest::newRow("across midnight")
            << QStringLiteral("2023/12/31 23:30:00.500") << -3600 << 1704069000.5;
        QTest::newRow("empty") << QString() << 0 << no;
        QTest::newRow("day 32") << QStringLiteral("2024/05/32 12:34:56.789") << 0 << no;
        QTest::newRow("hour 24") << QStringLiteral("2024/05/03 24:00:00.000") << 0 << no;
        QTest::newRow("trailing zone") << QStringLiteral("2024/05/03 12:34:56.789 UTC") << 0 << no;
        QTest::newRow("dot without digits") << QStringLiteral("2024/05/03 12:34:56.") << 0 << no;
        QTest::newRow("short year") << QStringLiteral("24/05/03 12:34:56.789") << 0 << no;
    }

    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(int, offset);
        QFETCH(double, expected);
        const std::optional<double> time = GpuSampleParser::parseTimestamp(text, offset);
        if (std::isnan(expected)) {
            QVERIFY(!time);
            return;
        }
        QVERIFY(time);
        QVERIFY2(std::abs(*time - expected) < 1e-6,
                 qPrintable(QString(QString::number(*time, 'f', 6) + u" != " +
                                    QString::number(expected, 'f', 6))));
    }

    void numbers_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("expected"); // NaN: std::nullopt
        const double none = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("percent") << QStringLiteral("36 %") << true << 36.0;
        QTest::newRow("MiB") << QStringLiteral("11175 MiB") << true << 11175.0;
        QTest::newRow("GiB to MiB") << QStringLiteral("1.5 GiB") << true << 1536.0;
        QTest::newRow("KiB to MiB") << QStringLiteral("512 KiB") << true << 0.5;
        QTest::newRow("watts") << QStringLiteral("106.56 W") << true << 106.56;
        QTest::newRow("MHz") << QStringLiteral("1936 MHz") << true << 1936.0;
        QTest::newRow("nounits") << QStringLiteral(" 228.82 ") << true << 228.82;
        QTest::newRow("[N/A]") << QStringLiteral("[N/A]") << true << none;
        QTest::newRow("N/A") << QStringLiteral("N/A") << true << none;
        QTest::newRow("[Not Supported]") << QStringLiteral("[Not Supported]") << true << none;
        QTest::newRow("[Unknown Error]") << QStringLiteral("[Unknown Error]") << true << none;
        QTest::newRow("[GPU requires reset]")
            << QStringLiteral("[GPU requires reset]") << true << none;
        QTest::newRow("empty") << QString() << true << none;
        QTest::newRow("word") << QStringLiteral("abc") << false << none;
        QTest::newRow("two dots") << QStringLiteral("1.2.3") << false << none;
        QTest::newRow("unknown unit") << QStringLiteral("12 parsecs") << false << none;
        QTest::newRow("unit only") << QStringLiteral("MiB") << false << none;
    }

    void numbers()
    {
        QFETCH(QString, field);
        QFETCH(bool, ok);
        QFETCH(double, expected);
        bool parsedOk = false;
        const std::optional<double> value = parseNvidiaSmiNumber(field, &parsedOk);
        QCOMPARE(parsedOk, ok);
        QCOMPARE(value.has_value(), !std::isnan(expected));
        if (value)
            QCOMPARE(*value, expected);
    }

    void queryTables()
    {
        // The probe's one-shot queries keep every column as text.
        const NvidiaSmiQueryTable mig = parseNvidiaSmiQuery(
            test::fixtureText(QStringLiteral("A-11-query-csv-mig-mode-H100.txt")));
        QCOMPARE(mig.columns,
                 (QStringList{QStringLiteral("pci.bus_id"), QStringLiteral("mig.mode.current")}));
        QCOMPARE(mig.rows.size(), 1);
        QCOMPARE(mig.value(0, QStringLiteral("mig.mode.current")), QStringLiteral("Enabled"));
        QCOMPARE(mig.value(0, QStringLiteral("pci.bus_id")), QStringLiteral("00000000:01:00.0"));
        QCOMPARE(mig.malformedLines, 1); // the shell prompt
        QVERIFY(mig.value(0, QStringLiteral("name")).isNull());

        const NvidiaSmiQueryTable win = parseNvidiaSmiQuery(
            test::fixtureText(QStringLiteral("A-15-query-csv-nounits-unknown-error-win.txt")));
        QCOMPARE(win.rows.size(), 1);
        QCOMPARE(win.value(0, QStringLiteral("name")), QStringLiteral("GeForce RTX 2080 Ti"));
        const QString limit = win.value(0, QStringLiteral("power.default_limit"));
        QCOMPARE(limit, QStringLiteral("[Unknown Error]"));
        QVERIFY(isNvidiaSmiMissingValue(limit));

        const NvidiaSmiQueryTable multi = parseNvidiaSmiQuery(
            test::fixtureText(QStringLiteral("A-1-query-csv-header-multigpu.txt")));
        QCOMPARE(multi.rows.size(), 2);
        QCOMPARE(multi.value(1, QStringLiteral("name")), QStringLiteral("GeForce GTX 1060 6GB"));
        QCOMPARE(multi.value(0, QStringLiteral("clocks.current.graphics")),
                 QStringLiteral("1936 MHz"));
    }
};

QTEST_GUILESS_MAIN(TestGpuSampleParser)
#include "test_gpu_sample_parser.moc"
