// gitignore semantics of the upload's own matcher, checked case by case.
#include "core/remote/IgnoreMatcher.h"
#include "core/remote/LocalTree.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace td;

class TestIgnoreMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("rules"); // "base|rules" lines separated by ';'
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");

        QTest::newRow("basename any depth") << "|*.pyc"
                                            << "a/b/c.pyc" << false << true;
        QTest::newRow("basename no match") << "|*.pyc"
                                           << "a/b/c.py" << false << false;
        QTest::newRow("comment") << "|#*.py"
                                 << "x.py" << false << false;
        QTest::newRow("escaped hash") << "|\\#notes"
                                      << "#notes" << false << true;
        QTest::newRow("negation") << "|*.log\n!keep.log"
                                  << "keep.log" << false << false;
        QTest::newRow("negation order") << "|!keep.log\n*.log"
                                        << "keep.log" << false << true;
        QTest::newRow("escaped bang") << "|\\!important"
                                      << "!important" << false << true;
        QTest::newRow("dir only on file") << "|build/"
                                          << "build" << false << false;
        QTest::newRow("dir only on dir") << "|build/"
                                         << "src/build" << true << true;
        QTest::newRow("anchored leading slash") << "|/data"
                                                << "data" << true << true;
        QTest::newRow("anchored not deeper") << "|/data"
                                             << "x/data" << true << false;
        QTest::newRow("middle slash anchors") << "|doc/frotz"
                                              << "doc/frotz" << true << true;
        QTest::newRow("middle slash not deeper") << "|doc/frotz"
                                                 << "a/doc/frotz" << true << false;
        QTest::newRow("leading double star") << "|**/logs"
                                             << "a/b/logs" << true << true;
        QTest::newRow("leading double star top") << "|**/logs"
                                                 << "logs" << true << true;
        QTest::newRow("trailing double star") << "|out/**"
                                              << "out/x/y.bin" << false << true;
        QTest::newRow("middle double star") << "|a/**/b"
                                            << "a/x/y/b" << false << true;
        QTest::newRow("middle double star zero") << "|a/**/b"
                                                 << "a/b" << false << true;
        QTest::newRow("star not slash") << "|a/*.txt"
                                        << "a/b/c.txt" << false << false;
        QTest::newRow("question") << "|?.txt"
                                  << "a.txt" << false << true;
        QTest::newRow("question not two") << "|?.txt"
                                          << "ab.txt" << false << false;
        QTest::newRow("class") << "|file[0-9].bin"
                               << "file7.bin" << false << true;
        QTest::newRow("negated class") << "|file[!0-9].bin"
                                       << "file7.bin" << false << false;
        QTest::newRow("trailing spaces") << "|name.txt   "
                                         << "name.txt" << false << true;
        QTest::newRow("escaped trailing space") << "|name\\ "
                                                << "name " << false << true;
        QTest::newRow("nested base applies below") << "sub|*.tmp"
                                                   << "sub/x/y.tmp" << false << true;
        QTest::newRow("nested base not sibling") << "sub|*.tmp"
                                                 << "other/y.tmp" << false << false;
        QTest::newRow("nested anchored") << "sub|/only"
                                         << "sub/only" << false << true;
        QTest::newRow("nested anchored not deeper") << "sub|/only"
                                                    << "sub/x/only" << false << false;
        QTest::newRow("nested negation wins") << "|*.csv;sub|!keep.csv"
                                              << "sub/keep.csv" << false << false;
        QTest::newRow("root rule still applies") << "|*.csv;sub|!keep.csv"
                                                 << "sub/other.csv" << false << true;
        QTest::newRow("unicode") << "|données/"
                                 << "données" << true << true;
        QTest::newRow("crlf") << "|*.bak\r"
                              << "x.bak" << false << true;
    }
    void matches()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        IgnoreMatcher m;
        for (const QString &group : rules.split(QLatin1Char(';'))) {
            const int bar = group.indexOf(QLatin1Char('|'));
            m.addRules(group.left(bar), group.mid(bar + 1).toUtf8());
        }
        QCOMPARE(m.isIgnored(path, isDir), ignored);
    }

    void scanHonoursFilesAndNesting()
    {
        QTemporaryDir dir;
        auto write = [&](const QString &rel, const QByteArray &content) {
            const QString p = dir.filePath(rel);
            QDir().mkpath(QFileInfo(p).absolutePath());
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(QStringLiteral(".gitignore"), "*.log\n/build/\ndata/\n");
        write(QStringLiteral(".traindeckignore"), "!important.log\ncheckpoints/\n");
        write(QStringLiteral("a.py"), "x");
        write(QStringLiteral("run.log"), "x");
        write(QStringLiteral("important.log"), "x");
        write(QStringLiteral("build/out.o"), "x");
        write(QStringLiteral("src/build/keep.txt"), "x");
        write(QStringLiteral("data/big.bin"), "x");
        write(QStringLiteral("checkpoints/c.pt"), "x");
        write(QStringLiteral("src/.gitignore"), "*.tmp\n!data/\n");
        write(QStringLiteral("src/x.tmp"), "x");
        write(QStringLiteral("src/data/y.txt"), "x"); // data/ re-included below src
        write(QStringLiteral("other/x.tmp"), "x");
        write(QStringLiteral(".git/config"), "x");
        const LocalTreeScan scan = scanLocalTree({dir.path()});
        QVERIFY(scan.error.isEmpty());
        QStringList paths;
        for (const LocalFile &f : scan.files)
            paths << f.entry.path;
        paths.sort();
        QCOMPARE(
            paths,
            QStringList({QStringLiteral(".gitignore"), QStringLiteral(".traindeckignore"),
                         QStringLiteral("a.py"), QStringLiteral("important.log"),
                         QStringLiteral("other/x.tmp"), QStringLiteral("src/.gitignore"),
                         QStringLiteral("src/build/keep.txt"), QStringLiteral("src/data/y.txt")}));
    }

    // A name that is not valid UTF-8 cannot be sent under its name: it is reported, not lost.
    void undecodableNameIsReportedAsSkipped()
    {
        QTemporaryDir dir;
        const QByteArray root = QFile::encodeName(dir.path());
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("sub"))));
        for (const QByteArray &name : {QByteArray("/sub/bad\xff.bin"), QByteArray("/ok.txt")}) {
            const QByteArray path = root + name;
            const int fd = ::open(path.constData(), O_CREAT | O_WRONLY, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, "x", 1), ssize_t(1));
            ::close(fd);
        }
        const LocalTreeScan scan = scanLocalTree({dir.path()});
        QVERIFY(scan.error.isEmpty());
        QCOMPARE(scan.files.size(), 1);
        QCOMPARE(scan.files.first().entry.path, QStringLiteral("ok.txt"));
        QCOMPARE(scan.skipped.size(), 1);
        QVERIFY2(scan.skipped.first().startsWith(QStringLiteral("sub/bad")),
                 qPrintable(scan.skipped.first()));
    }
};

QTEST_GUILESS_MAIN(TestIgnoreMatcher)
#include "test_ignore_matcher.moc"
