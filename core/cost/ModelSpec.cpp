#include "core/cost/ModelSpec.h"

#include <algorithm>

namespace td {

// Tracks the tensor shape through the layers so that each layer's sizes follow from the one
// before, as they do in the engine.
class ModelBuilder
{
public:
    explicit ModelBuilder(const QString &name)
    {
        m_spec.m_name = name;
        m_channels = ModelSpec::InputChannels;
        m_height = m_width = ModelSpec::InputSize;
        add(LayerSpec::Kind::Input, QStringLiteral("input"), 0, 0, size(), 0);
    }

    void conv(const QString &name, int out, int kernel, int stride, int padding, bool bias)
    {
        const int in = m_channels;
        m_height = (m_height + 2 * padding - kernel) / stride + 1;
        m_width = (m_width + 2 * padding - kernel) / stride + 1;
        m_channels = out;
        const qint64 weights = qint64(kernel) * kernel * in * out;
        add(LayerSpec::Kind::Conv2d, name, weights + (bias ? out : 0), 0, size(),
            weights * m_height * m_width);
    }
    void batchNorm(const QString &name)
    {
        add(LayerSpec::Kind::BatchNorm, name, 2 * qint64(m_channels), 2 * qint64(m_channels),
            size(), 0);
    }
    void relu(const QString &name) { add(LayerSpec::Kind::ReLU, name, 0, 0, size(), 0); }
    void maxPool(const QString &name, int kernel)
    {
        m_height /= kernel;
        m_width /= kernel;
        add(LayerSpec::Kind::MaxPool, name, 0, 0, size(), 0);
        m_spec.m_layers.last().indexElements = size();
    }
    void globalAvgPool(const QString &name)
    {
        m_height = m_width = 1;
        add(LayerSpec::Kind::GlobalAvgPool, name, 0, 0, size(), 0);
    }
    void flatten()
    {
        // A view of the same memory: recorded for completeness, it adds no activation.
        m_channels = int(size());
        m_height = m_width = 1;
        LayerSpec l;
        l.kind = LayerSpec::Kind::Flatten;
        l.name = QStringLiteral("flatten");
        m_spec.m_layers.append(l);
    }
    void linear(const QString &name, int out)
    {
        const qint64 in = size();
        m_channels = out;
        m_height = m_width = 1;
        add(LayerSpec::Kind::Linear, name, in * out + out, 0, out, in * out);
    }

    // A basic residual block: conv-BN-ReLU-conv-BN plus the shortcut, then add and ReLU.
    void basicBlock(const QString &prefix, int out, int stride)
    {
        const int in = m_channels;
        const QString p = prefix + QLatin1Char('.');
        conv(p + QStringLiteral("conv1"), out, 3, stride, 1, false);
        batchNorm(p + QStringLiteral("bn1"));
        relu(p + QStringLiteral("relu1"));
        conv(p + QStringLiteral("conv2"), out, 3, 1, 1, false);
        batchNorm(p + QStringLiteral("bn2"));
        if (stride != 1 || in != out) {
            // 1×1 projection of the block input to the new shape; the output shape is the one
            // the main path already reached.
            const qint64 weights = qint64(in) * out;
            add(LayerSpec::Kind::Conv2d, p + QStringLiteral("shortcut.conv"), weights, 0, size(),
                weights * m_height * m_width);
            add(LayerSpec::Kind::BatchNorm, p + QStringLiteral("shortcut.bn"), 2 * qint64(out),
                2 * qint64(out), size(), 0);
        }
        add(LayerSpec::Kind::Add, p + QStringLiteral("add"), 0, 0, size(), 0);
        relu(p + QStringLiteral("relu2"));
    }

    ModelSpec take() { return std::move(m_spec); }

private:
    qint64 size() const { return qint64(m_channels) * m_height * m_width; }
    void add(LayerSpec::Kind kind, const QString &name, qint64 params, qint64 buffers,
             qint64 outputs, qint64 macs)
    {
        LayerSpec l;
        l.kind = kind;
        l.name = name;
        l.parameters = params;
        l.buffers = buffers;
        l.outputElements = outputs;
        l.forwardMacs = macs;
        m_spec.m_layers.append(l);
    }

    ModelSpec m_spec;
    int m_channels = 0;
    int m_height = 0;
    int m_width = 0;
};

ModelSpec ModelSpec::mlp()
{
    ModelBuilder b(QStringLiteral("mlp"));
    b.flatten();
    b.linear(QStringLiteral("fc1"), 256);
    b.relu(QStringLiteral("relu1"));
    b.linear(QStringLiteral("fc2"), 128);
    b.relu(QStringLiteral("relu2"));
    b.linear(QStringLiteral("fc3"), Classes);
    return b.take();
}

ModelSpec ModelSpec::cnn()
{
    ModelBuilder b(QStringLiteral("cnn"));
    b.conv(QStringLiteral("conv1"), 32, 3, 1, 1, true);
    b.batchNorm(QStringLiteral("bn1"));
    b.relu(QStringLiteral("relu1"));
    b.maxPool(QStringLiteral("pool1"), 2);
    b.conv(QStringLiteral("conv2"), 64, 3, 1, 1, true);
    b.batchNorm(QStringLiteral("bn2"));
    b.relu(QStringLiteral("relu2"));
    b.maxPool(QStringLiteral("pool2"), 2);
    b.flatten();
    b.linear(QStringLiteral("fc1"), 128);
    b.relu(QStringLiteral("relu3"));
    b.linear(QStringLiteral("fc2"), Classes);
    return b.take();
}

ModelSpec ModelSpec::resnetSmall(const ResNetConfig &config)
{
    const int width = std::max(1, config.width);
    const int blocks = std::max(1, config.blocksPerStage);
    ModelBuilder b(QStringLiteral("resnet-small"));
    b.conv(QStringLiteral("stem.conv"), width, 3, 1, 1, false);
    b.batchNorm(QStringLiteral("stem.bn"));
    b.relu(QStringLiteral("stem.relu"));
    for (int stage = 0; stage < 3; ++stage) {
        const int channels = width << stage;
        for (int block = 0; block < blocks; ++block) {
            const int stride = (stage > 0 && block == 0) ? 2 : 1;
            b.basicBlock(QStringLiteral("stage%1.block%2").arg(stage + 1).arg(block + 1), channels,
                         stride);
        }
    }
    b.globalAvgPool(QStringLiteral("pool"));
    b.flatten();
    b.linear(QStringLiteral("fc"), Classes);
    return b.take();
}

std::optional<ModelSpec> ModelSpec::byName(const QString &name)
{
    if (name == QLatin1String("mlp"))
        return mlp();
    if (name == QLatin1String("cnn"))
        return cnn();
    if (name == QLatin1String("resnet-small"))
        return resnetSmall();
    return std::nullopt;
}

namespace {

qint64 sum(const QList<LayerSpec> &layers, qint64 LayerSpec::*field)
{
    qint64 n = 0;
    for (const LayerSpec &l : layers)
        n += l.*field;
    return n;
}

} // namespace

qint64 ModelSpec::parameterCount() const
{
    return sum(m_layers, &LayerSpec::parameters);
}

qint64 ModelSpec::bufferCount() const
{
    return sum(m_layers, &LayerSpec::buffers);
}

qint64 ModelSpec::forwardMacsPerSample() const
{
    return sum(m_layers, &LayerSpec::forwardMacs);
}

qint64 ModelSpec::inputElementsPerSample() const
{
    return m_layers.isEmpty() ? 0 : m_layers.first().outputElements;
}

qint64 ModelSpec::activationElementsPerSample() const
{
    return sum(m_layers, &LayerSpec::outputElements);
}

qint64 ModelSpec::largestActivationPerSample() const
{
    qint64 n = 0;
    for (const LayerSpec &l : m_layers)
        n = std::max(n, l.outputElements);
    return n;
}

qint64 ModelSpec::indexElementsPerSample() const
{
    return sum(m_layers, &LayerSpec::indexElements);
}

} // namespace td
