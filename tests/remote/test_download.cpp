// Downloads through a real sshd, and the extractor's refusal of members that would escape.
#include "RemoteTestUtil.h"
#include "SshdFixture.h"
#include "TestInteraction.h"

#include "core/remote/Download.h"
#include "core/remote/TarWriter.h"

#include <QProcess>
#include <QTest>

using namespace td;
using namespace td::test;

class TestDownload : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;
    ScriptedInteraction m_ui;
    QTemporaryDir m_local;

    QByteArray archive(const QByteArray &name, char type, const QByteArray &linkTarget = {})
    {
        QByteArray out;
        TarWriter w([&](const char *d, qint64 n) {
            out.append(d, int(n));
            return true;
        });
        w.beginFile("fine.txt", 2, 0, 0644);
        w.writeData("ok", 2);
        w.endFile();
        if (type == '0') {
            w.beginFile(name, 4, 0, 0644);
            w.writeData("evil", 4);
            w.endFile();
        } else {
            // A link header written by hand: our writer only makes files and folders.
            QByteArray h(512, '\0');
            memcpy(h.data(), name.constData(), size_t(name.size()));
            memcpy(h.data() + 100, "0000644", 7);
            memcpy(h.data() + 124, "00000000000", 11);
            memcpy(h.data() + 136, "00000000000", 11);
            h[156] = type;
            memcpy(h.data() + 157, linkTarget.constData(), size_t(linkTarget.size()));
            memcpy(h.data() + 257, "ustar", 6);
            memcpy(h.data() + 263, "00", 2);
            memset(h.data() + 148, ' ', 8);
            unsigned sum = 0;
            for (char c : h)
                sum += uchar(c);
            const QByteArray chk = QByteArray::number(sum, 8).rightJustified(6, '0');
            memcpy(h.data() + 148, chk.constData(), 6);
            h[154] = '\0';
            out += h;
        }
        w.finish();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        if (!m_sshd.start(&error))
            QSKIP(qPrintable(QStringLiteral("no test sshd: ") + error));
    }

    void refusesEscapingMembers_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<char>("type");
        QTest::addColumn<QByteArray>("link");
        QTest::newRow("dotdot") << QByteArray("../escaped.txt") << '0' << QByteArray();
        QTest::newRow("inner dotdot") << QByteArray("a/../../escaped.txt") << '0' << QByteArray();
        QTest::newRow("absolute") << QByteArray("/tmp/td-escaped.txt") << '0' << QByteArray();
        QTest::newRow("symlink") << QByteArray("link") << '2' << QByteArray("/etc");
        QTest::newRow("relative symlink") << QByteArray("link") << '2' << QByteArray("../..");
        QTest::newRow("hard link") << QByteArray("hard") << '1' << QByteArray("/etc/passwd");
        QTest::newRow("device") << QByteArray("dev") << '3' << QByteArray();
        QTest::newRow("long dotdot")
            << QByteArray("x/").repeated(60) + "../../../../../../../../"
                                               "../../../../../../../../../../../../../../../"
                                               "../../../../../../../../../../../../../../../"
                                               "../../../../../../../../../../escaped.txt"
            << '0' << QByteArray();
    }
    void refusesEscapingMembers()
    {
        QFETCH(QByteArray, name);
        QFETCH(char, type);
        QFETCH(QByteArray, link);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("target"));
        SafeTarExtractor ex(target);
        const QByteArray tar = archive(name, type, link);
        QVERIFY(!ex.feed(tar.constData(), tar.size()));
        QVERIFY(ex.error().isError());
        QVERIFY(ex.error().message.contains(QStringLiteral("Refused")));
        QVERIFY(QFile::exists(target + QStringLiteral("/fine.txt")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("escaped.txt"))));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/td-escaped.txt")));
        QVERIFY(!QFileInfo(target + QStringLiteral("/link")).isSymLink());
    }

    void refusesSymlinkedFolderInTarget()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("target"));
        QDir().mkpath(target);
        QDir().mkpath(dir.filePath(QStringLiteral("outside")));
        QVERIFY(
            QFile::link(dir.filePath(QStringLiteral("outside")), target + QStringLiteral("/sub")));
        SafeTarExtractor ex(target);
        const QByteArray tar = archive("sub/escaped.txt", '0');
        QVERIFY(!ex.feed(tar.constData(), tar.size()));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("outside/escaped.txt"))));
    }

    void downloadsTreeAndResumes()
    {
        const QString remote = m_sshd.remoteRoot() + QStringLiteral("/outputs dir 'q' $(x)");
        QVERIFY(writeFile(remote + QStringLiteral("/ckpt/step-1.tdk"),
                          randomBytes(6 * 1024 * 1024, 3)));
        QVERIFY(writeFile(remote + QStringLiteral("/metrics.jsonl"), "{\"v\":1}\n"));
        QVERIFY(writeFile(remote + QStringLiteral("/weird name\nwith newline"), "w"));
        QVERIFY(writeFile(remote + QStringLiteral("/données/数据.txt"), "u"));
        const QString local = m_local.filePath(QStringLiteral("dl"));

        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(m_sshd), &m_ui));
        Downloader dl(s);
        qint64 lastDone = 0;
        dl.setProgressCallback([&](const TransferProgress &p) { lastDone = p.bytesDone; });
        DownloadReport rep;
        SshError e = dl.run({remote, local}, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(treeDigest(local), treeDigest(remote));
        QCOMPARE(rep.filesSent, 4);
        QVERIFY(lastDone >= 6 * 1024 * 1024);

        // Again: everything is already there.
        e = dl.run({remote, local}, &rep);
        QVERIFY(!e);
        QCOMPARE(rep.filesUnchanged, 4);
        QCOMPARE(rep.bytesReceived, 0);

        // An interrupted earlier run left a .part: only the tail travels.
        QFile::remove(local + QStringLiteral("/ckpt/step-1.tdk"));
        QFile src(remote + QStringLiteral("/ckpt/step-1.tdk"));
        QVERIFY(src.open(QIODevice::ReadOnly));
        QVERIFY(
            writeFile(local + QStringLiteral("/ckpt/step-1.tdk.part"), src.read(2 * 1024 * 1024)));
        e = dl.run({remote, local}, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesResumed, 1);
        QCOMPARE(rep.bytesReceived, 4 * 1024 * 1024);
        QCOMPARE(treeDigest(local), treeDigest(remote));
    }

    void downloadsOneFile()
    {
        const QString remote = m_sshd.remoteRoot() + QStringLiteral("/single -x $(y)");
        const QByteArray content = randomBytes(3 * 1024 * 1024 + 17, 5);
        QVERIFY(writeFile(remote + QStringLiteral("/model final.pt"), content));
        QVERIFY(writeFile(remote + QStringLiteral("/other.txt"), "not wanted"));
        const QString local = m_local.filePath(QStringLiteral("dl-one"));

        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(m_sshd), &m_ui));
        Downloader dl(s);
        DownloadReport rep;
        SshError e = dl.run({remote + QStringLiteral("/model final.pt"), local}, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesTotal, 1);
        QCOMPARE(rep.filesSent, 1);
        QCOMPARE(rep.bytesTotal, content.size());
        QCOMPARE(QDir(local).entryList(QDir::Files), QStringList{QStringLiteral("model final.pt")});
        QFile got(local + QStringLiteral("/model final.pt"));
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(got.readAll(), content);

        e = dl.run({remote + QStringLiteral("/model final.pt"), local}, &rep);
        QVERIFY(!e);
        QCOMPARE(rep.filesUnchanged, 1);
        QCOMPARE(rep.bytesReceived, 0);

        e = dl.run({remote + QStringLiteral("/no such file"), local}, &rep);
        QVERIFY(e);
        QVERIFY2(e.message.contains(QStringLiteral("no file or folder")), qPrintable(e.message));
    }

    // A .part whose bytes are not the remote file's prefix (the checkpoint was saved again since)
    // is discarded and the file comes whole.
    void staleLocalPartIsNotResumed()
    {
        const QString remote = m_sshd.remoteRoot() + QStringLiteral("/rewritten");
        const QByteArray content = randomBytes(5 * 1024 * 1024, 11);
        QVERIFY(writeFile(remote + QStringLiteral("/ckpt.tdk"), content));
        const QString local = m_local.filePath(QStringLiteral("dl-stale"));
        QVERIFY(
            writeFile(local + QStringLiteral("/ckpt.tdk.part"), randomBytes(2 * 1024 * 1024, 12)));

        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(m_sshd), &m_ui));
        Downloader dl(s);
        DownloadReport rep;
        const SshError e = dl.run({remote, local}, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesResumed, 0);
        QCOMPARE(rep.filesSent, 1);
        QCOMPARE(rep.bytesReceived, content.size());
        QFile got(local + QStringLiteral("/ckpt.tdk"));
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(got.readAll(), content);
        QVERIFY(!QFile::exists(local + QStringLiteral("/ckpt.tdk.part")));
    }

    // A running job's log grows while it is fetched: the download still succeeds with a
    // consistent earlier version, says which file was changing, and the next run updates it.
    void fileGrowingDuringDownload()
    {
        const QString remote = m_sshd.remoteRoot() + QStringLiteral("/running job");
        const QString log = remote + QStringLiteral("/run.log");
        QVERIFY(writeFile(log, randomBytes(64 * 1024 * 1024, 21)));
        QVERIFY(writeFile(remote + QStringLiteral("/metrics.jsonl"), "{\"loss\":1}\n"));
        QProcess appender;
        appender.start(QStringLiteral("sh"),
                       {QStringLiteral("-c"),
                        QStringLiteral("while :; do echo step >> \"$1\"; done"),
                        QStringLiteral("sh"), log});
        QVERIFY(appender.waitForStarted());
        QTest::qWait(200);
        const QString local = m_local.filePath(QStringLiteral("dl-growing"));
        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(m_sshd), &m_ui));
        Downloader dl(s);
        DownloadReport rep;
        SshError e = dl.run({remote, local}, &rep);
        appender.kill();
        appender.waitForFinished();
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesSent, 2);
        QVERIFY2(rep.filesChanging.size() == 1 &&
                     rep.filesChanging.first().endsWith(QStringLiteral("run.log")),
                 qPrintable(rep.filesChanging.join(QLatin1Char(','))));
        // What arrived is the file as it was at some moment: a prefix of the final one.
        QFile got(local + QStringLiteral("/run.log"));
        QFile now(log);
        QVERIFY(got.open(QIODevice::ReadOnly) && now.open(QIODevice::ReadOnly));
        const QByteArray gotBytes = got.readAll();
        QVERIFY(gotBytes.size() >= 64 * 1024 * 1024);
        QCOMPARE(now.read(gotBytes.size()), gotBytes);

        e = dl.run({remote, local}, &rep); // settled now: the newer version comes
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(rep.filesChanging.isEmpty());
        QCOMPARE(treeDigest(local), treeDigest(remote));
    }

    void remoteSymlinkRefused()
    {
        const QString remote = m_sshd.remoteRoot() + QStringLiteral("/with-link");
        QVERIFY(writeFile(remote + QStringLiteral("/a.txt"), "a"));
        QVERIFY(QFile::link(QStringLiteral("/etc"), remote + QStringLiteral("/etc-link")));
        QVERIFY(
            QFile::link(QStringLiteral("/etc/hostname"), remote + QStringLiteral("/file-link")));
        SshSession s;
        QVERIFY(!s.connect(fixtureOptions(m_sshd), &m_ui));
        Downloader dl(s);
        DownloadReport rep;
        // find -type f skips links; a file link is never followed into /etc.
        const QString local = m_local.filePath(QStringLiteral("dl-link"));
        const SshError e = dl.run({remote, local}, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!QFileInfo::exists(local + QStringLiteral("/etc-link")));
        QVERIFY(!QFileInfo::exists(local + QStringLiteral("/file-link")));
        QVERIFY(QFileInfo::exists(local + QStringLiteral("/a.txt")));
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "test_download.moc"
