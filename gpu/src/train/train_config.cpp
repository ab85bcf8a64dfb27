#include "train/train_config.h"

#include "model/builtin_models.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

namespace td {
namespace {

enum class KeyType { String, Int, Number, Bool, Any };

struct KeyInfo
{
    const char *name;
    KeyType type;
};

const KeyInfo kKeys[] = {
    {"data", KeyType::String},
    {"out", KeyType::String},
    {"model", KeyType::String},
    {"architecture", KeyType::Any},
    {"epochs", KeyType::Int},
    {"max_steps", KeyType::Int},
    {"limit_train", KeyType::Int},
    {"val_size", KeyType::Int},
    {"batch_size", KeyType::Int},
    {"grad_accum", KeyType::Int},
    {"lr", KeyType::Number},
    {"precision", KeyType::String},
    {"device", KeyType::String},
    {"gpus", KeyType::Int},
    {"threads", KeyType::Int},
    {"seed", KeyType::Int},
    {"gpu_resident", KeyType::Bool},
    {"optimizer", KeyType::String},
    {"momentum", KeyType::Number},
    {"nesterov", KeyType::Bool},
    {"beta1", KeyType::Number},
    {"beta2", KeyType::Number},
    {"eps", KeyType::Number},
    {"weight_decay", KeyType::Number},
    {"schedule", KeyType::String},
    {"warmup_steps", KeyType::Int},
    {"min_lr_ratio", KeyType::Number},
    {"label_smoothing", KeyType::Number},
    {"log_every", KeyType::Int},
    {"checkpoint_every_steps", KeyType::Int},
    {"checkpoint_every_epochs", KeyType::Int},
    {"keep_checkpoints", KeyType::Int},
};

const KeyInfo *keyInfo(const std::string &name)
{
    for (const auto &k : kKeys)
        if (name == k.name)
            return &k;
    return nullptr;
}

Status checkTypes(const JsonValue &obj, const std::string &where)
{
    if (!obj.isObject())
        return {ErrorKind::Config, where + ": must be a JSON object"};
    for (const auto &m : obj.members()) {
        const KeyInfo *info = keyInfo(m.first);
        if (!info)
            return {ErrorKind::Config, where + ": unknown setting '" + m.first + "'"};
        const JsonValue &v = m.second;
        bool ok = true;
        switch (info->type) {
        case KeyType::String:
            ok = v.isString();
            break;
        case KeyType::Int:
            ok = v.isNumber() && v.asNumber() == std::floor(v.asNumber());
            break;
        case KeyType::Number:
            ok = v.isNumber();
            break;
        case KeyType::Bool:
            ok = v.isBool();
            break;
        case KeyType::Any:
            break;
        }
        if (!ok)
            return {ErrorKind::Config, where + ": '" + m.first + "' has the wrong type"};
    }
    return Status::ok();
}

Status applyJson(const JsonValue &j, TrainConfig &c)
{
    for (const auto &m : j.members()) {
        const std::string &k = m.first;
        const JsonValue &v = m.second;
        if (k == "data")
            c.dataDir = v.asString();
        else if (k == "out")
            c.outDir = v.asString();
        else if (k == "model")
            c.model = v.asString();
        else if (k == "architecture")
            c.architecture = v;
        else if (k == "epochs")
            c.epochs = int(v.asNumber());
        else if (k == "max_steps")
            c.maxSteps = int64_t(v.asNumber());
        else if (k == "limit_train")
            c.limitTrain = int64_t(v.asNumber());
        else if (k == "val_size")
            c.valSize = int64_t(v.asNumber());
        else if (k == "batch_size")
            c.batchSize = int(v.asNumber());
        else if (k == "grad_accum")
            c.gradAccum = int(v.asNumber());
        else if (k == "lr")
            c.lr = v.asNumber();
        else if (k == "precision")
            c.precision = v.asString();
        else if (k == "device")
            c.device = v.asString();
        else if (k == "gpus")
            c.gpus = int(v.asNumber());
        else if (k == "threads")
            c.threads = int(v.asNumber());
        else if (k == "seed")
            c.seed = uint64_t(v.asNumber());
        else if (k == "gpu_resident")
            c.gpuResident = v.asBool();
        else if (k == "optimizer")
            c.optimizer = v.asString();
        else if (k == "momentum")
            c.momentum = v.asNumber();
        else if (k == "nesterov")
            c.nesterov = v.asBool();
        else if (k == "beta1")
            c.beta1 = v.asNumber();
        else if (k == "beta2")
            c.beta2 = v.asNumber();
        else if (k == "eps")
            c.eps = v.asNumber();
        else if (k == "weight_decay")
            c.weightDecay = v.asNumber();
        else if (k == "schedule")
            c.schedule = v.asString();
        else if (k == "warmup_steps")
            c.warmupSteps = int64_t(v.asNumber());
        else if (k == "min_lr_ratio")
            c.minLrRatio = v.asNumber();
        else if (k == "label_smoothing")
            c.labelSmoothing = v.asNumber();
        else if (k == "log_every")
            c.logEvery = int64_t(v.asNumber());
        else if (k == "checkpoint_every_steps")
            c.checkpointEverySteps = int64_t(v.asNumber());
        else if (k == "checkpoint_every_epochs")
            c.checkpointEveryEpochs = int(v.asNumber());
        else if (k == "keep_checkpoints")
            c.keepCheckpoints = int(v.asNumber());
    }
    return Status::ok();
}

Status validate(TrainConfig &c)
{
    auto bad = [](const std::string &why) { return Status(ErrorKind::Config, why); };
    if (c.architecture.isNull() && !builtinArchitecture(c.model, c.architecture))
        return bad("unknown model '" + c.model +
                   "' (built-in: mlp, cnn, resnet-small; or give \"architecture\" in --config)");
    if (c.epochs <= 0)
        return bad("epochs must be > 0");
    if (c.maxSteps < 0 || c.limitTrain < 0)
        return bad("max-steps and limit-train must be >= 0");
    if (c.batchSize <= 0 || c.batchSize > 65536)
        return bad("batch-size must be in 1..65536");
    if (c.gradAccum <= 0)
        return bad("grad_accum must be > 0");
    if (!(c.lr > 0) || !std::isfinite(c.lr))
        return bad("lr must be > 0");
    if (c.precision != "fp32" && c.precision != "fp16" && c.precision != "bf16")
        return bad("precision must be fp32, fp16 or bf16");
    if (c.threads <= 0 || c.threads > 1024)
        return bad("threads must be in 1..1024");
    if (c.gpus <= 0)
        return bad("gpus must be > 0");
    if (c.optimizer != "adamw" && c.optimizer != "adam" && c.optimizer != "sgd")
        return bad("optimizer must be adamw, adam or sgd");
    if (c.optimizer == "adam")
        c.optimizer = "adamw"; // AdamW with the given (possibly zero) decoupled weight decay
    if (c.schedule != "constant" && c.schedule != "cosine" && c.schedule != "onecycle")
        return bad("schedule must be constant, cosine or onecycle");
    if (c.warmupSteps < 0 || c.minLrRatio < 0 || c.minLrRatio > 1)
        return bad("warmup_steps must be >= 0 and min_lr_ratio in [0, 1]");
    if (c.labelSmoothing < 0 || c.labelSmoothing >= 1)
        return bad("label_smoothing must be in [0, 1)");
    if (c.weightDecay < 0 || c.momentum < 0 || c.momentum >= 1 || c.beta1 < 0 || c.beta1 >= 1 ||
        c.beta2 < 0 || c.beta2 >= 1 || !(c.eps > 0))
        return bad("weight_decay, momentum, beta1, beta2 or eps out of range");
    if (c.logEvery <= 0 || c.checkpointEverySteps < 0 || c.checkpointEveryEpochs < 0 ||
        c.keepCheckpoints <= 0)
        return bad("log_every and keep_checkpoints must be > 0, checkpoint intervals >= 0");
    if (c.valSize < -1)
        return bad("val-size must be >= 0");
    return Status::ok();
}

} // namespace

Status readTextFile(const std::string &path, std::string &out, ErrorKind kindOnError)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {kindOnError, "cannot open " + path + ": " + std::strerror(errno)};
    out.clear();
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed)
        return {kindOnError, "read error on " + path};
    return Status::ok();
}

Status resolveTrainConfig(const std::string &configFile, const JsonValue &overrides,
                          TrainConfig &out)
{
    JsonValue file = JsonValue::object();
    if (!configFile.empty()) {
        std::string text;
        TD_RETURN_IF_ERROR(readTextFile(configFile, text, ErrorKind::Config));
        TD_RETURN_IF_ERROR(parseJson(text, file, configFile));
        TD_RETURN_IF_ERROR(checkTypes(file, configFile));
    }
    TD_RETURN_IF_ERROR(checkTypes(overrides, "command line"));

    TrainConfig c;
    // The model decides the defaults, so find it first (flag beats file).
    if (const JsonValue *m = file.find("model"))
        c.model = m->asString();
    if (const JsonValue *m = overrides.find("model"))
        c.model = m->asString();
    ModelDefaults d{};
    if (!builtinDefaults(c.model, d))
        builtinDefaults("cnn", d); // custom architectures start from the CNN settings
    c.epochs = d.epochs;
    c.batchSize = d.batchSize;
    c.lr = d.lr;
    c.optimizer = d.optimizer;
    c.schedule = d.schedule;
    c.weightDecay = d.weightDecay;
    c.labelSmoothing = d.labelSmoothing;

    TD_RETURN_IF_ERROR(applyJson(file, c));
    TD_RETURN_IF_ERROR(applyJson(overrides, c));
    TD_RETURN_IF_ERROR(validate(c));
    out = std::move(c);
    return Status::ok();
}

Status trainConfigFromJson(const JsonValue &json, TrainConfig &out)
{
    TD_RETURN_IF_ERROR(checkTypes(json, "stored config"));
    TrainConfig c;
    TD_RETURN_IF_ERROR(applyJson(json, c));
    TD_RETURN_IF_ERROR(validate(c));
    out = std::move(c);
    return Status::ok();
}

JsonValue TrainConfig::toJson() const
{
    JsonValue j = JsonValue::object();
    j.set("data", JsonValue::string(dataDir));
    j.set("out", JsonValue::string(outDir));
    j.set("model", JsonValue::string(model));
    j.set("architecture", architecture);
    j.set("epochs", JsonValue::number(epochs));
    j.set("max_steps", JsonValue::number(double(maxSteps)));
    j.set("limit_train", JsonValue::number(double(limitTrain)));
    j.set("val_size", JsonValue::number(double(valSize)));
    j.set("batch_size", JsonValue::number(batchSize));
    j.set("grad_accum", JsonValue::number(gradAccum));
    j.set("lr", JsonValue::number(lr));
    j.set("precision", JsonValue::string(precision));
    j.set("device", JsonValue::string(device));
    j.set("gpus", JsonValue::number(gpus));
    j.set("threads", JsonValue::number(threads));
    j.set("seed", JsonValue::number(double(seed)));
    j.set("gpu_resident", JsonValue::boolean(gpuResident));
    j.set("optimizer", JsonValue::string(optimizer));
    j.set("momentum", JsonValue::number(momentum));
    j.set("nesterov", JsonValue::boolean(nesterov));
    j.set("beta1", JsonValue::number(beta1));
    j.set("beta2", JsonValue::number(beta2));
    j.set("eps", JsonValue::number(eps));
    j.set("weight_decay", JsonValue::number(weightDecay));
    j.set("schedule", JsonValue::string(schedule));
    j.set("warmup_steps", JsonValue::number(double(warmupSteps)));
    j.set("min_lr_ratio", JsonValue::number(minLrRatio));
    j.set("label_smoothing", JsonValue::number(labelSmoothing));
    j.set("log_every", JsonValue::number(double(logEvery)));
    j.set("checkpoint_every_steps", JsonValue::number(double(checkpointEverySteps)));
    j.set("checkpoint_every_epochs", JsonValue::number(checkpointEveryEpochs));
    j.set("keep_checkpoints", JsonValue::number(keepCheckpoints));
    return j;
}

} // namespace td
