// Our tar writer and reader against GNU tar, in both directions.
#include "core/remote/TarReader.h"
#include "core/remote/TarWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

namespace {

struct Member
{
    QByteArray name;
    QByteArray data;
    qint64 mtimeNs;
};

QList<Member> sampleMembers()
{
    QByteArray random(100000, '\0');
    QRandomGenerator gen(42);
    for (char &c : random)
        c = char(gen.generate());
    const QByteArray longDir = QByteArray("deep/").repeated(30);
    return {
        {"plain.txt", "hello\n", 1700000000LL * 1000000000},
        {"empty", "", 1700000001LL * 1000000000},
        {"exact-block.bin", QByteArray(512, 'b'), 1700000002LL * 1000000000},
        {"random.bin", random, 1700000003LL * 1000000000 + 123456789},
        {longDir + "long-name-file.txt", "long", 1700000004LL * 1000000000},
        {"données/数据 🚀.txt", "unicode", 1700000005LL * 1000000000},
        {"with\nnewline and 'quote' $(x)", "hostile", 1700000006LL * 1000000000},
    };
}

} // namespace

class TestTar : public QObject
{
    Q_OBJECT

    class Collector : public TarReader::Handler
    {
    public:
        QList<TarReader::Entry> entries;
        QList<QByteArray> data;
        bool beginEntry(const TarReader::Entry &e) override
        {
            entries << e;
            data << QByteArray();
            return true;
        }
        bool entryData(const char *d, qint64 n) override
        {
            data.last().append(d, int(n));
            return true;
        }
        bool endEntry() override { return true; }
    };

private Q_SLOTS:
    void paxRecordLength_data()
    {
        QTest::addColumn<int>("valueSize");
        for (int n : {0, 1, 2, 3, 4, 5, 80, 85, 86, 87, 90, 95, 96, 97, 98, 990, 995, 996, 1000})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void paxRecordLength()
    {
        QFETCH(int, valueSize);
        const QByteArray rec = TarWriter::paxRecord("path", QByteArray(valueSize, 'v'));
        const int space = rec.indexOf(' ');
        QCOMPARE(rec.left(space).toInt(), rec.size());
        QVERIFY(rec.endsWith('\n'));
    }

    void gnuTarExtractsOurArchive()
    {
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("a.tar"));
        QFile out(archive);
        QVERIFY(out.open(QIODevice::WriteOnly));
        TarWriter w([&](const char *d, qint64 n) { return out.write(d, n) == n; });
        QVERIFY(w.addDirectory("dir", 1700000000LL * 1000000000, 0755));
        for (const Member &m : sampleMembers()) {
            QVERIFY(w.beginFile(m.name, m.data.size(), m.mtimeNs, 0640));
            // Uneven chunks, as a stream would deliver them.
            for (qint64 pos = 0; pos < m.data.size(); pos += 777)
                QVERIFY(
                    w.writeData(m.data.constData() + pos, qMin<qint64>(777, m.data.size() - pos)));
            QVERIFY(w.endFile());
        }
        QVERIFY(!w.writeData("x", 1)); // beyond the declared size
        QVERIFY(w.finish());
        out.close();
        QCOMPARE(QFileInfo(archive).size() % 512, 0);

        const QString dest = dir.filePath(QStringLiteral("out"));
        QDir().mkpath(dest);
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("--no-same-owner"), QStringLiteral("-xf"),
                                          archive, QStringLiteral("-C"), dest});
        QVERIFY(tar.waitForFinished(20000));
        QVERIFY2(tar.exitCode() == 0, tar.readAllStandardError().constData());
        QVERIFY(QFileInfo(dest + QStringLiteral("/dir")).isDir());
        for (const Member &m : sampleMembers()) {
            QFile f(dest + QLatin1Char('/') + QString::fromUtf8(m.name));
            QVERIFY2(f.open(QIODevice::ReadOnly), m.name.constData());
            QCOMPARE(f.readAll(), m.data);
            QCOMPARE(QFileInfo(f).lastModified().toSecsSinceEpoch(), m.mtimeNs / 1000000000);
            QCOMPARE(
                int(f.permissions() & (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup)),
                int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        }
    }

    void readsGnuTarArchives_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("pax") << "pax";
        QTest::newRow("gnu") << "gnu";
        QTest::newRow("ustar") << "ustar";
    }
    void readsGnuTarArchives()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("src"));
        QList<Member> members = sampleMembers();
        if (format == QLatin1String("ustar")) // ustar cannot carry the long name
            members.removeAt(4);
        QStringList names;
        for (const Member &m : members) {
            const QString p = src + QLatin1Char('/') + QString::fromUtf8(m.name);
            QDir().mkpath(QFileInfo(p).absolutePath());
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(m.data);
            names << QString::fromUtf8(m.name);
        }
        QProcess tar;
        tar.setWorkingDirectory(src);
        tar.start(QStringLiteral("tar"),
                  QStringList{QStringLiteral("--format=") + format, QStringLiteral("-cf"),
                              QStringLiteral("-"), QStringLiteral("--")} +
                      names);
        QVERIFY(tar.waitForFinished(20000));
        QVERIFY2(tar.exitCode() == 0, tar.readAllStandardError().constData());
        const QByteArray stream = tar.readAllStandardOutput();

        Collector c;
        TarReader reader(&c);
        QRandomGenerator gen(7);
        for (qint64 pos = 0; pos < stream.size();) {
            const qint64 n = qMin<qint64>(stream.size() - pos, 1 + gen.bounded(3000));
            QVERIFY2(reader.feed(stream.constData() + pos, n), qPrintable(reader.error()));
            pos += n;
        }
        QVERIFY(reader.isFinished());
        QCOMPARE(c.entries.size(), members.size());
        for (int i = 0; i < members.size(); ++i) {
            QCOMPARE(c.entries.at(i).path, members.at(i).name);
            QCOMPARE(c.data.at(i), members.at(i).data);
            QCOMPARE(c.entries.at(i).type, '0');
        }
    }

    void damagedHeaderIsRejected()
    {
        QByteArray stream;
        TarWriter w([&](const char *d, qint64 n) {
            stream.append(d, int(n));
            return true;
        });
        QVERIFY(w.beginFile("a", 1, 0, 0644) && w.writeData("x", 1) && w.endFile() && w.finish());
        stream[10] = 'Z'; // inside the name: checksum no longer matches
        Collector c;
        TarReader reader(&c);
        QVERIFY(!reader.feed(stream.constData(), stream.size()));
        QVERIFY(reader.error().contains(QStringLiteral("checksum")));
    }
};

QTEST_GUILESS_MAIN(TestTar)
#include "test_tar.moc"
