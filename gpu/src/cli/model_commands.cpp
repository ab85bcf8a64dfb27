#include "cli/model_commands.h"

#include "backend/backend_factory.h"
#include "cli/arg_parser.h"
#include "io/safetensors_export.h"
#include "io/saved_model.h"
#include "train/evaluation.h"
#include "train/metrics_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace td {
namespace {

int fail(const Status &s, bool json)
{
    if (json) {
        MetricLine line("error");
        line.str("kind", errorKindName(s.kind())).str("message", s.message());
        std::fputs(line.finish().c_str(), stdout);
    }
    std::fprintf(stderr, "traindeck-engine: %s error: %s\n", errorKindName(s.kind()),
                 s.message().c_str());
    return exitCodeFor(s.kind());
}

#define TD_RETURN_IF_ERROR_EXIT(expr, json)                                                        \
    do {                                                                                           \
        const ::td::Status td_status_ = (expr);                                                    \
        if (!td_status_.isOk())                                                                    \
            return fail(td_status_, json);                                                         \
    } while (0)

} // namespace

int runEvaluateCommand(int argc, char **argv)
{
    ParsedArgs args;
    Status s = parseArgs(argc, argv, 2, {"checkpoint", "data", "device", "threads", "batch-size"},
                         {"json"}, args);
    const bool json = args.has("json");
    if (!s.isOk())
        return fail(s, json);
    if (!args.has("checkpoint") || !args.has("data"))
        return fail({ErrorKind::Config, "evaluate needs --checkpoint FILE and --data DIR"}, json);
    SavedModel saved;
    TD_RETURN_IF_ERROR_EXIT(readSavedModel(args.get("checkpoint"), saved), json);
    std::unique_ptr<Ops<float>> ops;
    std::string deviceName;
    TD_RETURN_IF_ERROR_EXIT(createBackend(args.get("device", "cpu"),
                                          std::atoi(args.get("threads", "1").c_str()), ops,
                                          deviceName),
                            json);
    Model<float> model;
    TD_RETURN_IF_ERROR_EXIT(instantiateSavedModel(saved, *ops, model), json);
    DatasetOptions dopt;
    dopt.loadTrain = false;
    dopt.haveStats = true;
    dopt.mean = saved.mean;
    dopt.stdDev = saved.stdDev;
    Dataset data;
    TD_RETURN_IF_ERROR_EXIT(loadDataset(args.get("data"), dopt, data), json);
    if (data.sampleShape.dims != saved.inputShape.dims)
        return fail({ErrorKind::Data, "test images are " + data.sampleShape.str() +
                                          ", the model expects " + saved.inputShape.str()},
                    json);
    Array<float> x(ops.get());
    Array<int32_t> y(ops.get());
    EvalResult r;
    const int batch = std::max(1, std::atoi(args.get("batch-size", "256").c_str()));
    TD_RETURN_IF_ERROR_EXIT(
        evaluateSplit(model, data.test, data.sampleShape.count(), batch, x, y, r), json);
    if (json) {
        MetricLine line("eval");
        const JsonValue *step = saved.file.header.find("step");
        line.integer("step", step && step->isNumber() ? int64_t(step->asNumber()) : 0)
            .str("split", "test")
            .num("loss", r.loss)
            .num("accuracy", r.accuracy)
            .integer("samples", r.count)
            .str("device", deviceName);
        std::fputs(line.finish().c_str(), stdout);
    } else {
        std::printf("test accuracy %.4f  loss %.4f  (%lld images, model %s, device %s)\n",
                    r.accuracy, r.loss, static_cast<long long>(r.count), saved.config.model.c_str(),
                    deviceName.c_str());
    }
    return 0;
}

int runExportCommand(int argc, char **argv)
{
    ParsedArgs args;
    Status s = parseArgs(argc, argv, 2, {"checkpoint", "out"}, {}, args);
    if (!s.isOk())
        return fail(s, false);
    if (!args.has("checkpoint") || !args.has("out"))
        return fail({ErrorKind::Config, "export needs --checkpoint FILE and --out FILE"}, false);
    SavedModel saved;
    TD_RETURN_IF_ERROR_EXIT(readSavedModel(args.get("checkpoint"), saved), false);
    // Shapes come from the layers, so build the model on the CPU.
    std::unique_ptr<Ops<float>> ops;
    std::string deviceName;
    TD_RETURN_IF_ERROR_EXIT(createBackend("cpu", 1, ops, deviceName), false);
    Model<float> model;
    TD_RETURN_IF_ERROR_EXIT(instantiateSavedModel(saved, *ops, model), false);
    TD_RETURN_IF_ERROR_EXIT(exportSafetensors(saved, model, args.get("out")), false);
    std::printf("exported %zu tensors to %s\n", model.params().size() + model.state().size(),
                args.get("out").c_str());
    return 0;
}

} // namespace td
