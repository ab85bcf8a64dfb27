// Training-failure diagnosis: every recorded error text with the finding it must give, plus
// wordings that are not in the recordings (other framework versions), to show the patterns key
// on the stable parts of the messages, and texts that must not raise a finding.
#include "FixtureText.h"

#include "core/diagnosis/Diagnosis.h"
#include "core/diagnosis/DiagnosisRules.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <climits>

using namespace td;

namespace {

constexpr int kNoExit = INT_MIN;

struct Expect
{
    QStringList kinds;   // all findings, in order
    QString detail;      // contained in the first finding's detail
    QString evidence;    // contained in the first finding's evidence
    QString remedy;      // contained in one of the first finding's remedies
    QString firstRemedy; // contained in the first finding's first remedy
};

void row(const char *name, const QString &log, int exitCode, const QString &engineError,
         const Expect &e)
{
    QTest::newRow(name) << log << exitCode << engineError << e.kinds << e.detail << e.evidence
                        << e.remedy << e.firstRemedy;
}

QString fx(const char *file)
{
    return test::fixtureText(QString::fromUtf8(file));
}

QStringList kinds(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list << QString::fromUtf8(name);
    return list;
}

} // namespace

class TestDiagnosis : public QObject
{
    Q_OBJECT

private:
    void addColumns()
    {
        QTest::addColumn<QString>("log");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("engineError");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("evidence");
        QTest::addColumn<QString>("remedy");
        QTest::addColumn<QString>("firstRemedy");
    }

    void check()
    {
        QFETCH(QString, log);
        QFETCH(int, exitCode);
        QFETCH(QString, engineError);
        QFETCH(QStringList, kinds);
        QFETCH(QString, detail);
        QFETCH(QString, evidence);
        QFETCH(QString, remedy);
        QFETCH(QString, firstRemedy);

        const std::optional<int> exit =
            exitCode == kNoExit ? std::nullopt : std::optional<int>(exitCode);
        const QList<Finding> findings = diagnose(exit, engineError, log);
        QStringList found;
        for (const Finding &f : findings)
            found << findingKindName(f.kind);
        QCOMPARE(found, kinds);
        if (findings.isEmpty())
            return;
        const Finding &first = findings.first();
        QVERIFY(!first.title.isEmpty());
        QVERIFY(!first.explanation.isEmpty());
        QVERIFY(!first.remedies.isEmpty());
        QVERIFY2(first.detail.contains(detail), qPrintable(first.detail));
        QVERIFY2(first.evidence.contains(evidence), qPrintable(first.evidence));
        const QString remedies = first.remedies.join(u'\n');
        QVERIFY2(remedies.contains(remedy), qPrintable(remedies));
        QVERIFY2(first.remedies.first().contains(firstRemedy), qPrintable(first.remedies.first()));
    }

private Q_SLOTS:
    void recordedTexts_data()
    {
        addColumns();
        const QString none;
        row("B-1 torch OOM, old wording", fx("B-1-torch-oom-old-style-reserved.txt"), 1, none,
            {kinds({"cuda_oom"}),
             QStringLiteral("requested 0.07 GiB, 0.01 GiB free, 11.91 GiB total"),
             QStringLiteral("CUDA out of memory"), QStringLiteral("max_split_size_mb:128"),
             QStringLiteral("max_split_size_mb")});
        row("B-3 torch.OutOfMemoryError", fx("B-3-torch-oom-new-style-OutOfMemoryError.txt"), 1,
            none,
            {kinds({"cuda_oom"}),
             QStringLiteral("requested 22.78 GiB, 12.73 GiB free, 31.47 GiB total"),
             QStringLiteral("torch.OutOfMemoryError"), QStringLiteral("expandable_segments:True"),
             QStringLiteral("batch size")});
        row("B-5 torch.cuda.OutOfMemoryError 'capacty'",
            fx("B-5-torch-cuda-oom-2.1-capacty-typo.txt"), 1, none,
            {kinds({"cuda_oom"}),
             QStringLiteral("requested 1.70 GiB, 0.00 GiB free, 6.00 GiB total"),
             QStringLiteral("capacty"), QStringLiteral("gradient checkpointing"),
             // 2.30 GiB reserved but unused > 1.70 GiB asked: fragmentation comes first.
             QStringLiteral("max_split_size_mb")});
        row("B-7 cuBLAS ALLOC_FAILED", fx("B-7-cublas-alloc-failed-linear.txt"), 1, none,
            {kinds({"cuda_oom"}), QString(), QStringLiteral("CUBLAS_STATUS_ALLOC_FAILED"),
             QStringLiteral("mixed precision"), QStringLiteral("batch size")});
        row("B-9 onnxruntime insufficient driver",
            fx("B-9-cuda-driver-insufficient-onnxruntime.txt"), 1, none,
            {kinds({"driver_too_old"}), QString(), QStringLiteral("CUDA failure 35"),
             QStringLiteral("525.60.13"), QString()});
        row("B-11 bandwidthTest code=35", fx("B-11-cuda-driver-insufficient-bandwidthTest.txt"), 1,
            none,
            {kinds({"driver_too_old"}), QString(), QStringLiteral("insufficient"),
             QStringLiteral("580.65.06"), QString()});
        row("B-13 sm_86 not compatible", fx("B-13-no-kernel-image-sm86-A6000.txt"), 1, none,
            {kinds({"no_kernel_image"}),
             QStringLiteral("GPU sm_86, build supports sm_37 sm_50 sm_60 sm_70"),
             QStringLiteral("sm_86 is not compatible"), QStringLiteral("whl/cu118"),
             QStringLiteral("CUDA 11.1")});
        row("B-15 driver too old 10010", fx("B-15-driver-too-old-userwarning.txt"), 1, none,
            {kinds({"driver_too_old"}), QStringLiteral("driver supports CUDA 10.1"),
             QStringLiteral("found version 10010"), QString(), QStringLiteral("whl/cu101")});
        row("B-17 driver too old 9000", fx("B-17-driver-too-old-assertionerror-old.txt"), 1, none,
            {kinds({"driver_too_old"}), QStringLiteral("driver supports CUDA 9.0"),
             QStringLiteral("found version 9000"), QStringLiteral("Minimum drivers"), QString()});
        row("B-19 CUDA driver initialization failed",
            fx("B-19-cuda-driver-init-failed-wenet-training.txt"), 1, none,
            {kinds({"gpu_unavailable"}), QString(),
             QStringLiteral("CUDA driver initialization failed"), QStringLiteral("--gpus all"),
             QString()});
        row("B-21 NCCL unhandled system error", fx("B-21-nccl-unhandled-system-error-2.7.8.txt"), 1,
            none,
            {kinds({"nccl_error"}), QStringLiteral("unhandled system error, NCCL 2.7.8"),
             QStringLiteral("NCCL error in"), QStringLiteral("NCCL_P2P_DISABLE=1"),
             QStringLiteral("NCCL_DEBUG=INFO")});
        row("B-23 NCCL watchdog timeout", fx("B-23-nccl-watchdog-timeout-old.txt"), 1, none,
            {kinds({"nccl_timeout"}), QStringLiteral("ALLREDUCE, timeout 30 min"),
             QStringLiteral("[Rank 1] Watchdog caught collective operation timeout"),
             QStringLiteral("timedelta(minutes=60)"), QString()});
        row("B-25 NCCL timeout cut mid-word after loss 0.0",
            fx("B-25-nccl-watchdog-timeout-llamafactory-progress.txt"), 1, none,
            {kinds({"nccl_timeout"}), QString(),
             QStringLiteral("Watchdog caught collective operati"),
             QStringLiteral("NCCL_DEBUG=INFO"), QString()});
        row("B-27 illegal memory access", fx("B-27-illegal-memory-access-spawn.txt"), 1, none,
            {kinds({"illegal_memory_access"}), QString(), QStringLiteral("illegal memory access"),
             QStringLiteral("compute-sanitizer"), QStringLiteral("CUDA_LAUNCH_BLOCKING=1")});
        row("B-29 Paddle ResourceExhaustedError", fx("B-29-paddle-oom-resourceexhausted.txt"), 1,
            none,
            {kinds({"cuda_oom"}), QStringLiteral("0.11 GiB free"),
             QStringLiteral("Out of memory error on GPU 0"), QStringLiteral("auto_growth"),
             QString()});
        row("B-31 Paddle 2.x OOM", fx("B-31-paddle-oom-2.x-allocated.txt"), 1, none,
            {kinds({"cuda_oom"}), QStringLiteral("requested 0.10 GiB, 0.00 GiB free"),
             QStringLiteral("Cannot allocate 98.000244MB"), QStringLiteral("paddle.amp"),
             QString()});
        row("B-33 Paddle runtime 10.2 on sm_86", fx("B-33-paddle-gpu-resources-version-lines.txt"),
            1, none,
            {kinds({"no_kernel_image"}), QStringLiteral("GPU sm_86, build uses CUDA 10.2"),
             QStringLiteral("Runtime API Version: 10.2"), QString(), QStringLiteral("CUDA 11.1")});
        row("B-35 TensorFlow OOM when allocating",
            fx("B-35-tf-oom-object-detection-coordinator.txt"), 1, none,
            {kinds({"cuda_oom"}), QStringLiteral("tensor shape [64,2016,9,9]"),
             QStringLiteral("OOM when allocating tensor"), QStringLiteral("set_memory_growth"),
             QString()});
        row("B-37 OOM killer dmesg", fx("B-37-oom-killer-dmesg.txt"), 1, none,
            {kinds({"host_oom_killed"}), QStringLiteral("python3"),
             QStringLiteral("Out of memory: Killed process 25315 (python3)"),
             QStringLiteral("num_workers"), QString()});
        row("B-39 bare Killed", fx("B-39-killed-after-progress.txt"), 137, none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("Killed"),
             QStringLiteral("more RAM"), QString()});
        row("B-41 PytorchStreamWriter write failed",
            fx("B-41-torch-save-file-write-failed-deepspeed.txt"), 1, none,
            {kinds({"disk_full"}), QString(),
             QStringLiteral("PytorchStreamWriter failed writing file"),
             QStringLiteral("save_total_limit"), QStringLiteral("df -h")});
        row("B-43 Errno 28", fx("B-43-torch-save-errno28-no-space.txt"), 1, none,
            {kinds({"disk_full"}), QString(), QStringLiteral("[Errno 28] No space left on device"),
             QStringLiteral("pip cache purge"), QString()});
        row("B-45 detectron2 loss NaN", fx("B-45-detectron2-loss-nan.txt"), 1, none,
            {kinds({"nan_loss"}), QString(), QStringLiteral("Loss became infinite or NaN"),
             QStringLiteral("clip_grad_norm_"), QStringLiteral("learning rate")});
        row("B-47 no module named torch", fx("B-47-module-not-found-torch.txt"), 1, none,
            {kinds({"missing_module"}), QStringLiteral("torch"),
             QStringLiteral("No module named 'torch'"), QStringLiteral("requirements.txt"),
             QStringLiteral("pip install torch --index-url")});
        row("B-49 fp16 grad scale 0", fx("B-49-fp16-loss-nan-insightface.txt"), 1, none,
            {kinds({"nan_loss"}), QStringLiteral("fp16 loss scale collapsed"),
             QStringLiteral("Loss nan"), QStringLiteral("learning rate"), QStringLiteral("bf16")});
        row("B-51 Paddle cuDNN 8.4 vs 8.3", fx("B-51-paddle-cudnn-compiled-version-warning.txt"), 1,
            none,
            {kinds({"cudnn_mismatch"}), QStringLiteral("built with cuDNN 8.4, found 8.3"),
             QStringLiteral("compiled with CUDNN 8.4"), QStringLiteral("LD_LIBRARY_PATH"),
             QString()});
        row("B-53 fallen off the bus", fx("B-53-nvrm-fallen-off-bus-570.txt"), 1, none,
            {kinds({"gpu_lost"}), QStringLiteral("0000:b3:00.0"),
             QStringLiteral("fallen off the bus"), QStringLiteral("provider"),
             QStringLiteral("another machine")});

        // nvidia-smi failures printed by a job that checks its GPU first.
        row("A-7 couldn't communicate", fx("A-7-fail-couldnt-communicate.txt"), 1, none,
            {kinds({"gpu_unavailable"}), QString(), QStringLiteral("couldn't communicate"),
             QString(), QString()});
        row("A-9 no devices", fx("A-9-fail-no-devices-RTX5090.txt"), 1, none,
            {kinds({"gpu_unavailable"}), QString(), QStringLiteral("No devices were found"),
             QString(), QString()});
        row("A-13 NVML mismatch", fx("A-13-fail-nvml-mismatch-470.txt"), 1, none,
            {kinds({"driver_library_mismatch"}), QString(),
             QStringLiteral("Driver/library version mismatch"), QStringLiteral("rmmod"),
             QStringLiteral("Reboot")});
        row("A-23 GPU is lost", fx("A-23-fail-gpu-is-lost.txt"), 1, none,
            {kinds({"gpu_lost"}), QStringLiteral("0000:02:00.0"), QStringLiteral("GPU is lost"),
             QString(), QString()});
        row("A-27 NVRM API mismatch", fx("A-27-fail-nvml-mismatch-dmesg-api-mismatch-550.txt"), 1,
            none,
            {kinds({"driver_library_mismatch"}), QString(), QStringLiteral("API mismatch"),
             QString(), QString()});

        // Healthy nvidia-smi outputs in a failed job's log explain nothing.
        const char *healthy[] = {
            "A-1-query-csv-header-multigpu.txt",
            "A-2-query-csv-noheader-nounits-NA.txt",
            "A-3-list-A100-MIG.txt",
            "A-5-table-580-A100-40GB.txt",
            "A-11-query-csv-mig-mode-H100.txt",
            "A-15-query-csv-nounits-unknown-error-win.txt",
            "A-17-table-470-V100.txt",
            "A-19-table-550-RTX4070.txt",
            "A-21-table-610-B200-KMD.txt",
            "A-25-gpustat-and-table-515-P100.txt",
            "A-29-mig-lgip-H200.txt",
        };
        for (const char *file : healthy) {
            row(file, fx(file), 1, none,
                {kinds({"unknown"}), QStringLiteral("exit code 1"), QString(), QString(),
                 QString()});
        }
    }

    void recordedTexts() { check(); }

    void otherWordings_data()
    {
        addColumns();
        const QString none;
        row("TF2 eager ResourceExhaustedError",
            QStringLiteral(
                "tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when "
                "allocating tensor with shape[32,512,56,56] and type float on "
                "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc "
                "[Op:Conv2D]\n"),
            1, none,
            {kinds({"cuda_oom"}), QStringLiteral("tensor shape [32,512,56,56]"),
             QStringLiteral("ResourceExhaustedError"), QStringLiteral("TF_FORCE_GPU_ALLOW_GROWTH"),
             QString()});
        row("TF2 allocator ran out of memory",
            QStringLiteral(
                "2024-03-01 10:00:00.000000: W tensorflow/tsl/framework/bfc_allocator.cc:485] "
                "Allocator (GPU_0_bfc) ran out of memory trying to allocate 1.17GiB "
                "(rounded to 1258291200)requested by op model/dense/MatMul\n"
                "If the cause is memory fragmentation maybe the environment variable "
                "'TF_GPU_ALLOCATOR=cuda_malloc_async' will improve the situation.\n"),
            1, none,
            {kinds({"cuda_oom"}), QStringLiteral("requested 1.17 GiB"), QStringLiteral("GPU_0_bfc"),
             QString(), QString()});
        row("TF allocator warning that is not a failure",
            QStringLiteral(
                "W tensorflow/core/common_runtime/bfc_allocator.cc:275] Allocator "
                "(GPU_0_bfc) ran out of memory trying to allocate 2.20GiB with "
                "freed_by_count=0. The caller indicates that this is not a failure, but "
                "may mean that there could be performance gains if more memory were "
                "available.\nValueError: Shapes (None, 10) and (None, 1) are incompatible\n"),
            1, none,
            {kinds({"unknown"}), QString(), QStringLiteral("ValueError: Shapes"), QString(),
             QString()});
        row("torch 2.5 OOM with per-process lines",
            QStringLiteral(
                "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 "
                "has a total capacity of 23.55 GiB of which 1.06 GiB is free. Process 2871 "
                "has 22.47 GiB memory in use. Of the allocated memory 21.87 GiB is "
                "allocated by PyTorch, and 163.45 MiB is reserved by PyTorch but "
                "unallocated. If reserved but unallocated memory is large try setting "
                "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  "
                "See documentation for Memory Management  "
                "(https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)\n"),
            1, none,
            {kinds({"cuda_oom"}),
             QStringLiteral("requested 2.00 GiB, 1.06 GiB free, 23.55 GiB total"), QString(),
             QStringLiteral("expandable_segments:True"), QStringLiteral("batch size")});
        row("RuntimeError: CUDA error: out of memory",
            QStringLiteral(
                "RuntimeError: CUDA error: out of memory\nCUDA kernel errors might be "
                "asynchronously reported at some other API call, so the stacktrace below "
                "might be incorrect.\nFor debugging consider passing CUDA_LAUNCH_BLOCKING=1\n"),
            1, none,
            {kinds({"cuda_oom"}), QString(), QStringLiteral("CUDA error: out of memory"), QString(),
             QString()});
        row("JAX RESOURCE_EXHAUSTED",
            QStringLiteral(
                "jaxlib.xla_extension.XlaRuntimeError: RESOURCE_EXHAUSTED: Out of memory while "
                "trying to allocate 17179869184 bytes.\n"),
            1, none,
            {kinds({"cuda_oom"}), QStringLiteral("requested 16.00 GiB"), QString(), QString(),
             QString()});
        row("max_split_size_mb in an unrelated line",
            QStringLiteral(
                "env: PYTORCH_CUDA_ALLOC_CONF=max_split_size_mb:512\nepoch 1 loss 0.53\n"
                "Traceback (most recent call last):\n  File \"train.py\", line 9, in <module>\n"
                "ValueError: too many values to unpack (expected 2)\n"),
            1, none,
            {kinds({"unknown"}), QStringLiteral("exit code 1"),
             QStringLiteral("ValueError: too many values"), QString(), QString()});
        row("NCCL unhandled cuda error from an OOM",
            QStringLiteral(
                "torch.distributed.DistBackendError: NCCL error in: "
                "../torch/csrc/distributed/c10d/NCCLUtils.hpp:317, unhandled cuda error (run "
                "with NCCL_DEBUG=INFO for details), NCCL version 2.20.5\n"
                "ncclUnhandledCudaError: Call to CUDA function failed.\nLast error:\n"
                "Cuda failure 'out of memory'\n"),
            1, none,
            {kinds({"cuda_oom", "nccl_error"}), QString(),
             QStringLiteral("Cuda failure 'out of memory'"), QString(), QString()});
        row("NCCL timeout, torch 2.4 format",
            QStringLiteral(
                "[rank1]:[E1015 10:22:11.123456789 ProcessGroupNCCL.cpp:616] [Rank 1] Watchdog "
                "caught collective operation timeout: WorkNCCL(SeqNum=52, OpType=ALLREDUCE, "
                "NumelIn=1, NumelOut=1, Timeout(ms)=600000) ran for 600049 milliseconds before "
                "timing out.\n"),
            1, none,
            {kinds({"nccl_timeout"}), QStringLiteral("ALLREDUCE, timeout 10 min"), QString(),
             QString(), QString()});
        row("torchrun SIGKILL of a rank",
            QStringLiteral(
                "torch.distributed.elastic.multiprocessing.api: [ERROR] failed (exitcode: -9) "
                "local_rank: 0 (pid: 4123) of binary: /usr/bin/python3\n"),
            1, none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("exitcode: -9"), QString(),
             QString()});
        row("DataLoader worker killed",
            QStringLiteral(
                "RuntimeError: DataLoader worker (pid 1234) is killed by signal: Killed.\n"),
            1, none,
            {kinds({"host_oom_killed"}), QStringLiteral("DataLoader worker"), QString(), QString(),
             QString()});
        row("shared memory bus error",
            QStringLiteral(
                "ERROR: Unexpected bus error encountered in worker. This might be caused by "
                "insufficient shared memory (shm).\nRuntimeError: DataLoader worker (pid "
                "4567) is killed by signal: Bus error. It is possible that dataloader's "
                "workers are out of shared memory.\n"),
            1, none,
            {kinds({"shared_memory_exhausted"}), QString(), QString(), QStringLiteral("--shm-size"),
             QString()});
        row("NCCL shared memory segment",
            QStringLiteral(
                "misc/shmutils.cc:72 NCCL WARN Error: failed to extend /dev/shm/nccl-aBcDeF "
                "to 9637892 bytes\nproxy.cc:1240 NCCL WARN Error while creating "
                "shared memory segment /dev/shm/nccl-aBcDeF (size 9637888)\n"),
            1, none,
            {kinds({"shared_memory_exhausted", "nccl_error"}), QString(), QString(), QString(),
             QString()});
        row("device-side assert on labels",
            QStringLiteral(
                "../aten/src/ATen/native/cuda/Loss.cu:250: nll_loss_forward_reduce_cuda_kernel_2d: "
                "block: [0,0,0], thread: [5,0,0] Assertion `t >= 0 && t < n_classes` failed.\n"
                "RuntimeError: CUDA error: device-side assert triggered\n"),
            1, none,
            {kinds({"data_error"}), QString(), QStringLiteral("n_classes"), QString(), QString()});
        row("missing cv2", QStringLiteral("ModuleNotFoundError: No module named 'cv2'\n"), 1, none,
            {kinds({"missing_module"}), QStringLiteral("cv2"), QString(),
             QStringLiteral("pip install opencv-python-headless"), QString()});
        row("cannot import name",
            QStringLiteral("ImportError: cannot import name 'LlamaFlashAttention2' from "
                           "'transformers.models.llama.modeling_llama'\n"),
            1, none,
            {kinds({"missing_module"}), QStringLiteral("LlamaFlashAttention2"), QString(),
             QStringLiteral("pip install -U transformers"), QString()});
        row("command not found", QStringLiteral("run.sh: line 4: python: command not found\n"), 127,
            none,
            {kinds({"config_error"}), QStringLiteral("python"), QString(), QString(), QString()});
        row("RTX 5090 with torch built for up to sm_90",
            QStringLiteral(
                "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the "
                "current PyTorch installation.\nThe current PyTorch install supports CUDA "
                "capabilities sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90.\n"
                "RuntimeError: CUDA error: no kernel image is available for execution on the "
                "device\n"),
            1, none,
            {kinds({"no_kernel_image"}), QStringLiteral("GPU sm_120"),
             QStringLiteral("no kernel image"), QString(), QStringLiteral("whl/cu128")});
        row("libcudnn missing",
            QStringLiteral(
                "ImportError: libcudnn.so.8: cannot open shared object file: No such file or "
                "directory\n"),
            1, none,
            {kinds({"missing_library"}), QStringLiteral("libcudnn.so.8"), QString(), QString(),
             QString()});
        row("container without GPU",
            QStringLiteral(
                "RuntimeError: Found no NVIDIA driver on your system. Please check that you have "
                "an NVIDIA GPU and installed a driver from "
                "http://www.nvidia.com/Download/index.aspx\n"),
            1, none,
            {kinds({"gpu_unavailable"}), QString(), QString(), QStringLiteral("--gpus all"),
             QString()});
        row("exclusive-process GPU busy",
            QStringLiteral(
                "RuntimeError: CUDA error: CUDA-capable device(s) is/are busy or unavailable\n"),
            1, none,
            {kinds({"gpu_unavailable"}), QStringLiteral("exclusive"), QString(), QString(),
             QStringLiteral("exclusive-process")});
        row("Xid 48 double-bit ECC",
            QStringLiteral(
                "NVRM: Xid (PCI:0000:3b:00): 48, pid=1234, name=python, An uncorrectable double "
                "bit error (DBE) has been detected on GPU in the framebuffer.\n"),
            1, none, {kinds({"gpu_lost"}), QString(), QStringLiteral("Xid"), QString(), QString()});
        row("HF Trainer loss nan",
            QStringLiteral(
                "{'loss': nan, 'grad_norm': nan, 'learning_rate': 1.9e-05, 'epoch': 0.42}\n"),
            1, none,
            {kinds({"nan_loss"}), QString(), QString(), QString(),
             QStringLiteral("learning rate")});
        row("DeepSpeed loss scale at minimum",
            QStringLiteral(
                "Exception: Current loss scale already at minimum - cannot decrease scale "
                "anymore. Exiting run.\n"),
            1, none,
            {kinds({"nan_loss"}), QStringLiteral("fp16"), QString(), QString(),
             QStringLiteral("bf16")});
        row("disk quota", QStringLiteral("OSError: [Errno 122] Disk quota exceeded\n"), 1, none,
            {kinds({"disk_full"}), QString(), QString(), QString(), QString()});
        row("safetensors StorageFull",
            QStringLiteral(
                "safetensors_rust.SafetensorError: Error while serializing: IoError(Os { code: "
                "28, kind: StorageFull, message: \"No space left on device\" })\n"),
            1, none, {kinds({"disk_full"}), QString(), QString(), QString(), QString()});
        row("Paddle runtime newer than driver",
            QStringLiteral(
                "W0301 10:00:00.000000 1234 gpu_resources.cc:61] Please NOTE: device: 0, GPU "
                "Compute Capability: 8.0, Driver API Version: 11.4, Runtime API Version: 12.0\n"),
            1, none,
            {kinds({"driver_too_old"}),
             QStringLiteral("driver supports CUDA 11.4, build uses CUDA 12.0"), QString(),
             QStringLiteral("at least 525.60.13"), QStringLiteral("CUDA 11.8 build")});
        row("Paddle runtime 11.8 on an 11.4 driver is compatible",
            QStringLiteral(
                "W0301 10:00:00.000000 1234 gpu_resources.cc:61] Please NOTE: device: 0, GPU "
                "Compute Capability: 8.0, Driver API Version: 11.4, Runtime API Version: 11.8\n"),
            1, none, {kinds({"unknown"}), QString(), QString(), QString(), QString()});
        row("torch 2.3 cu121 on an 11.4 driver",
            QStringLiteral(
                "torch 2.3.1+cu121\nRuntimeError: The NVIDIA driver on your system is too old "
                "(found version 11040). Please update your GPU driver by downloading and "
                "installing a new version from the URL: "
                "http://www.nvidia.com/Download/index.aspx\n"),
            1, none,
            {kinds({"driver_too_old"}),
             QStringLiteral("driver supports CUDA 11.4, build uses CUDA 12.1"), QString(),
             QStringLiteral("at least 530.30.02"), QStringLiteral("whl/cu118")});
        row("loss scale and grad norm are not NaN",
            QStringLiteral(
                "Epoch 3 | loss 0.0213 | loss_scale 65536.0 | grad_norm 0.87\nKeyboardInterrupt\n"),
            130, none,
            {kinds({"unknown"}), QStringLiteral("exit code 130 (SIGINT)"),
             QStringLiteral("KeyboardInterrupt"), QString(), QString()});
        row("NCCL net plugin notice is harmless",
            QStringLiteral(
                "node1:123:456 [0] NCCL INFO NET/Plugin : dlerror=libnccl-net.so: cannot "
                "open shared object file: No such file or directory No plugin found "
                "(libnccl-net.so), using internal implementation\n"
                "node1:123:456 [0] NCCL WARN NET/Plugin : Plugin load returned 2\n"
                "AssertionError: eval metric missing\n"),
            1, none,
            {kinds({"unknown"}), QString(), QStringLiteral("AssertionError"), QString(),
             QString()});
        row("numpy cannot allocate host memory",
            QStringLiteral(
                "numpy.core._exceptions._ArrayMemoryError: Unable to allocate 37.3 GiB for "
                "an array with shape (50000, 100000) and data type float64\n"),
            1, none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("Unable to allocate 37.3 GiB"),
             QString(), QString()});
        row("Killed after a carriage-return progress bar",
            QStringLiteral("loading: 100%|##########| 3000/3000 [03:33<00:00]\rKilled\n"), 137,
            none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("Killed"), QString(),
             QString()});
        row("segfault", QStringLiteral("step 10\nSegmentation fault (core dumped)\n"), 139, none,
            {kinds({"unknown"}), QStringLiteral("exit code 139 (SIGSEGV)"),
             QStringLiteral("Segmentation fault"), QString(), QString()});
        row("coloured log",
            QStringLiteral("\x1b[31mtorch.cuda.OutOfMemoryError\x1b[0m: CUDA out of memory.\r\n"),
            1, none,
            {kinds({"cuda_oom"}), QString(),
             QStringLiteral("torch.cuda.OutOfMemoryError: CUDA out of memory."), QString(),
             QString()});
    }

    void otherWordings() { check(); }

    void exitCodesAndEngineErrors_data()
    {
        addColumns();
        const QString none;
        const QString oomLog = fx("B-5-torch-cuda-oom-2.1-capacty-typo.txt");
        row("exit 0, no error: nothing, even with error text", oomLog, 0, none, {});
        row("exit 137 alone", QString(), 137, none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("exit code 137 (SIGKILL)"),
             QStringLiteral("dmesg"), QString()});
        row("SIGKILL as seen by Python", QString(), -9, none,
            {kinds({"host_oom_killed"}), QString(), QStringLiteral("SIGKILL"), QString(),
             QString()});
        row("exit 137 after a GPU OOM", oomLog, 137, none,
            {kinds({"cuda_oom", "host_oom_killed"}), QString(), QString(), QString(), QString()});
        row("no exit code, empty log", QString(), kNoExit, none,
            {kinds({"unknown"}), QStringLiteral("no exit code"), QString(), QString(), QString()});
        row("no exit code, OOM in log", oomLog, kNoExit, none,
            {kinds({"cuda_oom"}), QString(), QString(), QString(), QString()});
        row("engine nan, nothing in log", QString(), 5, QStringLiteral("nan"),
            {kinds({"nan_loss"}), QString(), QStringLiteral("nan"), QString(), QString()});
        row("engine error overrides exit 0", QString(), 0, QStringLiteral("config"),
            {kinds({"config_error"}), QString(), QString(), QString(), QString()});
        row("engine oom with its JSON line",
            QStringLiteral(
                "{\"v\":1,\"event\":\"step\",\"step\":100,\"loss\":0.51}\n"
                "{\"v\":1,\"event\":\"error\",\"kind\":\"oom\",\"message\":\"cudaMalloc of 512 "
                "MiB failed\",\"time\":1732345678.1}\n"),
            6, QStringLiteral("oom"),
            {kinds({"cuda_oom"}), QString(), QStringLiteral("cudaMalloc of 512 MiB failed"),
             QString(), QString()});
        row("engine data error found in the log only",
            QStringLiteral("{\"v\":1,\"event\":\"error\",\"kind\":\"data\",\"message\":\"train-"
                           "images-idx3-ubyte: "
                           "bad magic 0x00000000\",\"time\":1.0}\n"),
            3, none,
            {kinds({"data_error"}), QString(), QStringLiteral("bad magic"), QString(), QString()});
        row("engine io error explained by a full disk",
            QStringLiteral("checkpoint: write ckpt/step-469.tdk: No space left on device\n"), 4,
            QStringLiteral("io"),
            {kinds({"disk_full"}), QString(), QString(), QString(), QString()});
        row("engine cuda_driver explained by the driver text",
            QStringLiteral("cudaGetDeviceCount: CUDA driver version is insufficient for CUDA "
                           "runtime version\n"),
            7, QStringLiteral("cuda_driver"),
            {kinds({"driver_too_old"}), QString(), QString(), QString(), QString()});
        row("engine cuda_driver without text", QString(), 7, QStringLiteral("cuda_driver"),
            {kinds({"gpu_unavailable"}), QString(), QStringLiteral("cuda_driver"), QString(),
             QString()});
        row("unknown engine kind is ignored", QStringLiteral("boom\n"), 1,
            QStringLiteral("cosmic_ray"),
            {kinds({"unknown"}), QString(), QStringLiteral("boom"), QString(), QString()});
    }

    void exitCodesAndEngineErrors() { check(); }

    void everyKindHasTexts()
    {
        QSet<QString> titles;
        for (int i = 0; i <= static_cast<int>(Finding::Kind::Unknown); ++i) {
            diagnosis::Match match;
            match.kind = static_cast<Finding::Kind>(i);
            const Finding f = diagnosis::makeFinding(match);
            const QString name = findingKindName(match.kind);
            QVERIFY2(!f.title.isEmpty() && !f.explanation.isEmpty() && !f.remedies.isEmpty(),
                     qPrintable(name));
            QVERIFY2(!titles.contains(f.title), qPrintable(name));
            titles.insert(f.title);
            QCOMPARE(findingKindFromName(name), std::optional<Finding::Kind>(match.kind));
        }
        QVERIFY(!findingKindFromName(QStringLiteral("nope")));
    }

    void everyFixtureIsIndexedWithItsSource()
    {
        // The recorded texts keep their provenance: a "# source:" first line and a row in
        // INDEX.md. Every file is used by one of the tables of this directory's tests.
        const QDir dir(QStringLiteral(TRAINDECK_TEST_DATA "/gpu-texts"));
        const QString index = QString::fromUtf8(test::fixtureBytes(QStringLiteral("INDEX.md")));
        const QStringList files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files);
        QVERIFY(files.size() >= 45);
        for (const QString &file : files) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.readLine().startsWith("# source: "), qPrintable(file));
            QVERIFY2(index.contains(u"| " + file + u" |"), qPrintable(file));
            if (file.contains(QStringLiteral("Not Supported"), Qt::CaseInsensitive) ||
                QString::fromUtf8(f.readAll()).contains(QStringLiteral("[Not Supported]")))
                QVERIFY2(file.contains(QStringLiteral("synthetic")), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "test_diagnosis.moc"
