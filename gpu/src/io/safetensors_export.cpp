#include "io/safetensors_export.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace td {

Status exportSafetensors(const SavedModel &saved, Model<float> &model, const std::string &path)
{
    struct Entry
    {
        std::string name;
        std::vector<int> shape;
        std::vector<float> data;
    };
    std::vector<Entry> entries;
    for (Param<float> *p : model.params()) {
        Entry e{p->name, p->shape, {}};
        TD_RETURN_IF_ERROR(p->value.download(e.data));
        entries.push_back(std::move(e));
    }
    for (StateBuffer<float> *s : model.state()) {
        Entry e{s->name, {int(s->value.size())}, {}};
        TD_RETURN_IF_ERROR(s->value.download(e.data));
        entries.push_back(std::move(e));
    }

    JsonValue header = JsonValue::object();
    JsonValue meta = JsonValue::object();
    // safetensors metadata values must be strings.
    meta.set("format", JsonValue::string("pt"));
    meta.set("producer", JsonValue::string("traindeck-engine " TRAINDECK_ENGINE_VERSION));
    meta.set("architecture", JsonValue::string(saved.config.architecture.dump()));
    meta.set("layout", JsonValue::string("NHWC activations; conv weights [out,kh,kw,in]"));
    meta.set("normalization_mean", JsonValue::string(jsonNumber(saved.mean)));
    meta.set("normalization_std", JsonValue::string(jsonNumber(saved.stdDev)));
    header.set("__metadata__", std::move(meta));
    size_t offset = 0;
    for (const Entry &e : entries) {
        JsonValue t = JsonValue::object();
        t.set("dtype", JsonValue::string("F32"));
        JsonValue shape = JsonValue::array();
        for (int d : e.shape)
            shape.push(JsonValue::number(d));
        t.set("shape", std::move(shape));
        JsonValue range = JsonValue::array();
        range.push(JsonValue::number(double(offset)));
        offset += e.data.size() * sizeof(float);
        range.push(JsonValue::number(double(offset)));
        t.set("data_offsets", std::move(range));
        header.set(e.name, std::move(t));
    }
    std::string text = header.dump();
    while (text.size() % 8 != 0) // the format asks for 8-byte aligned tensor data
        text += ' ';

    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return {ErrorKind::Io, "cannot create " + path + ": " + std::strerror(errno)};
    unsigned char len[8];
    for (int i = 0; i < 8; ++i)
        len[i] = static_cast<unsigned char>((uint64_t(text.size()) >> (8 * i)) & 0xff);
    bool ok = std::fwrite(len, 1, 8, f) == 8 &&
              std::fwrite(text.data(), 1, text.size(), f) == text.size();
    for (const Entry &e : entries)
        ok = ok && std::fwrite(e.data.data(), sizeof(float), e.data.size(), f) == e.data.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok)
        return {ErrorKind::Io, "cannot write " + path};
    return Status::ok();
}

} // namespace td
