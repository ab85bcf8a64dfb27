#include "io/saved_model.h"

#include "io/model_io.h"

namespace td {

Status readSavedModel(const std::string &path, SavedModel &out)
{
    TD_RETURN_IF_ERROR(readCheckpointFile(path, out.file));
    const JsonValue &h = out.file.header;
    const JsonValue *format = h.find("format");
    const JsonValue *config = h.find("config");
    const JsonValue *shape = h.find("input_shape");
    const JsonValue *classes = h.find("classes");
    const JsonValue *norm = h.find("normalization");
    if (!format || !format->isString() || format->asString() != "traindeck-checkpoint" || !config ||
        !shape || !shape->isArray() || !classes || !classes->isNumber() || !norm)
        return {ErrorKind::Data, path + ": header is missing model information"};
    TD_RETURN_IF_ERROR(trainConfigFromJson(*config, out.config));
    out.inputShape.dims.clear();
    for (const JsonValue &d : shape->items())
        out.inputShape.dims.push_back(int(d.asNumber()));
    out.classes = int(classes->asNumber());
    const JsonValue *mean = norm->find("mean");
    const JsonValue *stdDev = norm->find("std");
    if (!mean || !stdDev || !mean->isNumber() || !stdDev->isNumber() || !(stdDev->asNumber() > 0))
        return {ErrorKind::Data, path + ": bad normalization statistics"};
    out.mean = float(mean->asNumber());
    out.stdDev = float(stdDev->asNumber());
    return Status::ok();
}

Status instantiateSavedModel(const SavedModel &saved, Ops<float> &ops, Model<float> &model)
{
    TD_RETURN_IF_ERROR(model.build(ops, saved.config.architecture, saved.inputShape, saved.classes,
                                   saved.config.seed));
    return restoreModel(model, saved.file);
}

} // namespace td
