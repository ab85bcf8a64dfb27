#include "core/cli/CliApp.h"

#include "core/cli/CliOutput.h"
#include "core/jobs/EngineConfig.h"
#include "core/jobs/JobService.h"
#include "core/jobs/MetricLineParser.h"
#include "core/store/Store.h"
#include "core/util/AppSetup.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace td {

using namespace cli;

namespace {

} // namespace

QString cliFormatRow(const MetricRow &row);

namespace {

QJsonObject jobJson(const JobRecord &job)
{
    QJsonObject o;
    o[QLatin1String("id")] = job.id;
    o[QLatin1String("machine")] = job.machineId;
    o[QLatin1String("kind")] = job.kind;
    o[QLatin1String("state")] = jobStateName(job.state);
    o[QLatin1String("created_at")] = job.createdAt.toString(Qt::ISODate);
    if (job.startedAt.isValid())
        o[QLatin1String("started_at")] = job.startedAt.toString(Qt::ISODate);
    if (job.endedAt.isValid())
        o[QLatin1String("ended_at")] = job.endedAt.toString(Qt::ISODate);
    if (job.exitCode)
        o[QLatin1String("exit_code")] = *job.exitCode;
    if (job.cost)
        o[QLatin1String("cost")] = *job.cost;
    o[QLatin1String("config")] = QJsonDocument::fromJson(job.configJson.toUtf8()).object();
    const QJsonObject summary = QJsonDocument::fromJson(job.summaryJson.toUtf8()).object();
    o[QLatin1String("summary")] = summary;
    if (summary.contains(QLatin1String("final_test_accuracy")))
        o[QLatin1String("final_test_accuracy")] =
            summary.value(QLatin1String("final_test_accuracy"));
    return o;
}

// A job id or an unambiguous prefix of one (the tables show 8 characters).
std::optional<JobRecord> findJob(Store &store, const QString &idOrPrefix, QString *error)
{
    if (auto exact = store.job(idOrPrefix))
        return exact;
    std::optional<JobRecord> found;
    const QList<JobRecord> jobs = store.jobs();
    for (const JobRecord &j : jobs) {
        if (!idOrPrefix.isEmpty() && j.id.startsWith(idOrPrefix)) {
            if (found) {
                *error = CliApp::tr("Job id prefix \"%1\" is ambiguous.").arg(idOrPrefix);
                return std::nullopt;
            }
            found = j;
        }
    }
    if (!found)
        *error = CliApp::tr("No job \"%1\". List jobs with: traindeck-cli history").arg(idOrPrefix);
    return found;
}

QString formatRow(const MetricRow &row)
{
    QStringList parts{row.event};
    if (!row.split.isEmpty())
        parts << row.split;
    if (row.epoch)
        parts << QStringLiteral("epoch=%1").arg(*row.epoch);
    if (row.step)
        parts << QStringLiteral("step=%1").arg(*row.step);
    for (const MetricValue &v : row.values) {
        if (v.name == QLatin1String("elapsed"))
            continue;
        parts << QStringLiteral("%1=%2").arg(v.name, QString::number(v.value, 'g', 6));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

QString cliFormatRow(const MetricRow &row)
{
    return formatRow(row);
}

CliApp::CliApp() = default;
CliApp::~CliApp() = default;

int CliApp::usage(const QString &problem)
{
    if (!problem.isEmpty())
        err(tr("traindeck-cli: %1").arg(problem));
    const QString text = tr(
        "Usage: traindeck-cli [--data-dir DIR] [--json] COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  machines list|add|remove|probe   manage machines (Local is always there)\n"
        "  upload MACHINE LOCAL_PATH [REMOTE_DIR]     delta upload with resume and verify\n"
        "  download MACHINE REMOTE_PATH LOCAL_DIR     download with resume\n"
        "  run MACHINE [ENGINE OPTIONS | -- COMMAND…] launch a job (detached on remote machines)\n"
        "  attach JOB                 follow a running remote job again\n"
        "  stop JOB                   stop a running remote job (checkpoint first)\n"
        "  status [JOB]               running jobs, or one job's state and summary\n"
        "  logs JOB [-f]              the metric lines of a job (-f: keep following)\n"
        "  history                    every job with status and final accuracy\n"
        "  export JOB --csv FILE      a job's metrics as CSV\n"
        "\n"
        "Run `traindeck-cli COMMAND --help` for a command's options.\n"
        "\n"
        "Exit codes: 0 ok, 1 failed, 2 usage, 3 connection/auth, 4 host key mismatch, 5 job "
        "failed.");
    (problem.isEmpty() ? out(text) : err(text));
    return problem.isEmpty() ? ExitOk : ExitUsage;
}

bool CliApp::openStore(QString *error)
{
    m_store = Store::open(m_dataDir, error);
    return m_store != nullptr;
}

std::optional<JobRecord> CliApp::openJob(const QString &idOrPrefix)
{
    QString error;
    if (!openStore(&error)) {
        err(error);
        return std::nullopt;
    }
    auto job = findJob(*m_store, idOrPrefix, &error);
    if (!job)
        err(error);
    return job;
}

int CliApp::run(const QStringList &arguments)
{
    // Split global options from the command and its own arguments.
    QStringList rest;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (rest.isEmpty() && a == QLatin1String("--data-dir")) {
            if (i + 1 >= arguments.size())
                return usage(tr("--data-dir needs a folder"));
            m_dataDir = arguments.at(++i);
        } else if (rest.isEmpty() && a.startsWith(QLatin1String("--data-dir="))) {
            m_dataDir = a.section(QLatin1Char('='), 1);
        } else if (a == QLatin1String("--json")) {
            m_json = true;
        } else {
            rest << a;
        }
    }
    if (m_dataDir.isEmpty())
        m_dataDir = resolveDataDir({});
    if (rest.isEmpty() || rest.first() == QLatin1String("--help") ||
        rest.first() == QLatin1String("-h") || rest.first() == QLatin1String("help"))
        return usage();
    if (rest.first() == QLatin1String("--version")) {
        out(QStringLiteral("traindeck-cli ") + QCoreApplication::applicationVersion());
        return ExitOk;
    }
    const QString command = rest.takeFirst();
    using Handler = int (CliApp::*)(const QStringList &);
    const QHash<QString, Handler> handlers{{QStringLiteral("machines"), &CliApp::machines},
                                           {QStringLiteral("run"), &CliApp::runJob},
                                           {QStringLiteral("history"), &CliApp::history},
                                           {QStringLiteral("status"), &CliApp::status},
                                           {QStringLiteral("logs"), &CliApp::logs},
                                           {QStringLiteral("export"), &CliApp::exportJob},
                                           {QStringLiteral("upload"), &CliApp::upload},
                                           {QStringLiteral("download"), &CliApp::download},
                                           {QStringLiteral("attach"), &CliApp::attach},
                                           {QStringLiteral("stop"), &CliApp::stop}};
    const auto it = handlers.constFind(command);
    if (it == handlers.constEnd())
        return usage(tr("unknown command \"%1\"").arg(command));
    return (this->**it)(rest);
}

int CliApp::machines(const QStringList &args)
{
    if (args.value(0) == QLatin1String("--help") || args.isEmpty()) {
        out(tr("Usage: traindeck-cli machines list [--json]\n"
               "       traindeck-cli machines add --name NAME [OPTIONS] -- ssh [-p PORT] [-i KEY] "
               "[-J JUMP] USER@HOST\n"
               "       traindeck-cli machines add --name NAME --alias SSH_CONFIG_ALIAS [OPTIONS]\n"
               "       traindeck-cli machines remove MACHINE\n"
               "       traindeck-cli machines probe MACHINE\n\n"
               "Run `traindeck-cli machines add --help` for the options of add."));
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == QLatin1String("add"))
        return machinesAdd(args.mid(1));
    if (args.first() == QLatin1String("remove"))
        return machinesRemove(args.mid(1));
    if (args.first() == QLatin1String("probe"))
        return machinesProbe(args.mid(1));
    if (args.first() != QLatin1String("list"))
        return usage(tr("unknown machines subcommand \"%1\"").arg(args.first()));
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    JobService(m_store.get(), m_dataDir).recover();
    m_store->flush();
    const QList<MachineRecord> list = m_store->machines();
    if (m_json) {
        QJsonArray arr;
        for (const MachineRecord &m : list) {
            QJsonObject o{
                {QStringLiteral("id"), m.id},         {QStringLiteral("provider"), m.provider},
                {QStringLiteral("name"), m.name},     {QStringLiteral("host"), m.host},
                {QStringLiteral("port"), m.port},     {QStringLiteral("user"), m.user},
                {QStringLiteral("status"), m.status}, {QStringLiteral("gpu_tier"), m.gpuTier}};
            if (m.hourlyPrice)
                o[QLatin1String("hourly_price")] = *m.hourlyPrice;
            o[QLatin1String("currency")] = m.currency;
            arr.append(o);
        }
        outJson(arr);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const MachineRecord &m : list)
        rows << QStringList{
            m.id.left(8),
            m.provider,
            m.name,
            m.port == 22 ? m.host : QStringLiteral("%1:%2").arg(m.host).arg(m.port),
            m.hourlyPrice ? QStringLiteral("%1 %2/h").arg(*m.hourlyPrice, 0, 'f', 2).arg(m.currency)
                          : QString(),
            m.status};
    outTable({tr("ID"), tr("PROVIDER"), tr("NAME"), tr("HOST"), tr("PRICE"), tr("STATUS")}, rows);
    return ExitOk;
}

int CliApp::runJob(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Train the bundled engine, or run a command after --, on a machine.\n"
           "Local jobs run in the foreground: their metrics stream to the terminal and "
           "Ctrl-C stops the job after a checkpoint. Remote jobs run detached and survive "
           "the connection: Ctrl-C only stops following (reattach with `attach JOB`)."));
    p.addPositionalArgument(QStringLiteral("machine"), tr("\"local\" or a machine's name"));
    p.addPositionalArgument(QStringLiteral("command"),
                            tr("A command to run instead of the engine (remote machines)"),
                            tr("[-- COMMAND…]"));
    const EngineConfig defaults;
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help"));
    const QCommandLineOption data(QStringLiteral("data"), tr("Dataset folder (IDX files)"),
                                  tr("DIR"), defaults.dataDir);
    const QCommandLineOption model(QStringLiteral("model"), tr("mlp, cnn or resnet-small"),
                                   tr("NAME"), defaults.model);
    const QCommandLineOption epochs(QStringLiteral("epochs"), tr("Epochs"), tr("N"),
                                    QString::number(defaults.epochs));
    const QCommandLineOption batch(QStringLiteral("batch-size"), tr("Batch size"), tr("N"),
                                   QString::number(defaults.batchSize));
    const QCommandLineOption lr(QStringLiteral("lr"), tr("Learning rate"), tr("X"),
                                QString::number(defaults.learningRate));
    const QCommandLineOption precision(QStringLiteral("precision"), tr("fp32, fp16 or bf16"),
                                       tr("P"), defaults.precision);
    const QCommandLineOption limit(QStringLiteral("limit-train"),
                                   tr("Use only the first N training images"), tr("N"),
                                   QStringLiteral("0"));
    const QCommandLineOption threads(QStringLiteral("threads"), tr("CPU threads for the engine"),
                                     tr("N"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"), tr("Random seed"), tr("N"),
                                  QString::number(defaults.seed));
    const QCommandLineOption engine(QStringLiteral("engine"),
                                    tr("Run the bundled engine (the default)"));
    const QCommandLineOption follow(
        QStringLiteral("follow"),
        tr("Stream metrics until the job ends (always on for local jobs)"));
    const QCommandLineOption workDir(
        QStringLiteral("workdir"), tr("Working folder of a command job on the remote"), tr("DIR"));
    const QCommandLineOption envSetup(
        QStringLiteral("env"),
        tr("Script sourced before a command job (e.g. a venv's bin/activate)"), tr("FILE"));
    const QCommandLineOption metrics(
        QStringLiteral("metrics"),
        tr("How a command job's log shows metrics: auto, json, pytorch, lightning, hf or regex"),
        tr("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption metricsRegex(
        QStringLiteral("metrics-regex"),
        tr("With --metrics regex: an expression with named groups such as (?<loss>…), "
           "(?<accuracy>…), (?<step>…)"),
        tr("RE"));
    p.addOptions({help, data, model, epochs, batch, lr, precision, limit, threads, seed, engine,
                  follow, workDir, envSetup, metrics, metricsRegex});
    if (!p.parse(QStringList{QStringLiteral("run")} + args))
        return usage(p.errorText());
    if (p.isSet(help)) {
        out(p.helpText());
        return ExitOk;
    }
    if (p.positionalArguments().isEmpty())
        return usage(tr("run needs a machine, e.g. traindeck-cli run local"));
    bool ok = true;
    auto toInt = [&](const QCommandLineOption &o) {
        bool good = false;
        const int v = p.value(o).toInt(&good);
        ok = ok && good;
        return v;
    };
    EngineConfig config;
    config.dataDir = p.value(data);
    config.model = p.value(model);
    config.epochs = toInt(epochs);
    config.batchSize = toInt(batch);
    config.limitTrain = toInt(limit);
    config.threads = toInt(threads);
    config.seed = toInt(seed);
    bool lrOk = false;
    config.learningRate = p.value(lr).toDouble(&lrOk);
    config.precision = p.value(precision);
    if (!ok || !lrOk)
        return usage(tr("numeric options need numbers"));

    const QString machineKey = p.positionalArguments().first();
    if (machineKey != JobService::localMachineId()) {
        QString error;
        if (!openStore(&error)) {
            err(error);
            return ExitFailed;
        }
        const auto machine = findMachine(machineKey);
        if (!machine)
            return ExitFailed;
        RemoteRunOptions r;
        r.engine = config;
        r.command = p.positionalArguments().mid(1);
        r.follow = p.isSet(follow);
        r.workDir = p.value(workDir);
        r.envSetup = p.value(envSetup);
        r.metricsPreset = p.value(metrics);
        r.metricsRegex = p.value(metricsRegex);
        if (!p.isSet(data))
            r.engine.dataDir = QString(); // the remote's own copy: see runRemote
        r.dataSet = p.isSet(data);
        return runRemote(*machine, r);
    }
    if (p.positionalArguments().size() != 1)
        return usage(tr("a command after -- runs on remote machines only"));

    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    JobService jobs(m_store.get(), m_dataDir);
    jobs.recover();
    const QString id = jobs.launchLocal(config, &error);
    if (id.isEmpty()) {
        err(error);
        return ExitFailed;
    }
    out(tr("job %1").arg(id));
    return this->follow(jobs, id, true); // a local job lives as long as this process
}

int CliApp::history(const QStringList &args)
{
    if (args.value(0) == QLatin1String("--help")) {
        out(tr("Usage: traindeck-cli history [--json]\n\nEvery job, newest first."));
        return ExitOk;
    }
    if (!args.isEmpty())
        return usage(tr("history takes no arguments"));
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    const QList<JobRecord> jobs = m_store->jobs();
    if (m_json) {
        QJsonArray arr;
        for (const JobRecord &j : jobs)
            arr.append(jobJson(j));
        outJson(arr);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const JobRecord &j : jobs) {
        const QJsonObject o = jobJson(j);
        const QJsonValue acc = o.value(QLatin1String("final_test_accuracy"));
        rows << QStringList{
            j.id.left(8),
            j.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            j.machineId,
            o.value(QLatin1String("config")).toObject().value(QLatin1String("model")).toString(),
            jobStateName(j.state),
            acc.isDouble() ? QString::number(acc.toDouble() * 100.0, 'f', 2) + QLatin1Char('%')
                           : QString()};
    }
    outTable({tr("JOB"), tr("CREATED"), tr("MACHINE"), tr("MODEL"), tr("STATE"), tr("TEST ACC")},
             rows);
    return ExitOk;
}

int CliApp::status(const QStringList &args)
{
    if (args.value(0) == QLatin1String("--help")) {
        out(tr("Usage: traindeck-cli status [JOB] [--json]\n\nWithout JOB: the jobs that have not "
               "ended."));
        return ExitOk;
    }
    if (args.size() > 1)
        return usage(tr("status takes at most one job id"));
    QString error;
    if (!openStore(&error)) {
        err(error);
        return ExitFailed;
    }
    if (args.isEmpty()) {
        QJsonArray arr;
        QList<QStringList> rows;
        const QList<JobRecord> jobs = m_store->jobs();
        for (const JobRecord &j : jobs) {
            if (isTerminal(j.state))
                continue;
            arr.append(jobJson(j));
            rows << QStringList{j.id.left(8), j.machineId.left(12), jobStateName(j.state),
                                j.startedAt.isValid() ? j.startedAt.toLocalTime().toString(
                                                            QStringLiteral("yyyy-MM-dd HH:mm"))
                                                      : QString()};
        }
        if (m_json)
            outJson(arr);
        else if (rows.isEmpty())
            out(tr("No job is running."));
        else
            outTable({tr("JOB"), tr("MACHINE"), tr("STATE"), tr("STARTED")}, rows);
        return ExitOk;
    }
    const auto job = findJob(*m_store, args.first(), &error);
    if (!job) {
        err(error);
        return ExitFailed;
    }
    const QJsonObject o = jobJson(*job);
    if (m_json) {
        outJson(o);
        return ExitOk;
    }
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString value =
            it->isObject()
                ? QString::fromUtf8(QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact))
                : it->toVariant().toString();
        out(QStringLiteral("%1: %2").arg(it.key(), value));
    }
    return ExitOk;
}

int CliApp::logs(const QStringList &args)
{
    QStringList rest = args;
    const bool followFlag =
        rest.removeAll(QStringLiteral("-f")) + rest.removeAll(QStringLiteral("--follow")) > 0;
    if (rest.size() != 1 || rest.first() == QLatin1String("--help"))
        return rest.value(0) == QLatin1String("--help")
                   ? (out(tr("Usage: traindeck-cli logs JOB [-f]\n\nPrints the job's raw metric "
                             "lines; "
                             "-f keeps following a running remote job.")),
                      int(ExitOk))
                   : usage(tr("logs needs one job id"));
    if (followFlag)
        return attach(QStringList{rest.first(), QStringLiteral("--raw")});
    const QStringList &argsOne = rest;
    const auto job = openJob(argsOne.first());
    if (!job)
        return ExitFailed;
    const QStringList lines = m_store->metricLines(job->id);
    for (const QString &l : lines)
        out(l);
    return ExitOk;
}

int CliApp::exportJob(const QStringList &args)
{
    QCommandLineParser p;
    const QCommandLineOption csv(QStringLiteral("csv"), tr("Write the metrics to FILE as CSV"),
                                 tr("FILE"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help"));
    p.addOptions({csv, help});
    p.addPositionalArgument(QStringLiteral("job"), tr("Job id or prefix"));
    if (!p.parse(QStringList{QStringLiteral("export")} + args))
        return usage(p.errorText());
    if (p.isSet(help)) {
        out(p.helpText());
        return ExitOk;
    }
    if (p.positionalArguments().size() != 1 || !p.isSet(csv))
        return usage(tr("export needs a job id and --csv FILE"));
    const auto job = openJob(p.positionalArguments().first());
    if (!job)
        return ExitFailed;
    QSaveFile file(p.value(csv));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        err(tr("Cannot write %1: %2").arg(p.value(csv), file.errorString()));
        return ExitFailed;
    }
    file.write("seq,event,split,epoch,step,name,value,time\n");
    const QStringList lines = m_store->metricLines(job->id);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const ParsedMetricLine parsed = parseMetricLine(lines.at(i).toUtf8(), i);
        if (!parsed.ok)
            continue;
        const MetricRow &r = parsed.row;
        for (const MetricValue &v : r.values) {
            if (v.name == QLatin1String("elapsed"))
                continue;
            file.write(QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                           .arg(r.seq)
                           .arg(r.event, r.split, r.epoch ? QString::number(*r.epoch) : QString(),
                                r.step ? QString::number(*r.step) : QString(), v.name,
                                QString::number(v.value, 'g', 9),
                                r.time ? QString::number(*r.time, 'f', 3) : QString())
                           .toUtf8());
        }
    }
    if (!file.commit()) {
        err(tr("Cannot write %1: %2").arg(p.value(csv), file.errorString()));
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace td
