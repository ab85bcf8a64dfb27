// Texts of the findings about what the training run did: kernels, data, numerics, distributed
// communication, files and configuration.
#include "core/diagnosis/DiagnosisRules.h"
#include "core/diagnosis/DiagnosisTr.h"

namespace td::diagnosis {

namespace {

using Kind = Finding::Kind;

void illegalAccess(const Facts &, Finding *out)
{
    out->title = DiagnosisTr::tr("Illegal GPU memory access");
    out->explanation = DiagnosisTr::tr(
        "A GPU kernel read or wrote memory it does not own. CUDA reports this asynchronously, so "
        "the traceback often points at a later, innocent line. Common causes: an index out of "
        "range (token ids, labels), a bug in a custom or fused kernel, or faulty hardware.");
    out->remedies
        << DiagnosisTr::tr("Run again with CUDA_LAUNCH_BLOCKING=1 so the error is raised at the "
                           "operation that caused it.")
        << DiagnosisTr::tr("Check that token ids are below the embedding size and labels below "
                           "the number of classes.")
        << DiagnosisTr::tr("Turn off custom or fused kernels (flash-attention, apex, compiled "
                           "extensions) to isolate them; update PyTorch and the driver.")
        << DiagnosisTr::tr("Locate it with compute-sanitizer python train.py on a small input.")
        << DiagnosisTr::tr("If it strikes at random steps in code that worked before, suspect the "
                           "GPU: look for Xid lines in dmesg and try another machine.");
}

void dataError(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Bad data or labels");
    out->explanation = DiagnosisTr::tr(
        "A sample, label or file of the dataset is not what the model expects: a label outside "
        "the class range, a token id beyond the vocabulary, an unreadable or truncated file, or "
        "batches of different shapes.");
    out->detail = f.path;
    out->remedies
        << DiagnosisTr::tr("Check that labels lie in [0, number of classes) and that the model's "
                           "output size matches the dataset's class count.")
        << DiagnosisTr::tr("Run a few batches on the CPU (or with CUDA_LAUNCH_BLOCKING=1) to get "
                           "a readable Python error instead of a device-side assert.")
        << DiagnosisTr::tr("Verify the dataset on the machine is complete: re-upload it, and "
                           "find corrupt images or records with a quick pass over the files.")
        << DiagnosisTr::tr("Check dataset paths: relative paths resolve from the job's working "
                           "directory on the remote machine.");
}

void nanLoss(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Loss became NaN");
    out->explanation = DiagnosisTr::tr(
        "The loss or the gradients became NaN or infinite, after which training cannot "
        "recover. Usual causes: a learning rate too high, fp16 overflow, exploding gradients, or "
        "NaN/inf in the input data.");
    QStringList &r = out->remedies;
    const QString bf16 = DiagnosisTr::tr(
        "Train in bf16 instead of fp16 on Ampere or newer GPUs: it has the range of fp32, so no "
        "loss scaling and no overflow.");
    if (f.fp16ScaleCollapsed) {
        out->detail = DiagnosisTr::tr("fp16 loss scale collapsed to 0");
        r << bf16;
    }
    r << DiagnosisTr::tr("Lower the learning rate (for example by 10x) and add a warm-up.")
      << DiagnosisTr::tr("Clip gradients: torch.nn.utils.clip_grad_norm_(model.parameters(), "
                         "1.0), or max_grad_norm for the Hugging Face Trainer.");
    if (!f.fp16ScaleCollapsed)
        r << bf16;
    r << DiagnosisTr::tr("Check the data for NaN/inf and the loss for log(0) or division by "
                         "zero; torch.autograd.set_detect_anomaly(True) names the operation.")
      << DiagnosisTr::tr("Resume from the last checkpoint before the loss diverged.");
}

void cublasFailure(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("cuBLAS/cuDNN call failed");
    out->explanation = DiagnosisTr::tr(
        "A cuBLAS or cuDNN call failed. The status tells why: NOT_INITIALIZED is usually memory "
        "running out when the library starts, EXECUTION_FAILED and INTERNAL_ERROR often follow an "
        "earlier kernel error, NOT_SUPPORTED means the input is too large or oddly laid out.");
    out->detail = f.name;
    out->remedies
        << DiagnosisTr::tr("Run again with CUDA_LAUNCH_BLOCKING=1 to find the first failing "
                           "operation.")
        << DiagnosisTr::tr("Check GPU memory: a smaller batch size often makes NOT_INITIALIZED go "
                           "away.")
        << DiagnosisTr::tr("Make sure only one CUDA version's libraries are loaded: "
                           "LD_LIBRARY_PATH must not point at another CUDA's libcublas or "
                           "libcudnn.")
        << DiagnosisTr::tr("For cuDNN errors, test with torch.backends.cudnn.enabled = False to "
                           "confirm, then reduce the input size.");
}

void ncclError(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("NCCL communication error");
    out->explanation = DiagnosisTr::tr(
        "NCCL, which moves gradients between GPUs, failed. \"unhandled system error\" points at "
        "the machine (shared memory, network interfaces, InfiniBand), \"unhandled cuda error\" "
        "at a CUDA failure on one of the GPUs.");
    QStringList parts;
    if (!f.ncclCode.isEmpty())
        parts << f.ncclCode;
    if (!f.ncclVersion.isEmpty())
        parts << QStringLiteral("NCCL %1").arg(f.ncclVersion);
    out->detail = parts.join(QStringLiteral(", "));
    out->remedies
        << DiagnosisTr::tr("Run with NCCL_DEBUG=INFO to see which call failed and why.")
        << DiagnosisTr::tr("Disable peer-to-peer transfers, which many rented PCIe GPUs do not "
                           "support: NCCL_P2P_DISABLE=1.")
        << DiagnosisTr::tr("Without InfiniBand: NCCL_IB_DISABLE=1, and name the network interface "
                           "with NCCL_SOCKET_IFNAME=eth0.")
        << DiagnosisTr::tr("In a container, give it enough shared memory (--shm-size=16g or "
                           "--ipc=host).")
        << DiagnosisTr::tr("For \"unhandled cuda error\", look for an earlier CUDA error such as "
                           "out of memory on any rank.");
}

void ncclTimeout(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Distributed operation timed out");
    out->explanation = DiagnosisTr::tr(
        "A collective operation (all-reduce, broadcast) waited longer than the timeout for the "
        "other ranks. One rank failed or stalled: its own log holds the real cause (an out of "
        "memory on one rank appears as timeouts on all the others), or it was busy alone with "
        "evaluation or checkpointing.");
    QStringList parts;
    if (!f.collective.isEmpty())
        parts << f.collective;
    if (f.timeoutMinutes) {
        parts << DiagnosisTr::tr("timeout %1 min")
                     .arg(QString::number(*f.timeoutMinutes, 'f', *f.timeoutMinutes < 10 ? 1 : 0));
    }
    out->detail = parts.join(QStringLiteral(", "));
    out->remedies
        << DiagnosisTr::tr("Find the first rank that failed or stopped logging; fix that error "
                           "first.")
        << DiagnosisTr::tr("Make every rank run the same number of steps: drop_last=True and a "
                           "DistributedSampler over equally long shards.")
        << DiagnosisTr::tr("When rank 0 does long work alone, raise the timeout: "
                           "init_process_group(timeout=timedelta(minutes=60)), or ddp_timeout "
                           "for the Hugging Face Trainer.")
        << DiagnosisTr::tr("Run with NCCL_DEBUG=INFO; if it hangs on PCIe GPUs, try "
                           "NCCL_P2P_DISABLE=1.");
}

void ioError(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("File read or write error");
    out->explanation = DiagnosisTr::tr(
        "A file could not be read or written for another reason than a full disk: missing "
        "permission, a read-only or network file system, or a failing disk.");
    out->detail = f.path;
    out->remedies << DiagnosisTr::tr("Check that the path exists and is writable by the job's user "
                                     "(ls -ld on it).")
                  << DiagnosisTr::tr(
                         "Write outputs to a local, writable disk; copy data from network "
                         "storage to local disk before training.")
                  << DiagnosisTr::tr(
                         "Input/output errors that repeat point to a failing disk: move to "
                         "another machine.");
}

void configError(const Facts &f, Finding *out)
{
    out->title = DiagnosisTr::tr("Bad command or configuration");
    out->explanation = DiagnosisTr::tr(
        "The job's command, arguments or configuration do not fit the program or the machine: "
        "an unknown option, a missing script or program, a GPU index that does not exist, or a "
        "checkpoint made for another model.");
    out->detail = !f.name.isEmpty() ? f.name : f.path;
    out->remedies
        << DiagnosisTr::tr("Check the command and its arguments against the script's --help.")
        << DiagnosisTr::tr("A program or script that is not found: activate the environment in "
                           "the job's setup, upload the script, or use its full path.")
        << DiagnosisTr::tr("\"invalid device ordinal\": ask for no more GPUs than nvidia-smi -L "
                           "lists (--gpus, CUDA_VISIBLE_DEVICES).")
        << DiagnosisTr::tr("A state_dict size mismatch: the checkpoint belongs to another model "
                           "configuration; load the matching one.");
}

void unknown(const Facts &, Finding *out)
{
    out->title = DiagnosisTr::tr("Training failed");
    out->explanation = DiagnosisTr::tr(
        "The job failed with an error that has no known pattern. The last error line of the log "
        "is shown as evidence.");
    out->remedies << DiagnosisTr::tr(
                         "Read the traceback above the last error line in the job's log.")
                  << DiagnosisTr::tr(
                         "Reproduce it on a short run (few steps, small data) before renting "
                         "the machine again.");
}

} // namespace

void describeRun(const Facts &facts, Finding *out)
{
    switch (out->kind) {
    case Kind::IllegalMemoryAccess:
        illegalAccess(facts, out);
        break;
    case Kind::DataError:
        dataError(facts, out);
        break;
    case Kind::NanLoss:
        nanLoss(facts, out);
        break;
    case Kind::CublasFailure:
        cublasFailure(facts, out);
        break;
    case Kind::NcclError:
        ncclError(facts, out);
        break;
    case Kind::NcclTimeout:
        ncclTimeout(facts, out);
        break;
    case Kind::IoError:
        ioError(facts, out);
        break;
    case Kind::ConfigError:
        configError(facts, out);
        break;
    default:
        unknown(facts, out);
        break;
    }
}

} // namespace td::diagnosis
