#include "data/dataset.h"

#include "data/idx_reader.h"

#include <cmath>
#include <sys/stat.h>

namespace td {
namespace {

constexpr int kClasses = 10;

Status loadPair(const std::string &dir, const char *images, const char *labels, IdxArray &img,
                IdxArray &lab)
{
    TD_RETURN_IF_ERROR(readIdxFile(dir + "/" + images, img));
    TD_RETURN_IF_ERROR(readIdxFile(dir + "/" + labels, lab));
    if (img.dims.size() != 3)
        return {ErrorKind::Data, dir + "/" + images + ": expected 3 dimensions (N, H, W)"};
    if (lab.dims.size() != 1)
        return {ErrorKind::Data, dir + "/" + labels + ": expected 1 dimension (N)"};
    if (img.dims[0] != lab.dims[0])
        return {ErrorKind::Data, dir + "/" + images + " has " + std::to_string(img.dims[0]) +
                                     " images but " + labels + " has " +
                                     std::to_string(lab.dims[0]) + " labels"};
    for (uint8_t l : lab.data)
        if (l >= kClasses)
            return {ErrorKind::Data,
                    dir + "/" + labels + ": label " + std::to_string(l) + " out of range 0..9"};
    return Status::ok();
}

void fillSplit(const IdxArray &img, const IdxArray &lab, int64_t first, int64_t count, float mean,
               float stdDev, Split &out)
{
    const int64_t sample = int64_t(img.dims[1]) * img.dims[2];
    out.count = count;
    out.images.resize(size_t(count * sample));
    out.labels.resize(size_t(count));
    const float scale = 1.0f / (255.0f * stdDev);
    for (int64_t i = 0; i < count; ++i) {
        const uint8_t *src = &img.data[size_t((first + i) * sample)];
        float *dst = &out.images[size_t(i * sample)];
        for (int64_t p = 0; p < sample; ++p)
            dst[p] = float(src[p]) * scale - mean / stdDev;
        out.labels[size_t(i)] = lab.data[size_t(first + i)];
    }
}

} // namespace

int64_t defaultValSize(int64_t trainCount)
{
    return std::min<int64_t>(5000, trainCount / 10);
}

Status loadDataset(const std::string &dir, const DatasetOptions &options, Dataset &out)
{
    struct stat st
    {
    };
    if (dir.empty())
        return {ErrorKind::Config, "no data directory given (--data DIR)"};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return {ErrorKind::Data, "data directory " + dir +
                                     " does not exist (expected train-images-idx3-ubyte.gz and "
                                     "the other Fashion-MNIST files in it)"};
    IdxArray testImg, testLab;
    TD_RETURN_IF_ERROR(
        loadPair(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", testImg, testLab));
    out.sampleShape = Shape{{int(testImg.dims[1]), int(testImg.dims[2]), 1}};
    out.classes = kClasses;

    int64_t trainCount = 0, valCount = 0;
    IdxArray trainImg, trainLab;
    if (options.loadTrain) {
        TD_RETURN_IF_ERROR(loadPair(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                    trainImg, trainLab));
        if (trainImg.dims[1] != testImg.dims[1] || trainImg.dims[2] != testImg.dims[2])
            return {ErrorKind::Data, dir + ": training and test images differ in size"};
        int64_t available = trainImg.dims[0];
        if (options.limitTrain > 0)
            available = std::min<int64_t>(available, options.limitTrain);
        valCount = options.valSize < 0 ? defaultValSize(available) : options.valSize;
        if (valCount >= available)
            return {ErrorKind::Config, "val-size " + std::to_string(valCount) +
                                           " leaves no training images out of " +
                                           std::to_string(available)};
        trainCount = available - valCount;
    }

    // Normalisation statistics come from the training part only (never val or test).
    if (options.haveStats) {
        out.mean = options.mean;
        out.stdDev = options.stdDev;
    } else if (options.loadTrain) {
        const int64_t n = trainCount * int64_t(trainImg.dims[1]) * trainImg.dims[2];
        double sum = 0, sq = 0;
        for (int64_t i = 0; i < n; ++i) {
            const double v = trainImg.data[size_t(i)] / 255.0;
            sum += v;
            sq += v * v;
        }
        const double mean = sum / double(n);
        out.mean = float(mean);
        out.stdDev = float(std::sqrt(std::max(1e-12, sq / double(n) - mean * mean)));
    }
    if (options.loadTrain) {
        fillSplit(trainImg, trainLab, 0, trainCount, out.mean, out.stdDev, out.train);
        fillSplit(trainImg, trainLab, trainCount, valCount, out.mean, out.stdDev, out.val);
    }
    fillSplit(testImg, testLab, 0, testImg.dims[0], out.mean, out.stdDev, out.test);
    return Status::ok();
}

} // namespace td
