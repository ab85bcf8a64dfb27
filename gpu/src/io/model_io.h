// Moves model parameters, model state and optimizer slots between the backend and checkpoint
// tensors ("param:<name>", "state:<name>", "optim:<slot>").
#pragma once

#include "io/checkpoint_file.h"
#include "model/model.h"
#include "train/optimizer.h"

namespace td {

template <typename T>
Status appendArray(const std::string &name, const Array<T> &a, CheckpointData &out)
{
    static_assert(sizeof(T) == sizeof(float), "checkpoints hold float32");
    NamedTensor t;
    t.name = name;
    TD_RETURN_IF_ERROR(a.download(t.data));
    out.tensors.push_back(std::move(t));
    return Status::ok();
}

inline Status restoreArray(const std::string &name, const CheckpointData &in, Array<float> &a)
{
    const NamedTensor *t = in.find(name);
    if (!t)
        return {ErrorKind::Data, "checkpoint has no tensor " + name};
    if (t->data.size() != a.size())
        return {ErrorKind::Data, "checkpoint tensor " + name + " has " +
                                     std::to_string(t->data.size()) + " values, the model " +
                                     std::to_string(a.size())};
    return a.upload(t->data);
}

inline Status appendModel(Model<float> &model, CheckpointData &out)
{
    for (Param<float> *p : model.params())
        TD_RETURN_IF_ERROR(appendArray("param:" + p->name, p->value, out));
    for (StateBuffer<float> *s : model.state())
        TD_RETURN_IF_ERROR(appendArray("state:" + s->name, s->value, out));
    return Status::ok();
}

inline Status restoreModel(Model<float> &model, const CheckpointData &in)
{
    for (Param<float> *p : model.params())
        TD_RETURN_IF_ERROR(restoreArray("param:" + p->name, in, p->value));
    for (StateBuffer<float> *s : model.state())
        TD_RETURN_IF_ERROR(restoreArray("state:" + s->name, in, s->value));
    return Status::ok();
}

inline Status appendOptimizer(Optimizer<float> &opt, CheckpointData &out)
{
    for (StateBuffer<float> &s : opt.slots())
        TD_RETURN_IF_ERROR(appendArray("optim:" + s.name, s.value, out));
    return Status::ok();
}

inline Status restoreOptimizer(Optimizer<float> &opt, const CheckpointData &in)
{
    for (StateBuffer<float> &s : opt.slots())
        TD_RETURN_IF_ERROR(restoreArray("optim:" + s.name, in, s.value));
    return Status::ok();
}

} // namespace td
