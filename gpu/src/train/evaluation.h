// Loss and accuracy of a model on a data split, in inference mode and fixed order.
#pragma once

#include "data/dataset.h"
#include "model/model.h"

namespace td {

struct EvalResult
{
    double loss = 0;
    double accuracy = 0;
    int64_t count = 0;
};

inline Status evaluateSplit(Model<float> &model, const Split &split, int64_t sampleSize,
                            int batchSize, Array<float> &x, Array<int32_t> &y, EvalResult &out)
{
    out = EvalResult{};
    double lossSum = 0;
    int64_t correct = 0;
    std::vector<float> hostX;
    std::vector<int32_t> hostY;
    for (int64_t start = 0; start < split.count; start += batchSize) {
        const int n = int(std::min<int64_t>(batchSize, split.count - start));
        hostX.assign(split.images.begin() + start * sampleSize,
                     split.images.begin() + (start + n) * sampleSize);
        hostY.assign(split.labels.begin() + start, split.labels.begin() + start + n);
        TD_RETURN_IF_ERROR(x.upload(hostX));
        TD_RETURN_IF_ERROR(y.upload(hostY));
        TD_RETURN_IF_ERROR(model.forward(x, n, ForwardContext{}));
        BatchLoss b;
        TD_RETURN_IF_ERROR(model.lossAndBackward(x, y, hostY, n, 0.0f, 0.0f, b));
        lossSum += b.lossSum;
        correct += b.correct;
    }
    out.count = split.count;
    if (split.count > 0) {
        out.loss = lossSum / double(split.count);
        out.accuracy = double(correct) / double(split.count);
    }
    return Status::ok();
}

} // namespace td
