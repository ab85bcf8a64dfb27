// Every user-visible string has a finished zh_CN translation.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void committedTsIsComplete();
    void everySourceStringIsTranslated();
};

void TestTranslations::committedTsIsComplete()
{
    QFile ts(QStringLiteral(TRAINDECK_TS_FILE));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QByteArray text = ts.readAll();
    QVERIFY(text.contains("language=\"zh_CN\""));
    QCOMPARE(text.count("type=\"unfinished\""), 0);
    QVERIFY2(text.count("<message") > 50, "the translation holds the application's strings");
}

void TestTranslations::everySourceStringIsTranslated()
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("traindeck_zh_CN.ts"));
    QVERIFY(QFile::copy(QStringLiteral(TRAINDECK_TS_FILE), copy));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(
        QStringLiteral(TRAINDECK_LUPDATE),
        {QStringLiteral("-I"), QStringLiteral(TRAINDECK_SOURCE_DIR), QStringLiteral("-locations"),
         QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("-source-language"),
         QStringLiteral("en"), QStringLiteral("-target-language"), QStringLiteral("zh_CN"),
         QStringLiteral("@") + QStringLiteral(TRAINDECK_TR_SOURCE_LIST), QStringLiteral("-ts"),
         copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
    QFile updated(copy);
    QVERIFY(updated.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(updated.readAll());
    // List the first few missing strings so the failure says what to translate.
    static const QRegularExpression unfinished(
        QStringLiteral("<source>([^<]*)</source>\\s*(?:<comment>[^<]*</comment>\\s*)?<translation "
                       "type=\"unfinished\""));
    QStringList missing;
    for (auto it = unfinished.globalMatch(text); it.hasNext() && missing.size() < 15;)
        missing << it.next().captured(1);
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("untranslated (run the update_translations target): ") +
                        missing.join(QStringLiteral(" | "))));
    QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
