// Runs the traindeck-engine binary (path in TRAINDECK_ENGINE) and parses its metric lines.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>

struct EngineRun
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    QList<QJsonObject> lines; // parsed stdout lines
    int malformed = 0;

    QList<QJsonObject> events(const QString &name) const
    {
        QList<QJsonObject> r;
        for (const QJsonObject &o : lines)
            if (o.value(QStringLiteral("event")).toString() == name)
                r.append(o);
        return r;
    }
};

inline QString enginePath()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("TRAINDECK_ENGINE"));
}

inline QList<QJsonObject> parseMetricLines(const QByteArray &text, int *malformed)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError e{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) {
            if (malformed)
                ++*malformed;
            continue;
        }
        lines.append(doc.object());
    }
    return lines;
}

inline EngineRun runEngine(const QStringList &args, int timeoutMs = 120000)
{
    EngineRun r;
    QProcess p;
    p.setProgram(enginePath());
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(10000))
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.lines = parseMetricLines(r.out, &r.malformed);
    return r;
}

inline QString fashionMnistDir()
{
    return QProcessEnvironment::systemEnvironment().value(
        QStringLiteral("TRAINDECK_FASHION_MNIST"),
        QStringLiteral("/usr/share/datasets/fashion-mnist"));
}
