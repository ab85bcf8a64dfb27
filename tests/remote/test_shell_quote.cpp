// The quoting function is the only barrier between file names and a remote shell: every case
// is checked against a real /bin/sh, which must print the word back byte for byte and run
// nothing.
#include "core/remote/ShellQuote.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

class TestShellQuote : public QObject
{
    Q_OBJECT

private:
    QByteArray echoThroughShell(const QByteArray &command, const QTemporaryDir &dir)
    {
        const QString workDir = dir.filePath(QStringLiteral("run"));
        QDir().mkpath(workDir);
        // Through a script file, so that bytes that are not valid UTF-8 reach the shell as-is.
        QFile script(dir.filePath(QStringLiteral("cmd.sh")));
        if (!script.open(QIODevice::WriteOnly))
            return "<cannot write script>";
        script.write(command);
        script.close();
        QProcess sh;
        sh.setWorkingDirectory(workDir);
        sh.start(QStringLiteral("/bin/sh"), {script.fileName()});
        if (!sh.waitForFinished(10000))
            return "<timeout>";
        return sh.readAllStandardOutput();
    }

private Q_SLOTS:
    void quotesExactly_data()
    {
        QTest::addColumn<QByteArray>("word");
        QTest::addColumn<QByteArray>("quoted");
        QTest::newRow("plain") << QByteArray("abc") << QByteArray("'abc'");
        QTest::newRow("empty") << QByteArray("") << QByteArray("''");
        QTest::newRow("quote") << QByteArray("it's") << QByteArray("'it'\\''s'");
        QTest::newRow("only quote") << QByteArray("'") << QByteArray("''\\'''");
        QTest::newRow("dollar") << QByteArray("$HOME") << QByteArray("'$HOME'");
    }
    void quotesExactly()
    {
        QFETCH(QByteArray, word);
        QFETCH(QByteArray, quoted);
        QCOMPARE(shellQuote(word), quoted);
        QCOMPARE(shellQuote(QString::fromUtf8(word)), QString::fromUtf8(quoted));
    }

    void survivesRealShell_data()
    {
        QTest::addColumn<QByteArray>("word");
        QTest::newRow("spaces") << QByteArray("my file  with   spaces");
        QTest::newRow("single quotes") << QByteArray("it's 'quoted''");
        QTest::newRow("double quotes") << QByteArray("say \"hi\" \\\"");
        QTest::newRow("command substitution") << QByteArray("$(touch pwned)");
        QTest::newRow("backticks") << QByteArray("`touch pwned`");
        QTest::newRow("semicolon") << QByteArray("a; touch pwned");
        QTest::newRow("pipe and amp") << QByteArray("x | touch pwned & touch pwned");
        QTest::newRow("newline") << QByteArray("line1\ntouch pwned\n");
        QTest::newRow("leading dash") << QByteArray("-rf --no-preserve-root");
        QTest::newRow("glob") << QByteArray("* ? [a-z] ~ ~root");
        QTest::newRow("unicode") << QByteArray("données 数据 🚀");
        QTest::newRow("backslashes") << QByteArray("a\\b\\\\c\\'");
        QTest::newRow("redirections") << QByteArray("> pwned < /etc/passwd 2>&1");
        QTest::newRow("variables") << QByteArray("${IFS}$0$@!$$");
        QTest::newRow("tab and cr") << QByteArray("a\tb\rc");
        QTest::newRow("high bytes") << QByteArray("\xff\xfe latin1 \xe9");
        QTest::newRow("empty") << QByteArray();
    }
    void survivesRealShell()
    {
        QFETCH(QByteArray, word);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RemoteCommand cmd("printf");
        cmd.arg(QByteArray("%s|")).arg(word).arg(word);
        QVERIFY(cmd.isValid());
        QCOMPARE(echoThroughShell(cmd.toShell(), dir), word + '|' + word + '|');
        QVERIFY2(QDir(dir.filePath(QStringLiteral("run")))
                     .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                     .isEmpty(),
                 "the shell executed part of a quoted word");
    }

    void operatorsComposeQuotedCommands()
    {
        QTemporaryDir dir;
        RemoteCommand cmd("printf");
        cmd.arg(QByteArray("%s")).arg(QByteArray("a b'c")).stdoutTo("out file");
        cmd.andThen(RemoteCommand("cat").arg(QByteArray("out file")));
        cmd.andThen(RemoteCommand("printf").arg(QByteArray("%s")).arg(QByteArray("$(x)")));
        QCOMPARE(echoThroughShell(cmd.toShell(), dir), QByteArray("a b'c$(x)"));
    }

    void nulMakesCommandInvalid()
    {
        RemoteCommand cmd("echo");
        QVERIFY(cmd.isValid());
        cmd.arg(QByteArray("a\0b", 3));
        QVERIFY(!cmd.isValid());
        RemoteCommand other("true");
        other.andThen(cmd);
        QVERIFY(!other.isValid());
        QVERIFY(!RemoteCommand().isValid());
    }
};

QTEST_GUILESS_MAIN(TestShellQuote)
#include "test_shell_quote.moc"
