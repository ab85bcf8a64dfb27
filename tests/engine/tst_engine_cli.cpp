// The engine's command line contract (DESIGN.md): metric lines, errors and exit codes,
// determinism, exact resume, checkpoint integrity, SIGTERM, evaluate/export and doctor.
#include "engine_process.h"
#include "io/checkpoint_file.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

namespace {

QString smallData()
{
    return QStringLiteral(TRAINDECK_TEST_DATA "/engine/fmnist-small");
}

QStringList trainArgs(const QString &out, const QStringList &extra)
{
    QStringList a = {QStringLiteral("train"),
                     QStringLiteral("--data"),
                     smallData(),
                     QStringLiteral("--out"),
                     out,
                     QStringLiteral("--threads"),
                     QStringLiteral("1"),
                     QStringLiteral("--batch-size"),
                     QStringLiteral("32"),
                     QStringLiteral("--log-every"),
                     QStringLiteral("2")};
    return a + extra;
}

// Lines with the run-dependent fields removed, for comparing runs.
QStringList stableLines(const QList<QJsonObject> &lines)
{
    QStringList r;
    for (QJsonObject o : lines) {
        const QString event = o.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("start") || event == QLatin1String("checkpoint"))
            continue;
        for (const char *k : {"time", "elapsed", "samples_per_s"})
            o.remove(QLatin1String(k));
        r.append(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    return r;
}

td::CheckpointData readCkpt(const QString &path)
{
    td::CheckpointData d;
    const td::Status s = td::readCheckpointFile(path.toStdString(), d);
    if (!s.isOk())
        qWarning("%s", s.message().c_str());
    return d;
}

bool sameTensors(const td::CheckpointData &a, const td::CheckpointData &b)
{
    if (a.tensors.size() != b.tensors.size() || a.tensors.empty())
        return false;
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        if (a.tensors[i].name != b.tensors[i].name ||
            std::memcmp(a.tensors[i].data.data(), b.tensors[i].data.data(),
                        a.tensors[i].data.size() * sizeof(float)) != 0 ||
            a.tensors[i].data.size() != b.tensors[i].data.size())
            return false;
    }
    return true;
}

} // namespace

class TestEngineCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(enginePath()), "TRAINDECK_ENGINE not set"); }

    void shortRunWritesContractLines()
    {
        QTemporaryDir out;
        const EngineRun r =
            runEngine(trainArgs(out.path(), {QStringLiteral("--epochs"), QStringLiteral("2")}));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.malformed, 0);
        QVERIFY(!r.lines.isEmpty());
        for (const QJsonObject &o : r.lines) {
            QCOMPARE(o.value(QStringLiteral("v")).toInt(), 1);
            QVERIFY(o.value(QStringLiteral("time")).toDouble() > 1.6e9);
        }
        const QJsonObject start = r.lines.first();
        QCOMPARE(start.value(QStringLiteral("event")).toString(), QStringLiteral("start"));
        QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("mlp"));
        QCOMPARE(start.value(QStringLiteral("params")).toInt(),
                 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10);
        QCOMPARE(start.value(QStringLiteral("device")).toString(), QStringLiteral("cpu"));
        QCOMPARE(start.value(QStringLiteral("precision")).toString(), QStringLiteral("fp32"));

        // 200 images: 20 for val, 180 to train -> 6 steps of 32 per epoch.
        const QList<QJsonObject> steps = r.events(QStringLiteral("step"));
        QCOMPARE(steps.size(), 6);
        for (const QJsonObject &s : steps) {
            for (const char *k : {"step", "epoch", "loss", "lr", "samples_per_s", "elapsed"})
                QVERIFY2(s.contains(QLatin1String(k)), k);
            QCOMPARE(s.value(QStringLiteral("step")).toInt() % 2, 0);
            QVERIFY(s.value(QStringLiteral("loss")).toDouble() > 0);
        }
        const QList<QJsonObject> evals = r.events(QStringLiteral("eval"));
        QCOMPARE(evals.size(), 4);
        QCOMPARE(evals[0].value(QStringLiteral("split")).toString(), QStringLiteral("val"));
        QCOMPARE(evals[1].value(QStringLiteral("split")).toString(), QStringLiteral("test"));
        QCOMPARE(evals[1].value(QStringLiteral("step")).toInt(), 6);
        QCOMPARE(evals[3].value(QStringLiteral("epoch")).toInt(), 1);
        for (const QJsonObject &c : r.events(QStringLiteral("checkpoint")))
            QVERIFY(QFile::exists(out.filePath(c.value(QStringLiteral("path")).toString())));
        const QJsonObject end = r.lines.last();
        QCOMPARE(end.value(QStringLiteral("event")).toString(), QStringLiteral("end"));
        QCOMPARE(end.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(end.value(QStringLiteral("final_test_accuracy")).toDouble(),
                 evals[3].value(QStringLiteral("accuracy")).toDouble());

        QFile file(out.filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), r.out); // the file gets exactly what stdout got
    }

    void sameSeedSameLines()
    {
        QTemporaryDir a, b;
        const QStringList extra = {QStringLiteral("--epochs"), QStringLiteral("1"),
                                   QStringLiteral("--seed"), QStringLiteral("5")};
        const EngineRun ra = runEngine(trainArgs(a.path(), extra));
        const EngineRun rb = runEngine(trainArgs(b.path(), extra));
        QCOMPARE(ra.exitCode, 0);
        QCOMPARE(rb.exitCode, 0);
        QCOMPARE(stableLines(ra.lines), stableLines(rb.lines));
        const EngineRun rc = runEngine(trainArgs(QDir(a.path()).filePath(QStringLiteral("other")),
                                                 {QStringLiteral("--epochs"), QStringLiteral("1"),
                                                  QStringLiteral("--seed"), QStringLiteral("6")}));
        QVERIFY(stableLines(rc.lines) != stableLines(ra.lines));
    }

    void missingDatasetIsDataError()
    {
        QTemporaryDir out;
        const QString missing = out.filePath(QStringLiteral("no-dataset"));
        EngineRun r = runEngine({QStringLiteral("train"), QStringLiteral("--data"), missing,
                                 QStringLiteral("--out"), out.filePath(QStringLiteral("run"))});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.lines.last().value(QStringLiteral("event")).toString(), QStringLiteral("error"));
        QCOMPARE(r.lines.last().value(QStringLiteral("kind")).toString(), QStringLiteral("data"));
        QVERIFY(r.lines.last().value(QStringLiteral("message")).toString().contains(missing));

        // A directory that lacks one file: the message names that file.
        QVERIFY(QDir().mkpath(missing));
        for (const char *f : {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                              "train-labels-idx1-ubyte.gz"})
            QVERIFY(QFile::copy(smallData() + QLatin1Char('/') + QLatin1String(f),
                                missing + QLatin1Char('/') + QLatin1String(f)));
        r = runEngine({QStringLiteral("train"), QStringLiteral("--data"), missing,
                       QStringLiteral("--out"), out.filePath(QStringLiteral("run2"))});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.lines.last()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("train-images-idx3-ubyte")));
        QFile file(out.filePath(QStringLiteral("run2/metrics.jsonl")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"kind\":\"data\""));
    }

    void badSettingsAreConfigErrors()
    {
        QTemporaryDir out;
        const QList<QStringList> cases = {
            {QStringLiteral("--epochs"), QStringLiteral("abc")},
            {QStringLiteral("--precision"), QStringLiteral("bf16")},
            {QStringLiteral("--device"), QStringLiteral("tpu")},
            {QStringLiteral("--model"), QStringLiteral("transformer")},
            {QStringLiteral("--frobnicate"), QStringLiteral("1")},
        };
        int i = 0;
        for (const QStringList &c : cases) {
            const EngineRun r = runEngine(trainArgs(out.filePath(QString::number(i++)), c));
            QVERIFY2(r.exitCode == 2, qPrintable(c.join(QLatin1Char(' '))));
            QCOMPARE(r.lines.last().value(QStringLiteral("kind")).toString(),
                     QStringLiteral("config"));
        }
    }

    void configFileAndCnnModel()
    {
        QTemporaryDir out;
        QFile cfg(out.filePath(QStringLiteral("cfg.json")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(R"({"model":"cnn","epochs":1,"optimizer":"sgd","schedule":"cosine",
                      "warmup_steps":2,"label_smoothing":0.1,"grad_accum":2,"weight_decay":1e-4})");
        cfg.close();
        const EngineRun r = runEngine(trainArgs(out.filePath(QStringLiteral("run")),
                                                {QStringLiteral("--config"), cfg.fileName(),
                                                 QStringLiteral("--lr"), QStringLiteral("0.05")}));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.lines.first().value(QStringLiteral("model")).toString(), QStringLiteral("cnn"));
        // grad_accum 2: 6 micro-batches of 32 -> 3 optimizer steps.
        QCOMPARE(r.events(QStringLiteral("eval")).first().value(QStringLiteral("step")).toInt(), 3);
        QCOMPARE(r.events(QStringLiteral("step")).first().value(QStringLiteral("lr")).toDouble(),
                 0.05);
    }

    void resnetSmallRuns()
    {
        QTemporaryDir out;
        const EngineRun r = runEngine(
            trainArgs(out.path(), {QStringLiteral("--model"), QStringLiteral("resnet-small"),
                                   QStringLiteral("--max-steps"), QStringLiteral("2")}));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.lines.last().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.events(QStringLiteral("eval")).last().value(QStringLiteral("step")).toInt(), 2);
    }

    void resumeIsExact()
    {
        QTemporaryDir straight, split;
        // The split run first asks for 1 epoch, then 2: a schedule over the whole run (the
        // cnn default is one-cycle) would differ between them, so keep the rate constant.
        const QStringList common = {QStringLiteral("--seed"),        QStringLiteral("3"),
                                    QStringLiteral("--model"),       QStringLiteral("cnn"),
                                    QStringLiteral("--limit-train"), QStringLiteral("120"),
                                    QStringLiteral("--log-every"),   QStringLiteral("1"),
                                    QStringLiteral("--schedule"),    QStringLiteral("constant")};
        const EngineRun a =
            runEngine(trainArgs(straight.path(), common + QStringList{QStringLiteral("--epochs"),
                                                                      QStringLiteral("2")}));
        QCOMPARE(a.exitCode, 0);
        const EngineRun b1 = runEngine(trainArgs(
            split.path(), common + QStringList{QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(b1.exitCode, 0);
        const EngineRun b2 = runEngine(trainArgs(
            split.path(), common + QStringList{QStringLiteral("--epochs"), QStringLiteral("2"),
                                               QStringLiteral("--resume")}));
        QVERIFY2(b2.exitCode == 0, b2.err.constData());
        QVERIFY(b2.lines.first().contains(QStringLiteral("resumed_step")));

        QList<QJsonObject> joined = b1.lines;
        joined.removeLast(); // the first process's own `end`
        joined += b2.lines;
        QCOMPARE(stableLines(joined), stableLines(a.lines));
        QVERIFY(sameTensors(readCkpt(straight.filePath(QStringLiteral("final/model.tdk"))),
                            readCkpt(split.filePath(QStringLiteral("final/model.tdk")))));
        const QString last =
            a.events(QStringLiteral("checkpoint")).last().value(QStringLiteral("path")).toString();
        QVERIFY(sameTensors(readCkpt(straight.filePath(last)), readCkpt(split.filePath(last))));
    }

    void corruptCheckpointIsRefused()
    {
        QTemporaryDir out;
        const EngineRun r =
            runEngine(trainArgs(out.path(), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(r.exitCode, 0);
        const QString path = out.filePath(
            r.events(QStringLiteral("checkpoint")).last().value(QStringLiteral("path")).toString());
        QVERIFY(!readCkpt(path).tensors.empty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        const char c = f.peek(1).at(0);
        f.write(QByteArray(1, char(c ^ 0x10)));
        f.close();
        td::CheckpointData d;
        const td::Status s = td::readCheckpointFile(path.toStdString(), d);
        QCOMPARE(s.kind(), td::ErrorKind::Data);
        QVERIFY(s.message().find("checksum") != std::string::npos);
        const EngineRun again =
            runEngine(trainArgs(out.path(), {QStringLiteral("--epochs"), QStringLiteral("2"),
                                             QStringLiteral("--resume")}));
        QCOMPARE(again.exitCode, 3);
        QCOMPARE(again.lines.last().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("data"));
    }

    void sigtermCheckpointsAndStops()
    {
        QTemporaryDir out;
        QProcess p;
        p.setProgram(enginePath());
        p.setArguments(trainArgs(out.path(), {QStringLiteral("--epochs"), QStringLiteral("100000"),
                                              QStringLiteral("--log-every"), QStringLiteral("1")}));
        p.setStandardOutputFile(out.filePath(QStringLiteral("stdout.txt")));
        p.start();
        QVERIFY(p.waitForStarted());
        QFile metrics(out.filePath(QStringLiteral("metrics.jsonl")));
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000) {
            QThread::msleep(50);
            if (metrics.open(QIODevice::ReadOnly)) {
                const bool stepped = metrics.readAll().contains("\"event\":\"step\"");
                metrics.close();
                if (stepped)
                    break;
            }
        }
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 143);
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QList<QJsonObject> lines = parseMetricLines(metrics.readAll(), nullptr);
        QCOMPARE(lines.last().value(QStringLiteral("event")).toString(), QStringLiteral("end"));
        QCOMPARE(lines.last().value(QStringLiteral("status")).toString(),
                 QStringLiteral("stopped"));
        const QJsonObject ckpt = lines.at(lines.size() - 2);
        QCOMPARE(ckpt.value(QStringLiteral("event")).toString(), QStringLiteral("checkpoint"));
        QCOMPARE(ckpt.value(QStringLiteral("step")).toInt(),
                 lines.last().value(QStringLiteral("steps")).toInt());
        QVERIFY(
            !readCkpt(out.filePath(ckpt.value(QStringLiteral("path")).toString())).tensors.empty());
    }

    void evaluateAndExport()
    {
        QTemporaryDir out;
        const EngineRun r =
            runEngine(trainArgs(out.path(), {QStringLiteral("--epochs"), QStringLiteral("1")}));
        QCOMPARE(r.exitCode, 0);
        const QString model = out.filePath(QStringLiteral("final/model.tdk"));
        const EngineRun e =
            runEngine({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"), model,
                       QStringLiteral("--data"), smallData(), QStringLiteral("--json")});
        QVERIFY2(e.exitCode == 0, e.err.constData());
        QCOMPARE(e.lines.size(), 1);
        QCOMPARE(e.lines[0].value(QStringLiteral("accuracy")).toDouble(),
                 r.lines.last().value(QStringLiteral("final_test_accuracy")).toDouble());

        const QString st = out.filePath(QStringLiteral("model.safetensors"));
        const EngineRun x = runEngine({QStringLiteral("export"), QStringLiteral("--checkpoint"),
                                       model, QStringLiteral("--out"), st});
        QVERIFY2(x.exitCode == 0, x.err.constData());
        QFile f(st);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        quint64 len = 0;
        for (int i = 0; i < 8; ++i)
            len |= quint64(quint8(bytes[i])) << (8 * i);
        const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, int(len))).object();
        const QJsonObject w = header.value(QStringLiteral("1.weight")).toObject();
        QCOMPARE(w.value(QStringLiteral("shape")).toArray(), (QJsonArray{256, 784}));
        QCOMPARE(w.value(QStringLiteral("dtype")).toString(), QStringLiteral("F32"));
        const QJsonArray last = header.value(QStringLiteral("5.bias"))
                                    .toObject()
                                    .value(QStringLiteral("data_offsets"))
                                    .toArray();
        QCOMPARE(quint64(8 + len + quint64(last[1].toDouble())), quint64(bytes.size()));

        const EngineRun bad =
            runEngine({QStringLiteral("evaluate"), QStringLiteral("--checkpoint"),
                       out.filePath(QStringLiteral("metrics.jsonl")), QStringLiteral("--data"),
                       smallData(), QStringLiteral("--json")});
        QCOMPARE(bad.exitCode, 3);
        QCOMPARE(bad.lines.last().value(QStringLiteral("kind")).toString(), QStringLiteral("data"));
    }

    void doctorAnswersWithoutDriver()
    {
        const EngineRun r = runEngine({QStringLiteral("doctor"), QStringLiteral("--json")});
        QCOMPARE(r.lines.size(), 1);
        const QJsonObject d = r.lines[0];
        QCOMPARE(d.value(QStringLiteral("exit_code")).toInt(), r.exitCode);
        QVERIFY(!d.value(QStringLiteral("glibc")).toString().isEmpty());
        QVERIFY(d.value(QStringLiteral("disk_free_mib")).toDouble() > 0);
        QVERIFY(d.value(QStringLiteral("libraries")).toObject().contains(QStringLiteral("cublas")));
        if (!d.value(QStringLiteral("driver_loaded")).toBool()) {
            QCOMPARE(d.value(QStringLiteral("driver_status")).toString(),
                     QStringLiteral("no driver"));
            QVERIFY(d.value(QStringLiteral("gpus")).toArray().isEmpty());
            QCOMPARE(r.exitCode, 1); // CPU only
        }
        const EngineRun text = runEngine({QStringLiteral("doctor")});
        QCOMPARE(text.exitCode, r.exitCode);
        QVERIFY(text.out.contains("glibc"));
    }
};

QTEST_GUILESS_MAIN(TestEngineCli)
#include "tst_engine_cli.moc"
