#include "train/trainer.h"

#include "data/batch_prefetcher.h"
#include "data/dataset.h"
#include "io/model_io.h"
#include "train/evaluation.h"
#include "train/grad_sync.h"
#include "train/lr_schedule.h"
#include "train/stop_signal.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <unistd.h>

namespace td {
namespace {

// Everything needed to continue a run exactly where a checkpoint left it.
struct Progress
{
    int epoch = 0;
    int64_t microBatch = 0; // next micro-batch inside the epoch
    int64_t step = 0;       // optimizer steps done
    double windowLoss = 0;  // running sums for the next `step` line
    int64_t windowSamples = 0;
    double bestValAccuracy = -1;
    double lastTestAccuracy = -1;
    int64_t lastTestStep = -1;
    double elapsedBefore = 0; // seconds spent in earlier processes of this run
};

// Settings a resumed run must share with the run that wrote the checkpoint, or the data order,
// shapes or optimizer state would not line up.
const char *const kResumeInvariants[] = {"model",      "architecture", "batch_size",
                                         "grad_accum", "seed",         "limit_train",
                                         "val_size",   "optimizer",    "data"};

std::vector<int64_t> epochOrder(uint64_t seed, int epoch, int64_t n)
{
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        order[size_t(i)] = i;
    Rng rng(mix64(seed ^ 0x6461746f72646572ull) + uint64_t(epoch));
    for (int64_t i = n - 1; i > 0; --i)
        std::swap(order[size_t(i)], order[size_t(rng.below(uint64_t(i + 1)))]);
    return order;
}

std::vector<std::pair<int64_t, std::string>> listCheckpoints(const std::string &dir)
{
    std::vector<std::pair<int64_t, std::string>> found;
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        return found;
    while (dirent *e = ::readdir(d)) {
        long long step = -1;
        char tail[8] = {};
        if (std::sscanf(e->d_name, "step-%lld.%7s", &step, tail) == 2 &&
            std::string(tail) == "tdk" && step >= 0)
            found.emplace_back(step, dir + "/" + e->d_name);
    }
    ::closedir(d);
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    return found;
}

class TrainingRun
{
public:
    TrainingRun(const TrainConfig &c, Ops<float> &ops, const std::string &device,
                MetricsWriter &metrics, const DistSettings &dist)
        : m_config(c), m_ops(ops), m_device(device), m_metrics(metrics), m_dist(dist)
    {
    }

    ~TrainingRun()
    {
        if (m_shardTrace)
            std::fclose(m_shardTrace);
    }

    Status run(bool resume, TrainOutcome &outcome)
    {
        const Status s = runInner(resume, outcome);
        if (!s.isOk() && m_comm)
            m_comm->abort(); // the other ranks stop waiting for this one
        return s;
    }

private:
    Status runInner(bool resume, TrainOutcome &outcome)
    {
        m_startTime = monotonicSeconds();
        Precision precision = Precision::Fp32;
        (void)parsePrecision(m_config.precision, precision); // validated with the config
        m_accel = accelerator(m_ops);
        if (precision != Precision::Fp32 && !m_accel)
            return {ErrorKind::Config, "precision " + m_config.precision +
                                           " is not supported by the " + std::string(m_ops.name()) +
                                           " backend (fp32 only)"};
        if (m_accel)
            TD_RETURN_IF_ERROR(m_accel->setPrecision(precision));
        m_ckptDir = m_config.outDir + "/ckpt";
        TD_RETURN_IF_ERROR(makeDirectories(m_ckptDir));
        TD_RETURN_IF_ERROR(makeDirectories(m_config.outDir + "/final"));

        DatasetOptions dopt;
        dopt.limitTrain = m_config.limitTrain;
        dopt.valSize = m_config.valSize;
        TD_RETURN_IF_ERROR(loadDataset(m_config.dataDir, dopt, m_data));
        m_sampleSize = m_data.sampleShape.count();

        TD_RETURN_IF_ERROR(m_model.build(m_ops, m_config.architecture, m_data.sampleShape,
                                         m_data.classes, m_config.seed));
        OptimizerSettings os;
        os.kind = m_config.optimizer;
        os.beta1 = m_config.beta1;
        os.beta2 = m_config.beta2;
        os.eps = m_config.eps;
        os.momentum = m_config.momentum;
        os.nesterov = m_config.nesterov;
        os.weightDecay = m_config.weightDecay;
        TD_RETURN_IF_ERROR(m_optimizer.init(m_ops, m_model.params(), os));
        if (m_dist.world > 1) {
            size_t largest = 0;
            for (const Param<float> *p : m_model.params())
                largest = std::max(largest, p->grad.size());
            TD_RETURN_IF_ERROR(createCommunicator(m_dist, m_ops, largest, m_comm));
        }
        TD_RETURN_IF_ERROR(m_sync.init(m_model, m_comm.get(), m_accel, precision));
        if (m_config.gpuResident) {
            if (!m_accel)
                return {ErrorKind::Config, "--gpu-resident needs a CUDA device (--device cuda)"};
            // The whole training split once, in device memory; batches are gathered there.
            m_residentX.setMemory(&m_ops);
            m_residentY.setMemory(&m_ops);
            m_rows.setMemory(&m_ops);
            TD_RETURN_IF_ERROR(m_residentX.upload(m_data.train.images));
            TD_RETURN_IF_ERROR(m_residentY.upload(m_data.train.labels));
        }
        m_prefetch = std::make_unique<BatchPrefetcher>(
            m_data.train, m_sampleSize, m_config.batchSize, m_config.gpuResident, m_accel);
        TD_RETURN_IF_ERROR(m_prefetch->init());
        if (const char *trace = std::getenv("TRAINDECK_SHARD_TRACE"); trace && *trace == '1')
            m_shardTrace = std::fopen(
                (m_config.outDir + "/shards-rank" + std::to_string(m_dist.rank) + ".txt").c_str(),
                resume ? "a" : "w");
        for (Array<float> *a : {&m_x, &m_evalX})
            a->setMemory(&m_ops);
        for (Array<int32_t> *a : {&m_y, &m_evalY})
            a->setMemory(&m_ops);

        const int64_t micro = (m_data.train.count + m_config.batchSize - 1) / m_config.batchSize;
        m_microPerEpoch = micro;
        m_stepsPerEpoch = (micro + m_config.gradAccum - 1) / m_config.gradAccum;
        m_totalSteps = m_stepsPerEpoch * m_config.epochs;
        if (m_config.maxSteps > 0)
            m_totalSteps = std::min(m_totalSteps, m_config.maxSteps);
        m_schedule.kind = m_config.schedule;
        m_schedule.baseLr = m_config.lr;
        m_schedule.warmupSteps = m_config.warmupSteps;
        m_schedule.totalSteps = m_totalSteps;
        m_schedule.minLrRatio = m_config.minLrRatio;

        int64_t resumedFrom = -1;
        if (resume)
            TD_RETURN_IF_ERROR(loadLatestCheckpoint(resumedFrom));

        MetricLine start("start");
        start.str("model", m_config.model)
            .integer("params", m_model.paramCount())
            .str("device", m_device)
            .str("precision", m_config.precision)
            .integer("train_samples", m_data.train.count)
            .integer("val_samples", m_data.val.count)
            .integer("test_samples", m_data.test.count)
            .integer("epochs", m_config.epochs)
            .integer("batch_size", m_config.batchSize)
            .integer("steps_per_epoch", m_stepsPerEpoch)
            .integer("total_steps", m_totalSteps)
            .integer("threads", m_config.threads)
            .integer("seed", int64_t(m_config.seed))
            .integer("world_size", m_dist.world)
            .str("loader", m_config.gpuResident ? "gpu_resident" : "prefetch")
            .str("conv", m_accel ? m_accel->convolutionPath() : "im2col")
            .str("batchnorm", m_accel ? m_accel->batchNormPath() : "native");
        if (resumedFrom >= 0)
            start.integer("resumed_step", resumedFrom);
        TD_RETURN_IF_ERROR(m_metrics.write(start));

        m_lastLogTime = monotonicSeconds();
        TD_RETURN_IF_ERROR(trainLoop(outcome));
        if (outcome.stopped)
            return Status::ok();

        // A run cut short by --max-steps mid-epoch has not been evaluated at its last step.
        if (m_progress.lastTestStep != m_progress.step)
            TD_RETURN_IF_ERROR(evaluateAndReport());
        TD_RETURN_IF_ERROR(saveModelFile(m_config.outDir + "/final/model.tdk"));
        outcome.finalTestAccuracy = m_progress.lastTestAccuracy;
        MetricLine end("end");
        end.str("status", "ok")
            .num("final_test_accuracy", m_progress.lastTestAccuracy)
            .num("best_val_accuracy", m_progress.bestValAccuracy)
            .integer("steps", m_progress.step)
            .fixed("elapsed", elapsed(), 3);
        return m_metrics.write(end);
    }

    // TRAINDECK_SHARD_TRACE=1: one line per micro-batch with the step and the sample indices
    // this rank trained on, to check that shards are disjoint and cover each batch.
    void traceShard(const std::vector<int64_t> &order, int64_t start, int n)
    {
        if (!m_shardTrace)
            return;
        std::fprintf(m_shardTrace, "%lld", static_cast<long long>(m_progress.step + 1));
        for (int i = 0; i < n; ++i)
            std::fprintf(m_shardTrace, " %lld", static_cast<long long>(order[size_t(start + i)]));
        std::fputc('\n', m_shardTrace);
    }

    // Puts a prepared batch into m_x / m_y: a copy of the images, or with --gpu-resident a
    // gather on the device from the uploaded training set.
    Status uploadBatch(const HostBatch &batch)
    {
        const size_t values = size_t(batch.n) * size_t(m_sampleSize);
        TD_RETURN_IF_ERROR(m_x.resize(values));
        TD_RETURN_IF_ERROR(m_y.resize(size_t(batch.n)));
        if (!m_config.gpuResident) {
            TD_RETURN_IF_ERROR(m_ops.upload(m_x.data(), batch.images, values * sizeof(float)));
            return m_ops.upload(m_y.data(), batch.labels.data(), size_t(batch.n) * sizeof(int32_t));
        }
        TD_RETURN_IF_ERROR(m_rows.upload(batch.rows));
        TD_RETURN_IF_ERROR(m_accel->gatherRows(m_residentX.data(), m_rows.data(), batch.n,
                                               m_sampleSize, m_x.data()));
        return m_accel->gatherLabels(m_residentY.data(), m_rows.data(), batch.n, m_y.data());
    }

    double elapsed() const { return m_progress.elapsedBefore + monotonicSeconds() - m_startTime; }

    Status trainLoop(TrainOutcome &outcome)
    {
        while (m_progress.epoch < m_config.epochs && m_progress.step < m_totalSteps) {
            const std::vector<int64_t> order =
                epochOrder(m_config.seed, m_progress.epoch, m_data.train.count);
            // The batches this rank will train on for the rest of the epoch, in order, for the
            // prefetch thread (a run ending mid-epoch just leaves some unused).
            std::vector<BatchPrefetcher::Job> jobs;
            for (int64_t mb = m_progress.microBatch; mb < m_microPerEpoch; ++mb) {
                const int64_t global = std::min<int64_t>(
                    m_config.batchSize, m_data.train.count - mb * m_config.batchSize);
                const auto shard = shardRange(global, m_dist.rank, m_dist.world);
                if (shard.second > shard.first)
                    jobs.push_back(
                        {mb * m_config.batchSize + shard.first, int(shard.second - shard.first)});
            }
            m_prefetch->startEpoch(order, std::move(jobs));
            while (m_progress.microBatch < m_microPerEpoch && m_progress.step < m_totalSteps) {
                // One optimizer step over up to grad_accum micro-batches.
                const int64_t firstMicro = m_progress.microBatch;
                const int64_t lastMicro =
                    std::min(m_microPerEpoch, firstMicro + m_config.gradAccum);
                const int64_t groupStart = firstMicro * m_config.batchSize;
                const int64_t groupEnd =
                    std::min(m_data.train.count, lastMicro * m_config.batchSize);
                // Gradients are sums over the global group scaled by 1/size (and the fp16 loss
                // scale): summing the ranks' shards gives the single-process gradient.
                const float gradScale = m_sync.lossScale() / float(groupEnd - groupStart);
                TD_RETURN_IF_ERROR(m_model.zeroGrad());
                double groupLoss = 0;
                for (int64_t mb = firstMicro; mb < lastMicro; ++mb) {
                    const int64_t global = std::min<int64_t>(
                        m_config.batchSize, m_data.train.count - mb * m_config.batchSize);
                    const auto shard = shardRange(global, m_dist.rank, m_dist.world);
                    const int64_t s = mb * m_config.batchSize + shard.first;
                    const int n = int(shard.second - shard.first);
                    // The last backward of the step overlaps its all-reduces when every rank
                    // runs one (all shards non-empty); otherwise finishStep() does them all.
                    if (mb + 1 == lastMicro && global >= m_dist.world)
                        m_sync.armOverlap();
                    if (n == 0)
                        continue;
                    traceShard(order, s, n);
                    const HostBatch &batch = m_prefetch->next();
                    TD_RETURN_IF_ERROR(uploadBatch(batch));
                    ForwardContext ctx;
                    ctx.training = true;
                    ctx.dropoutKey =
                        mix64(m_config.seed ^ 0x64726f706f7574ull) ^
                        mix64(uint64_t(m_progress.step) * 1024 + uint64_t(mb - firstMicro));
                    if (m_dist.world > 1) // each shard draws its own masks
                        ctx.dropoutKey = mix64(ctx.dropoutKey ^ uint64_t(m_dist.rank));
                    TD_RETURN_IF_ERROR(m_model.forward(m_x, n, ctx));
                    BatchLoss b;
                    TD_RETURN_IF_ERROR(m_model.lossAndBackward(
                        m_x, m_y, batch.labels, n, float(m_config.labelSmoothing), gradScale, b));
                    groupLoss += b.lossSum;
                }
                bool applyStep = true;
                TD_RETURN_IF_ERROR(m_sync.finishStep(&applyStep));
                // One host reduction per step: the global loss for the metrics and NaN check,
                // and a stop request seen by any rank, so all ranks stop after the same step.
                bool stopAgreed = false;
                if (m_comm) {
                    double values[2] = {groupLoss, stopSignalReceived() ? 1.0 : 0.0};
                    TD_RETURN_IF_ERROR(m_comm->allReduceHost(values, 2));
                    groupLoss = values[0];
                    stopAgreed = values[1] > 0;
                }
                if (!std::isfinite(groupLoss))
                    return {ErrorKind::Nan,
                            "loss became " +
                                std::string(std::isnan(groupLoss) ? "NaN" : "infinite") +
                                " at step " + std::to_string(m_progress.step + 1) +
                                " (try a lower --lr)"};
                const double lr = m_schedule.at(m_progress.step);
                // A step skipped for an fp16 overflow still counts, as with PyTorch's
                // GradScaler: the schedule moves on, the optimizer state does not.
                if (applyStep)
                    TD_RETURN_IF_ERROR(m_optimizer.step(lr));
                m_progress.step += 1;
                m_progress.microBatch = lastMicro;
                m_progress.windowLoss += groupLoss;
                m_progress.windowSamples += groupEnd - groupStart;
                m_samplesSinceLog += groupEnd - groupStart;

                if (m_progress.step % m_config.logEvery == 0)
                    TD_RETURN_IF_ERROR(logStep(lr));
                if (m_config.checkpointEverySteps > 0 &&
                    m_progress.step % m_config.checkpointEverySteps == 0)
                    TD_RETURN_IF_ERROR(writeCheckpoint());
                int sig = stopSignalReceived();
                if (m_comm) // a rank that saw no signal itself stops as if sent SIGTERM
                    sig = stopAgreed ? (sig ? sig : SIGTERM) : 0;
                if (sig) {
                    TD_RETURN_IF_ERROR(m_ops.synchronize());
                    TD_RETURN_IF_ERROR(writeCheckpoint());
                    outcome.stopped = true;
                    outcome.stopSignal = sig;
                    MetricLine end("end");
                    end.str("status", "stopped")
                        .num("final_test_accuracy", m_progress.lastTestAccuracy)
                        .integer("steps", m_progress.step)
                        .integer("signal", sig)
                        .fixed("elapsed", elapsed(), 3);
                    return m_metrics.write(end);
                }
            }
            if (m_progress.microBatch < m_microPerEpoch)
                break; // --max-steps reached inside the epoch
            TD_RETURN_IF_ERROR(evaluateAndReport());
            m_progress.epoch += 1;
            m_progress.microBatch = 0;
            if (m_config.checkpointEveryEpochs > 0 &&
                m_progress.epoch % m_config.checkpointEveryEpochs == 0)
                TD_RETURN_IF_ERROR(writeCheckpoint());
        }
        return Status::ok();
    }

    Status logStep(double lr)
    {
        const double now = monotonicSeconds();
        const double dt = now - m_lastLogTime;
        MetricLine line("step");
        line.integer("step", m_progress.step)
            .integer("epoch", m_progress.epoch)
            .num("loss",
                 m_progress.windowLoss / double(std::max<int64_t>(1, m_progress.windowSamples)), 6)
            .num("lr", lr, 6)
            .fixed("samples_per_s", dt > 0 ? double(m_samplesSinceLog) / dt : 0.0, 1)
            .fixed("elapsed", elapsed(), 3);
        if (m_sync.lossScaling())
            line.num("loss_scale", double(m_sync.scaler().scale()))
                .integer("skipped_steps", m_sync.scaler().skippedSteps());
        m_progress.windowLoss = 0;
        m_progress.windowSamples = 0;
        m_samplesSinceLog = 0;
        m_lastLogTime = now;
        return m_metrics.write(line);
    }

    Status evaluateAndReport()
    {
        // Every rank holds the same weights: rank 0 alone evaluates and reports.
        if (m_dist.rank != 0)
            return Status::ok();
        const int evalBatch = std::max(256, m_config.batchSize);
        const struct
        {
            const char *name;
            const Split *split;
        } splits[] = {{"val", &m_data.val}, {"test", &m_data.test}};
        for (const auto &s : splits) {
            if (s.split->count == 0)
                continue;
            EvalResult r;
            TD_RETURN_IF_ERROR(
                evaluateSplit(m_model, *s.split, m_sampleSize, evalBatch, m_evalX, m_evalY, r));
            if (!std::isfinite(r.loss))
                return {ErrorKind::Nan, std::string(s.name) + " loss is not finite at step " +
                                            std::to_string(m_progress.step)};
            MetricLine line("eval");
            line.integer("step", m_progress.step)
                .integer("epoch", m_progress.epoch)
                .str("split", s.name)
                .num("loss", r.loss, 6)
                .num("accuracy", r.accuracy)
                .fixed("elapsed", elapsed(), 3);
            TD_RETURN_IF_ERROR(m_metrics.write(line));
            if (s.split == &m_data.test) {
                m_progress.lastTestAccuracy = r.accuracy;
                m_progress.lastTestStep = m_progress.step;
            } else if (r.accuracy > m_progress.bestValAccuracy) {
                m_progress.bestValAccuracy = r.accuracy;
                TD_RETURN_IF_ERROR(saveModelFile(m_config.outDir + "/final/best.tdk"));
            }
        }
        return Status::ok();
    }

    JsonValue modelHeader() const
    {
        JsonValue h = JsonValue::object();
        h.set("format", JsonValue::string("traindeck-checkpoint"));
        h.set("version", JsonValue::number(1));
        h.set("config", m_config.toJson());
        JsonValue shape = JsonValue::array();
        for (int d : m_data.sampleShape.dims)
            shape.push(JsonValue::number(d));
        h.set("input_shape", std::move(shape));
        h.set("classes", JsonValue::number(m_data.classes));
        JsonValue norm = JsonValue::object();
        norm.set("mean", JsonValue::number(double(m_data.mean)));
        norm.set("std", JsonValue::number(double(m_data.stdDev)));
        h.set("normalization", std::move(norm));
        h.set("step", JsonValue::number(double(m_progress.step)));
        return h;
    }

    Status saveModelFile(const std::string &path)
    {
        if (m_dist.rank != 0)
            return Status::ok();
        CheckpointData data;
        data.header = modelHeader();
        data.header.set("kind", JsonValue::string("model"));
        TD_RETURN_IF_ERROR(appendModel(m_model, data));
        return writeCheckpointFile(path, data);
    }

    Status writeCheckpoint()
    {
        if (m_dist.rank != 0)
            return Status::ok();
        CheckpointData data;
        data.header = modelHeader();
        data.header.set("kind", JsonValue::string("training"));
        JsonValue p = JsonValue::object();
        p.set("epoch", JsonValue::number(m_progress.epoch));
        p.set("micro_batch", JsonValue::number(double(m_progress.microBatch)));
        p.set("step", JsonValue::number(double(m_progress.step)));
        p.set("optimizer_steps", JsonValue::number(double(m_optimizer.stepCount())));
        p.set("window_loss", JsonValue::number(m_progress.windowLoss));
        p.set("window_samples", JsonValue::number(double(m_progress.windowSamples)));
        p.set("best_val_accuracy", JsonValue::number(m_progress.bestValAccuracy));
        p.set("last_test_accuracy", JsonValue::number(m_progress.lastTestAccuracy));
        p.set("last_test_step", JsonValue::number(double(m_progress.lastTestStep)));
        p.set("elapsed", JsonValue::number(elapsed()));
        p.set("loss_scale", JsonValue::number(double(m_sync.scaler().scale())));
        p.set("loss_scale_good_steps", JsonValue::number(double(m_sync.scaler().goodSteps())));
        p.set("skipped_steps", JsonValue::number(double(m_sync.scaler().skippedSteps())));
        data.header.set("progress", std::move(p));
        TD_RETURN_IF_ERROR(appendModel(m_model, data));
        TD_RETURN_IF_ERROR(appendOptimizer(m_optimizer, data));
        const std::string name = "step-" + std::to_string(m_progress.step) + ".tdk";
        TD_RETURN_IF_ERROR(writeCheckpointFile(m_ckptDir + "/" + name, data));
        MetricLine line("checkpoint");
        line.integer("step", m_progress.step).str("path", "ckpt/" + name);
        TD_RETURN_IF_ERROR(m_metrics.write(line));
        // Keep the newest few; older ones only cost disk on a rented machine.
        const auto all = listCheckpoints(m_ckptDir);
        for (size_t i = size_t(m_config.keepCheckpoints); i < all.size(); ++i)
            ::unlink(all[i].second.c_str());
        return Status::ok();
    }

    Status loadLatestCheckpoint(int64_t &resumedFrom)
    {
        const auto all = listCheckpoints(m_ckptDir);
        if (all.empty())
            return Status::ok(); // nothing to resume: a fresh start, so restarts can always pass
                                 // --resume
        Status firstError;
        for (const auto &candidate : all) {
            CheckpointData data;
            Status s = readCheckpointFile(candidate.second, data);
            if (s.isOk())
                s = restoreFrom(data);
            if (s.isOk()) {
                resumedFrom = candidate.first;
                return Status::ok();
            }
            if (s.kind() == ErrorKind::Config)
                return s; // incompatible settings: an older file would not fit either
            std::fprintf(stderr, "traindeck-engine: skipping checkpoint: %s\n",
                         s.message().c_str());
            if (firstError.isOk())
                firstError = s;
        }
        return {firstError.kind(),
                "no usable checkpoint to resume from; newest error: " + firstError.message()};
    }

    Status restoreFrom(const CheckpointData &data)
    {
        const JsonValue *kind = data.header.find("kind");
        const JsonValue *config = data.header.find("config");
        const JsonValue *p = data.header.find("progress");
        if (!kind || !kind->isString() || kind->asString() != "training" || !config || !p ||
            !p->isObject())
            return {ErrorKind::Data, "checkpoint lacks training progress"};
        const JsonValue current = m_config.toJson();
        for (const char *key : kResumeInvariants) {
            const JsonValue *a = config->find(key);
            const JsonValue *b = current.find(key);
            if (!a || !b || a->dump() != b->dump())
                return {ErrorKind::Config, std::string("cannot resume: setting '") + key +
                                               "' differs from the checkpointed run"};
        }
        auto number = [&](const char *key) {
            const JsonValue *v = p->find(key);
            return v && v->isNumber() ? v->asNumber() : 0.0;
        };
        TD_RETURN_IF_ERROR(restoreModel(m_model, data));
        TD_RETURN_IF_ERROR(restoreOptimizer(m_optimizer, data));
        m_progress.epoch = int(number("epoch"));
        m_progress.microBatch = int64_t(number("micro_batch"));
        m_progress.step = int64_t(number("step"));
        m_optimizer.setStepCount(int64_t(number("optimizer_steps")));
        m_progress.windowLoss = number("window_loss");
        m_progress.windowSamples = int64_t(number("window_samples"));
        m_progress.bestValAccuracy = number("best_val_accuracy");
        m_progress.lastTestAccuracy = number("last_test_accuracy");
        m_progress.lastTestStep = int64_t(number("last_test_step"));
        m_progress.elapsedBefore = number("elapsed");
        if (const JsonValue *scale = p->find("loss_scale"); scale && scale->isNumber())
            m_sync.scaler().restore(float(scale->asNumber()),
                                    int64_t(number("loss_scale_good_steps")),
                                    int64_t(number("skipped_steps")));
        if (m_progress.microBatch > m_microPerEpoch)
            return {ErrorKind::Data, "checkpoint position is past the end of its epoch"};
        return Status::ok();
    }

    const TrainConfig &m_config;
    Ops<float> &m_ops;
    std::string m_device;
    MetricsWriter &m_metrics;
    Dataset m_data;
    int64_t m_sampleSize = 0;
    Model<float> m_model;
    Optimizer<float> m_optimizer;
    LrSchedule m_schedule;
    Array<float> m_x, m_evalX;
    Array<int32_t> m_y, m_evalY;
    std::string m_ckptDir;
    int64_t m_microPerEpoch = 0, m_stepsPerEpoch = 0, m_totalSteps = 0;
    Progress m_progress;
    double m_startTime = 0, m_lastLogTime = 0;
    int64_t m_samplesSinceLog = 0;
    DistSettings m_dist;
    AcceleratorOps *m_accel = nullptr;
    std::unique_ptr<Communicator> m_comm;
    GradientSync m_sync;
    FILE *m_shardTrace = nullptr;
    std::unique_ptr<BatchPrefetcher> m_prefetch;
    Array<float> m_residentX;
    Array<int32_t> m_residentY, m_rows;
};

} // namespace

Status runTraining(const TrainConfig &config, bool resume, Ops<float> &ops,
                   const std::string &deviceName, MetricsWriter &metrics, TrainOutcome &outcome,
                   const DistSettings &dist)
{
    TrainingRun run(config, ops, deviceName, metrics, dist);
    return run.run(resume, outcome);
}

} // namespace td
