// Uploads through a real sshd: hostile names, a mixed tree, delta re-sync, a cut connection
// and its resume. The "remote" is this machine, so the result is compared on disk directly.
#include "RemoteTestUtil.h"
#include "SshdFixture.h"
#include "TestInteraction.h"

#include "core/remote/RemoteVerify.h"
#include "core/remote/Sha256.h"
#include "core/remote/Upload.h"
#include "core/remote/UploadManifest.h"

#include <QDateTime>
#include <QProcess>
#include <QStandardPaths>

#include <QStorageInfo>
#include <QTest>

using namespace td;
using namespace td::test;

class TestUpload : public QObject
{
    Q_OBJECT

private:
    SshdFixture m_sshd;
    ScriptedInteraction m_ui;
    QTemporaryDir m_local;

    SshError connect(SshSession &s) { return s.connect(fixtureOptions(m_sshd), &m_ui); }
    UploadRequest request(const QString &source, const QString &remoteName)
    {
        UploadRequest r;
        r.sources = {source};
        r.remoteDir = m_sshd.remoteRoot() + QLatin1Char('/') + remoteName;
        r.stateDir = m_local.filePath(QStringLiteral("state"));
        r.machineKey = QStringLiteral("fixture");
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        if (!m_sshd.start(&error))
            QSKIP(qPrintable(QStringLiteral("no test sshd: ") + error));
    }

    // The check that runs on the machine before the commit, here with the local sh and Python
    // (or sha256sum on a machine without Python): it passes for intact files (escaped names
    // included) and names a changed one.
    void verifyScriptPassesIntactAndNamesChanged_data()
    {
        QTest::addColumn<bool>("withPython");
        QTest::newRow("python3") << true;
        QTest::newRow("sha256sum only") << false;
    }

    void verifyScriptPassesIntactAndNamesChanged()
    {
        QFETCH(bool, withPython);
        const QString shell = QStandardPaths::findExecutable(QStringLiteral("sh"));
        QVERIFY(!shell.isEmpty());
        QTemporaryDir bin; // a PATH with only what the fallback needs: no python3
        for (const char *tool : {"sha256sum", "cat", "rm"}) {
            const QString path = QStandardPaths::findExecutable(QString::fromLatin1(tool));
            QVERIFY2(!path.isEmpty(), tool);
            QVERIFY(QFile::link(path, bin.filePath(QString::fromLatin1(tool))));
        }
        if (withPython && QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 is not installed");

        QTemporaryDir dir;
        const QList<QByteArray> names = {"plain.bin", "line1\nline2", "back\\slash", "-rf",
                                         "sub dir/it's $(x)"};
        QList<VerifyItem> items;
        for (const QByteArray &n : names) {
            const QByteArray content = randomBytes(1000 + n.size() * 4099, quint32(n.size()));
            QVERIFY(writeFile(dir.filePath(QString::fromUtf8(n)), content));
            items.append({Sha256::hexOf(content), "./" + n, content.size()});
        }
        auto run = [&](QByteArray *err) {
            QProcess sh;
            sh.setWorkingDirectory(dir.path());
            if (!withPython) {
                QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
                env.insert(QStringLiteral("PATH"), bin.path());
                sh.setProcessEnvironment(env);
            }
            sh.start(shell, {QStringLiteral("-s")});
            sh.write(sha256VerifyScript(items, "verify-scratch") + "echo committed\n");
            sh.closeWriteChannel();
            if (!sh.waitForFinished(30000))
                return -1;
            *err = sh.readAllStandardError();
            return sh.readAllStandardOutput() == "committed\n" ? 0 : sh.exitCode();
        };
        QByteArray err;
        QCOMPARE(run(&err), 0);
        QVERIFY2(err.isEmpty(), err.constData());

        QVERIFY(writeFile(dir.filePath(QStringLiteral("line1\nline2")), "changed"));
        QCOMPARE(run(&err), 3);
        QVERIFY2(err.contains("FAILED") && err.contains("line2"), err.constData());
        QVERIFY(!err.contains("plain.bin"));
        // The scratch files are gone either way.
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("verify-scratch*")}, QDir::Files),
                 QStringList());
    }

    // removeDeleted deletes on the remote exactly the files an earlier upload put there and
    // that are gone here; without it, or for anything else, nothing is deleted.
    void deletionsMirroredOnlyForUploadedFiles()
    {
        const QString src = m_local.filePath(QStringLiteral("mirror"));
        QVERIFY(writeFile(src + QStringLiteral("/keep.txt"), "keep"));
        QVERIFY(writeFile(src + QStringLiteral("/gone/deep/old.py"), "old"));
        QVERIFY(writeFile(src + QStringLiteral("/gone/also.py"), "also"));
        QVERIFY(writeFile(src + QStringLiteral("/later-ignored.log"), "log"));
        QVERIFY(writeFile(src + QStringLiteral("/-rf $(x)"), "odd name"));
        SshSession s;
        QVERIFY(!connect(s));
        Uploader up(s);
        UploadReport rep;
        UploadRequest req = request(src, QStringLiteral("mirror dir"));
        req.removeDeleted = true;
        SshError e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        const QString remote = req.remoteDir;
        QVERIFY(writeFile(remote + QStringLiteral("/made-on-the-machine.txt"), "theirs"));
        QVERIFY(writeFile(remote + QStringLiteral("/gone/theirs.txt"), "theirs"));

        // Deleted here, but mirroring is off: the remote keeps them.
        QVERIFY(QDir(src + QStringLiteral("/gone")).removeRecursively());
        QVERIFY(QFile::remove(src + QStringLiteral("/-rf $(x)")));
        req.removeDeleted = false;
        e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesRemoved, 0);
        QVERIFY(QFile::exists(remote + QStringLiteral("/gone/deep/old.py")));

        // Now mirrored: the two deleted files go, the machine's own files and a file that is
        // only ignored now stay, and folders left empty go.
        QVERIFY(writeFile(src + QStringLiteral("/.traindeckignore"), "*.log\n"));
        req.removeDeleted = true;
        e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesRemoved, 3);
        QVERIFY(!QFileInfo::exists(remote + QStringLiteral("/gone/deep/old.py")));
        QVERIFY(!QFileInfo::exists(remote + QStringLiteral("/gone/deep")));
        QVERIFY(!QFileInfo::exists(remote + QStringLiteral("/gone/also.py")));
        QVERIFY(!QFileInfo::exists(remote + QStringLiteral("/-rf $(x)")));
        QVERIFY(QFile::exists(remote + QStringLiteral("/gone/theirs.txt")));
        QVERIFY(QFile::exists(remote + QStringLiteral("/made-on-the-machine.txt")));
        QVERIFY(QFile::exists(remote + QStringLiteral("/later-ignored.log")));
        QVERIFY(QFile::exists(remote + QStringLiteral("/keep.txt")));

        // Unchanged since: nothing to do.
        e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesRemoved, 0);
        QCOMPARE(rep.filesSent, 0);
    }

    void hostileNamesArriveIntactAndNothingRuns()
    {
        const QString src = m_local.filePath(QStringLiteral("hostile"));
        const QStringList names = {
            QStringLiteral("my file  with spaces"),
            QStringLiteral("it's \"quoted\""),
            QStringLiteral("$(touch pwned)"),
            QStringLiteral("`touch pwned`"),
            QStringLiteral("line1\nline2"),
            QStringLiteral("-rf"),
            QStringLiteral("--help"),
            QStringLiteral("données 数据 🚀"),
            QStringLiteral("a;b|c&d>e<f"),
            QStringLiteral("back\\slash"),
            QStringLiteral("*"),
            QStringLiteral("tab\there"),
            QStringLiteral("dir with space/-inner 'q'.txt"),
            QStringLiteral("$HOME"),
            QStringLiteral("x/../escape-attempt-stays-inside"),
        };
        QMap<QString, QByteArray> expected;
        for (const QString &n : names) {
            const QString clean = QDir::cleanPath(n);
            QVERIFY(writeFile(src + QLatin1Char('/') + clean, n.toUtf8() + " content"));
        }
        expected = treeDigest(src);
        SshSession s;
        QVERIFY(!connect(s));
        Uploader up(s);
        UploadReport rep;
        const UploadRequest req = request(src, QStringLiteral("hostile dir $(touch pwned) 'x'"));
        const SshError e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesSent, int(expected.size()));
        QCOMPARE(treeDigest(req.remoteDir), expected);
        // Listed through the remote shell too: the names come back byte for byte.
        QByteArray listing;
        QVERIFY(!s.runChecked(RemoteCommand("find")
                                  .arg(req.remoteDir.toUtf8())
                                  .arg("-type")
                                  .arg("f")
                                  .arg("-printf")
                                  .arg("%P\\0"),
                              &listing));
        QStringList remoteNames;
        for (const QByteArray &n : listing.split('\0'))
            if (!n.isEmpty() && !n.startsWith(".traindeck"))
                remoteNames << QString::fromUtf8(n);
        remoteNames.sort();
        QStringList expectedNames = expected.keys();
        expectedNames.sort();
        QCOMPARE(remoteNames, expectedNames);
        // Nothing was executed anywhere a shell could have run it.
        for (const QString &where :
             {m_sshd.remoteRoot(), req.remoteDir, QDir::homePath(), m_sshd.dir()})
            QVERIFY2(!QFile::exists(where + QStringLiteral("/pwned")), qPrintable(where));
        QVERIFY(!QFile::exists(req.remoteDir + QStringLiteral("/.traindeck-staging")));
        QVERIFY(QFile::exists(req.remoteDir + QStringLiteral("/.traindeck-manifest")));
    }

    void mixedTreeThenDeltaResync()
    {
        // Tens of MB: check the disk first.
        if (QStorageInfo(QDir::tempPath()).bytesAvailable() < 512LL * 1024 * 1024)
            QSKIP("less than 512 MB free in the temporary directory");
        const QString src = m_local.filePath(QStringLiteral("mixed"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(writeFile(src + QStringLiteral("/data/big%1.bin").arg(i),
                              randomBytes(8 * 1024 * 1024 + i * 1000, quint32(i + 1))));
        for (int i = 0; i < 300; ++i)
            QVERIFY(writeFile(src + QStringLiteral("/src/pkg%1/file%2.py").arg(i % 7).arg(i),
                              randomBytes(100 + i * 37, quint32(1000 + i))));
        QVERIFY(writeFile(src + QStringLiteral("/empty"), {}));
        QVERIFY(writeFile(src + QStringLiteral("/dup-a"), "same"));
        QVERIFY(writeFile(src + QStringLiteral("/dup-b"), "same"));
        QVERIFY(writeFile(src + QStringLiteral("/.gitignore"), "*.tmp\nlogs/\n"));
        QVERIFY(writeFile(src + QStringLiteral("/scratch.tmp"), "ignored"));
        QVERIFY(writeFile(src + QStringLiteral("/logs/run.txt"), "ignored"));
        QFile::setPermissions(src + QStringLiteral("/src/pkg0/file0.py"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        // A read-only file: the staged copy gets its mode from the archive, never a chmod later.
        QVERIFY(writeFile(src + QStringLiteral("/src/readonly.txt"), "read only"));
        QFile::setPermissions(src + QStringLiteral("/src/readonly.txt"),
                              QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);

        SshSession s;
        QVERIFY(!connect(s));
        Uploader up(s);
        QList<TransferProgress> seen;
        up.setProgressCallback([&](const TransferProgress &p) { seen << p; });
        const UploadRequest req = request(src, QStringLiteral("mixed"));
        UploadReport rep;
        SshError e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QMap<QString, QByteArray> expected = treeDigest(src);
        expected.remove(QStringLiteral("scratch.tmp"));
        expected.remove(QStringLiteral("logs/run.txt"));
        QCOMPARE(treeDigest(req.remoteDir), expected);
        QCOMPARE(rep.filesTotal, int(expected.size()));
        QVERIFY(QFileInfo(req.remoteDir + QStringLiteral("/src/pkg0/file0.py")).isExecutable());
        QCOMPARE(QFileInfo(req.remoteDir + QStringLiteral("/src/readonly.txt")).permissions() &
                     0x7777,
                 QFileInfo(src + QStringLiteral("/src/readonly.txt")).permissions() & 0x7777);
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.last().bytesDone, seen.last().bytesTotal);
        QVERIFY(seen.last().bytesPerSecond > 0);
        qInfo("mixed tree: %lld bytes in %lld ms (%.1f MB/s)", rep.bytesSent, rep.elapsedMs,
              rep.bytesSent / 1e6 / qMax<qint64>(1, rep.elapsedMs) * 1000);

        // Unchanged: nothing travels.
        e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesSent, 0);
        QCOMPARE(rep.bytesSent, 0);
        QCOMPARE(rep.filesUnchanged, int(expected.size()));

        // Touched but not modified: the hash says unchanged, nothing travels, and the next run
        // finds the remote manifest up to date again.
        {
            QFile touched(src + QStringLiteral("/src/pkg1/file1.py"));
            QVERIFY(touched.open(QIODevice::ReadWrite));
            QVERIFY(touched.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600),
                                        QFileDevice::FileModificationTime));
        }
        for (int round = 0; round < 2; ++round) {
            e = up.run(req, &rep);
            QVERIFY2(!e, qPrintable(e.message));
            QCOMPARE(rep.filesSent, 0);
            QCOMPARE(rep.bytesSent, 0);
            QCOMPARE(rep.filesUnchanged, int(expected.size()));
        }
        QVERIFY(!QFile::exists(req.remoteDir + QStringLiteral("/.traindeck-staging")));

        // Touch two files, add one: only those travel.
        QVERIFY(writeFile(src + QStringLiteral("/src/pkg3/file3.py"), "changed"));
        QVERIFY(writeFile(src + QStringLiteral("/data/big1.bin"), randomBytes(4096, 99)));
        QVERIFY(writeFile(src + QStringLiteral("/new/file.txt"), "new file"));
        e = up.run(req, &rep);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(rep.filesSent, 3);
        QCOMPARE(rep.bytesSent, qint64(7 + 4096 + 8));
        expected = treeDigest(src);
        expected.remove(QStringLiteral("scratch.tmp"));
        expected.remove(QStringLiteral("logs/run.txt"));
        QCOMPARE(treeDigest(req.remoteDir), expected);
    }

    void manifestKeepsNanosecondTimes()
    {
        // Nanosecond times exceed a double's precision; a rounded mtime would defeat the
        // stat cache (every file hashed again on every run).
        UploadManifest m;
        ManifestEntry e;
        e.path = QStringLiteral("a/b.txt");
        e.size = (1LL << 53) + 1;
        e.mtimeNs = 1732345678123456789LL;
        e.mode = 0640;
        e.sha256 = QByteArray(64, 'a');
        m.entries << e;
        UploadManifest back;
        QVERIFY(UploadManifest::fromJsonLines(m.toJsonLines(), &back));
        QCOMPARE(back.entries.size(), 1);
        QCOMPARE(back.entries[0].mtimeNs, e.mtimeNs);
        QCOMPARE(back.entries[0].size, e.size);
        QCOMPARE(back.entries[0].mode, e.mode);
    }

    void cutConnectionThenResume()
    {
        const QString src = m_local.filePath(QStringLiteral("resume"));
        const qint64 bigSize = 48LL * 1024 * 1024;
        QVERIFY(writeFile(src + QStringLiteral("/a-small.txt"), "small first"));
        QVERIFY(writeFile(src + QStringLiteral("/big.bin"), randomBytes(bigSize, 5)));
        QVERIFY(writeFile(src + QStringLiteral("/z-after.txt"), "after the big one"));
        const UploadRequest req = request(src, QStringLiteral("resume"));
        // An older version on the remote must stay whole until the new one is complete.
        QVERIFY(writeFile(req.remoteDir + QStringLiteral("/big.bin"), "old version"));

        UploadReport first;
        SshError e1;
        {
            SshSession s;
            QVERIFY(!connect(s));
            Uploader up(s);
            up.setProgressIntervalMs(0); // a report per chunk: the cut lands inside big.bin
            bool cut = false;
            up.setProgressCallback([&](const TransferProgress &p) {
                if (!cut && p.currentFile == QLatin1String("big.bin") && p.fileDone > bigSize / 3) {
                    cut = true;
                    m_sshd.cutConnections();
                }
            });
            e1 = up.run(req, &first);
            QVERIFY2(cut, qPrintable(e1.message));
        }
        // The first attempt really was interrupted.
        QVERIFY(e1.isError());
        QCOMPARE(e1.kind, SshErrorKind::ConnectionFailed);
        QVERIFY(first.bytesSent < bigSize);
        // A file staged whole by the first attempt is checked before it is used: damage it.
        const QString stagedSmall = req.remoteDir + QStringLiteral("/.traindeck-staging/") +
                                    first.transferId + QStringLiteral("/files/a-small.txt");
        QVERIFY(QFile::exists(stagedSmall));
        QVERIFY(writeFile(stagedSmall, "SMALL FIRST"));
        QFile old(req.remoteDir + QStringLiteral("/big.bin"));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old version"));
        old.close();

        SshSession s;
        QVERIFY(!connect(s));
        Uploader up(s);
        UploadReport second;
        const SshError e2 = up.run(req, &second);
        QVERIFY2(!e2, qPrintable(e2.message));
        QCOMPARE(second.transferId, first.transferId);
        QCOMPARE(second.filesResumed, 1);
        QCOMPARE(second.filesSent, 2); // the damaged small file again, and the one never sent
        // Only the rest of the big file (and the small ones) travelled the second time.
        QVERIFY2(second.bytesSent < bigSize - bigSize / 4,
                 qPrintable(QString::number(second.bytesSent)));
        QCOMPARE(treeDigest(req.remoteDir), treeDigest(src));
    }
};

QTEST_GUILESS_MAIN(TestUpload)
#include "test_upload.moc"
