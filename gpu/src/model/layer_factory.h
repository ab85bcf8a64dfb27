// Builds layers from the JSON architecture list of a config, e.g.
//   [{"type":"conv2d","out":32,"kernel":3,"padding":1}, {"type":"relu"}, ...]
#pragma once

#include "common/json.h"
#include "layers/activation.h"
#include "layers/batchnorm2d.h"
#include "layers/conv2d.h"
#include "layers/dropout.h"
#include "layers/flatten.h"
#include "layers/linear.h"
#include "layers/pool.h"
#include "layers/residual.h"
#include "layers/sequential.h"

#include <cmath>
#include <set>

namespace td {

// Reads an optional integer member, rejecting non-integers.
inline Status layerInt(const JsonValue &spec, const char *key, int fallback, int &out,
                       const std::string &where)
{
    const JsonValue *v = spec.find(key);
    if (!v) {
        out = fallback;
        return Status::ok();
    }
    if (!v->isNumber() || v->asNumber() != std::floor(v->asNumber()))
        return {ErrorKind::Config, where + ": '" + key + "' must be an integer"};
    out = int(v->asNumber());
    return Status::ok();
}

inline Status checkLayerKeys(const JsonValue &spec, const std::set<std::string> &allowed,
                             const std::string &where)
{
    for (const auto &m : spec.members())
        if (m.first != "type" && !allowed.count(m.first))
            return {ErrorKind::Config, where + ": unknown key '" + m.first + "'"};
    return Status::ok();
}

template <typename T>
Status makeLayer(const JsonValue &spec, const std::string &where, std::unique_ptr<Layer<T>> &out)
{
    const JsonValue *typeValue = spec.isObject() ? spec.find("type") : nullptr;
    if (!typeValue || !typeValue->isString())
        return {ErrorKind::Config, where + ": each layer needs a \"type\" string"};
    const std::string &type = typeValue->asString();
    const JsonValue *bias = spec.find("bias");
    const bool useBias = !bias || (bias->isBool() && bias->asBool());

    if (type == "linear") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {"out", "bias"}, where));
        int outFeatures = 0;
        TD_RETURN_IF_ERROR(layerInt(spec, "out", 0, outFeatures, where));
        out = std::make_unique<Linear<T>>(outFeatures, useBias);
    } else if (type == "conv2d") {
        TD_RETURN_IF_ERROR(
            checkLayerKeys(spec, {"out", "kernel", "stride", "padding", "bias"}, where));
        Conv2dOptions o;
        TD_RETURN_IF_ERROR(layerInt(spec, "out", 0, o.outChannels, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "kernel", 3, o.kernel, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "stride", 1, o.stride, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "padding", 0, o.padding, where));
        o.bias = useBias;
        out = std::make_unique<Conv2d<T>>(o);
    } else if (type == "batchnorm") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {"momentum", "eps"}, where));
        const JsonValue *m = spec.find("momentum");
        const JsonValue *e = spec.find("eps");
        out = std::make_unique<BatchNorm<T>>(m && m->isNumber() ? float(m->asNumber()) : 0.1f,
                                             e && e->isNumber() ? float(e->asNumber()) : 1e-5f);
    } else if (type == "relu" || type == "gelu") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {}, where));
        out = std::make_unique<ActivationLayer<T>>(type == "relu" ? Activation::Relu
                                                                  : Activation::Gelu);
    } else if (type == "maxpool" || type == "avgpool") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {"kernel", "stride", "padding"}, where));
        int kernel = 2, stride = 0, padding = 0;
        TD_RETURN_IF_ERROR(layerInt(spec, "kernel", 2, kernel, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "stride", kernel, stride, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "padding", 0, padding, where));
        out = std::make_unique<Pool2d<T>>(type == "maxpool" ? PoolMode::Max : PoolMode::Average,
                                          kernel, stride, padding);
    } else if (type == "global_avgpool") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {}, where));
        out = std::make_unique<GlobalAvgPool<T>>();
    } else if (type == "dropout") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {"p"}, where));
        const JsonValue *p = spec.find("p");
        out = std::make_unique<Dropout<T>>(p && p->isNumber() ? float(p->asNumber()) : 0.5f);
    } else if (type == "flatten") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {}, where));
        out = std::make_unique<Flatten<T>>();
    } else if (type == "residual") {
        TD_RETURN_IF_ERROR(checkLayerKeys(spec, {"out", "stride"}, where));
        int channels = 0, stride = 1;
        TD_RETURN_IF_ERROR(layerInt(spec, "out", 0, channels, where));
        TD_RETURN_IF_ERROR(layerInt(spec, "stride", 1, stride, where));
        if (channels <= 0 || stride <= 0)
            return {ErrorKind::Config, where + ": residual needs out > 0 and stride > 0"};
        out = std::make_unique<ResidualBlock<T>>(channels, stride);
    } else {
        return {ErrorKind::Config, where + ": unknown layer type '" + type + "'"};
    }
    return Status::ok();
}

template <typename T> Status buildLayers(const JsonValue &architecture, Sequential<T> &net)
{
    if (!architecture.isArray() || architecture.items().empty())
        return {ErrorKind::Config, "architecture must be a non-empty list of layers"};
    for (size_t i = 0; i < architecture.items().size(); ++i) {
        std::unique_ptr<Layer<T>> layer;
        TD_RETURN_IF_ERROR(
            makeLayer<T>(architecture.items()[i], "layer " + std::to_string(i), layer));
        net.add(std::move(layer));
    }
    return Status::ok();
}

} // namespace td
