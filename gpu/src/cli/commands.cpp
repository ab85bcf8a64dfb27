#include "cli/commands.h"

#include "backend/backend_factory.h"
#include "cli/arg_parser.h"
#include "cli/model_commands.h"
#include "dist/launcher.h"
#include "doctor/doctor.h"
#include "io/checkpoint_file.h"
#include "train/metrics_writer.h"
#include "train/stop_signal.h"
#include "train/trainer.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace td {
namespace {

void printUsage(FILE *out)
{
    std::fputs(
        "usage:\n"
        "  traindeck-engine train --data DIR --out DIR [--config FILE.json]\n"
        "         [--model mlp|cnn|resnet-small] [--epochs N] [--max-steps N] [--limit-train N]\n"
        "         [--val-size N] [--batch-size N] [--lr X] [--precision fp32|fp16|bf16]\n"
        "         [--device cpu|cuda[:N]] [--gpus N] [--threads N] [--seed N] [--resume]\n"
        "         [--optimizer adamw|sgd] [--schedule constant|cosine|onecycle]\n"
        "         [--weight-decay X] [--warmup-steps N] [--label-smoothing X] [--grad-accum N]\n"
        "         [--log-every N] [--checkpoint-every-steps N] [--gpu-resident]\n"
        "         --gpus N starts N ranks (one process per GPU; --device cpu: N CPU processes);\n"
        "         a rank started by hand takes --rank R --world-size N --dist-id ID\n"
        "         (or TRAINDECK_RANK, TRAINDECK_WORLD_SIZE, TRAINDECK_DIST_ID)\n"
        "  traindeck-engine evaluate --checkpoint FILE --data DIR [--json] [--device D]\n"
        "  traindeck-engine export   --checkpoint FILE --out FILE   (safetensors)\n"
        "  traindeck-engine doctor   [--json] [--path DIR]\n"
        "  traindeck-engine --version\n"
        "Exit codes: 0 ok, 2 config, 3 data, 4 io, 5 nan, 6 oom, 7 cuda_driver,\n"
        "            128+signal when stopped by SIGTERM/SIGINT (after a checkpoint).\n",
        out);
}

const std::set<std::string> kStringFlags = {"data",   "out",       "config",    "model",
                                            "device", "precision", "optimizer", "schedule"};
const std::set<std::string> kNumberFlags = {
    "epochs",       "max-steps",    "limit-train",
    "val-size",     "batch-size",   "lr",
    "gpus",         "threads",      "seed",
    "weight-decay", "warmup-steps", "label-smoothing",
    "grad-accum",   "log-every",    "checkpoint-every-steps",
    "momentum"};
// Rank settings: they describe this process, not the run, so they stay out of the config.
const std::set<std::string> kDistFlags = {"rank", "world-size", "local-rank", "dist-id"};

// Flags become the same JSON object a config file holds, so one validator checks both.
Status flagsToOverrides(const ParsedArgs &args, JsonValue &overrides)
{
    overrides = JsonValue::object();
    for (const auto &kv : args.values) {
        if (kv.first == "config" || kDistFlags.count(kv.first))
            continue;
        std::string key = kv.first;
        for (char &c : key)
            if (c == '-')
                c = '_';
        if (kStringFlags.count(kv.first)) {
            overrides.set(key, JsonValue::string(kv.second));
            continue;
        }
        char *end = nullptr;
        const double d = std::strtod(kv.second.c_str(), &end);
        if (kv.second.empty() || *end != '\0')
            return {ErrorKind::Config,
                    "--" + kv.first + " needs a number, got '" + kv.second + "'"};
        overrides.set(key, JsonValue::number(d));
    }
    if (args.switches.count("gpu-resident"))
        overrides.set("gpu_resident", JsonValue::boolean(true));
    return Status::ok();
}

void writeError(MetricsWriter &metrics, const Status &s)
{
    MetricLine line("error");
    line.str("kind", errorKindName(s.kind())).str("message", s.message());
    (void)metrics.write(line);
    std::fprintf(stderr, "traindeck-engine: %s error: %s\n", errorKindName(s.kind()),
                 s.message().c_str());
}

int runTrain(int argc, char **argv)
{
    std::set<std::string> valueFlags = kStringFlags;
    valueFlags.insert(kNumberFlags.begin(), kNumberFlags.end());
    valueFlags.insert(kDistFlags.begin(), kDistFlags.end());
    ParsedArgs args;
    MetricsWriter metrics;
    Status s = parseArgs(argc, argv, 2, valueFlags, {"resume", "gpu-resident"}, args);
    DistSettings dist;
    bool isRank = false;
    if (s.isOk())
        s = distFromArguments(args, dist, &isRank);
    // Only rank 0 of a data-parallel run writes metrics; the others report on stderr.
    const bool writesMetrics = dist.rank == 0;
    metrics.setEchoToStdout(writesMetrics);
    // Open the metrics file first so even a bad setting leaves an `error` line in it.
    if (writesMetrics && args.has("out") && makeDirectories(args.get("out")).isOk())
        (void)metrics.open(args.get("out") + "/metrics.jsonl");
    JsonValue overrides;
    if (s.isOk())
        s = flagsToOverrides(args, overrides);
    TrainConfig config;
    if (s.isOk())
        s = resolveTrainConfig(args.get("config"), overrides, config);
    if (s.isOk() && config.outDir.empty())
        s = Status(ErrorKind::Config, "no output directory given (--out DIR)");
    if (s.isOk() && config.dataDir.empty())
        s = Status(ErrorKind::Config, "no data directory given (--data DIR)");
    if (s.isOk() && writesMetrics && !args.has("out")) {
        // --out came from the config file.
        s = makeDirectories(config.outDir);
        if (s.isOk())
            s = metrics.open(config.outDir + "/metrics.jsonl");
    }
    if (s.isOk() && !isRank && config.gpus > 1)
        return launchRanks(argv, config.gpus, config.outDir, metrics);
    std::string device = config.device;
    if (s.isOk() && isRank) {
        dist.outDir = config.outDir;
        // Rank k of a node uses the k-th GPU counted from the one --device names.
        if (device.rfind("cuda", 0) == 0 && dist.world > 1) {
            const int base = device.size() > 5 ? std::atoi(device.c_str() + 5) : 0;
            device = "cuda:" + std::to_string(base + dist.localRank);
        }
    }
    std::unique_ptr<Ops<float>> ops;
    std::string deviceName;
    if (s.isOk())
        s = createBackend(device, config.threads, ops, deviceName);
    TrainOutcome outcome;
    if (s.isOk()) {
        installStopSignalHandlers();
        s = runTraining(config, args.has("resume"), *ops, deviceName, metrics, outcome, dist);
    }
    if (!s.isOk()) {
        writeError(metrics, s);
        return exitCodeFor(s.kind());
    }
    // A stopped run exits with the shell's convention for death by that signal (143 for
    // SIGTERM, 130 for SIGINT): supervisors that only look at the exit status see the run as
    // not finished, while the `end` line with status "stopped" tells ours it stopped cleanly
    // after writing a checkpoint.
    if (outcome.stopped)
        return 128 + outcome.stopSignal;
    return 0;
}

} // namespace

int runEngineCommand(int argc, char **argv)
{
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const char *command = argv[1];
    if (!std::strcmp(command, "--help") || !std::strcmp(command, "-h") ||
        !std::strcmp(command, "help")) {
        printUsage(stdout);
        return 0;
    }
    if (!std::strcmp(command, "--version")) {
        std::printf("traindeck-engine %s\n", TRAINDECK_ENGINE_VERSION);
        return 0;
    }
    if (!std::strcmp(command, "train"))
        return runTrain(argc, argv);
    if (!std::strcmp(command, "evaluate"))
        return runEvaluateCommand(argc, argv);
    if (!std::strcmp(command, "export"))
        return runExportCommand(argc, argv);
    if (!std::strcmp(command, "doctor"))
        return runDoctorCommand(argc, argv);
    std::fprintf(stderr, "traindeck-engine: unknown command '%s'\n", command);
    printUsage(stderr);
    return 2;
}

} // namespace td
