// Layer-by-layer description of the engine's models (mlp, cnn, resnet-small) on 28×28×1 images
// with 10 classes: parameter counts, multiply-accumulates and activation sizes, from which the
// VRAM and training-time estimators work. Shapes follow the engine's documented architectures;
// if the engine changes a model, change it here and in tests/cost.
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace td {

struct LayerSpec
{
    enum class Kind {
        Input,
        Conv2d,
        BatchNorm,
        ReLU,
        MaxPool,
        GlobalAvgPool,
        Flatten,
        Linear,
        Add
    };

    Kind kind = Kind::Input;
    QString name;
    qint64 parameters = 0;     // trainable
    qint64 buffers = 0;        // non-trainable state: BatchNorm running mean and variance
    qint64 outputElements = 0; // per sample
    qint64 forwardMacs = 0;    // multiply-accumulates per sample
    qint64 indexElements = 0;  // per sample, int32: max-pool argmax kept for backward
};

// Shape of resnet-small: a 3×3 stem of `width` channels, then three stages of `blocksPerStage`
// basic blocks (two 3×3 conv + BatchNorm) at width, 2·width and 4·width channels, the last two
// starting with stride 2 and a 1×1 projection shortcut; global average pooling; a linear
// classifier. Depth in the ResNet paper's counting is 6·blocksPerStage + 2 (3 blocks: ResNet-20).
struct ResNetConfig
{
    int width = 16;
    int blocksPerStage = 3;
};

class ModelSpec
{
public:
    static constexpr int InputChannels = 1;
    static constexpr int InputSize = 28;
    static constexpr int Classes = 10;

    // 784-256-128-10, ReLU between layers, biases on every layer.
    static ModelSpec mlp();
    // conv 3×3 32 (padding 1, bias) - BN - ReLU - maxpool 2 / conv 3×3 64 - BN - ReLU - maxpool 2 /
    // linear 3136→128 - ReLU / linear 128→10.
    static ModelSpec cnn();
    static ModelSpec resnetSmall(const ResNetConfig &config = {});
    // "mlp", "cnn" or "resnet-small" (default ResNetConfig); nullopt for anything else.
    static std::optional<ModelSpec> byName(const QString &name);

    QString name() const { return m_name; }
    const QList<LayerSpec> &layers() const { return m_layers; }

    qint64 parameterCount() const;
    qint64 bufferCount() const;
    qint64 forwardMacsPerSample() const;
    double forwardFlopsPerSample() const { return 2.0 * double(forwardMacsPerSample()); }
    // Forward plus backward. The backward pass computes gradients for both the layer inputs and
    // the weights, about twice the forward work, hence the usual 3× rule; element-wise layers
    // (BatchNorm, ReLU, pooling) are not counted, they are memory-bound rather than FLOP-bound.
    double trainingFlopsPerSample() const { return 3.0 * forwardFlopsPerSample(); }
    qint64 inputElementsPerSample() const;
    // Every layer output, the input included: what a straightforward backward pass keeps.
    qint64 activationElementsPerSample() const;
    qint64 largestActivationPerSample() const;
    qint64 indexElementsPerSample() const;

private:
    friend class ModelBuilder;

    QString m_name;
    QList<LayerSpec> m_layers;
};

} // namespace td
