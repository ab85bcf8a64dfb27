#include "core/diagnosis/DiagnosisRules.h"

#include "core/diagnosis/CudaCompat.h"
#include "core/diagnosis/TextLines.h"

#include <QRegularExpression>
#include <QRegularExpressionMatch>

#include <algorithm>

namespace td::diagnosis {

namespace {

using Kind = Finding::Kind;
using Extractor = void (*)(const QString &text, const QRegularExpressionMatch &m, Facts *facts);

// Each pattern keys on the part of a message that has stayed the same across framework
// versions (PyTorch's OOM line changed its exception class three times and once misspelt
// "capacity"), so texts that are not in the fixtures still match.
struct Rule
{
    Kind kind;
    QRegularExpression re;
    Extractor extract = nullptr;
};

QRegularExpression rx(const char *pattern, bool caseInsensitive = true)
{
    QRegularExpression::PatternOptions options = QRegularExpression::MultilineOption;
    if (caseInsensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(QString::fromUtf8(pattern), options);
}

qsizetype lineStart(const QString &text, qsizetype pos)
{
    while (pos > 0 && text.at(pos - 1) != u'\n' && text.at(pos - 1) != u'\r')
        --pos;
    return pos;
}

// The text a multi-line message may spread over, from the matching line on.
QString windowAt(const QString &text, const QRegularExpressionMatch &m, qsizetype chars = 1500)
{
    const qsizetype start = lineStart(text, m.capturedStart());
    return text.mid(start, chars);
}

std::optional<double> toGiB(const QString &number, const QString &unit)
{
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString u = unit.toLower();
    if (u.startsWith(u't'))
        return value * 1024.0;
    if (u.startsWith(u'g'))
        return value;
    if (u.startsWith(u'm'))
        return value / 1024.0;
    if (u.startsWith(u'k'))
        return value / (1024.0 * 1024.0);
    return value / (1024.0 * 1024.0 * 1024.0); // "B", "bytes"
}

// The first of several phrasings of one size, converted to GiB.
std::optional<double> sizeIn(const QString &window, std::initializer_list<const char *> patterns)
{
    for (const char *pattern : patterns) {
        const QRegularExpressionMatch m = rx(pattern).match(window);
        if (m.hasMatch())
            return toGiB(m.captured(1), m.captured(2));
    }
    return std::nullopt;
}

// "cu121" -> 12.1, "cu92" -> 9.2 (PyTorch wheel tags).
QVersionNumber cudaFromWheelTag(const QString &digits)
{
    if (digits.size() < 2)
        return {};
    return QVersionNumber(digits.left(digits.size() - 1).toInt(), digits.right(1).toInt());
}

void setComputeCapability(const QString &smDigits, Facts *facts)
{
    if (smDigits.size() < 2)
        return;
    facts->ccMajor = smDigits.left(smDigits.size() - 1).toInt();
    facts->ccMinor = smDigits.right(1).toInt();
}

// The CUDA release the program was built with, from a PyTorch version string ("2.1.0+cu121")
// or PaddlePaddle's startup line; null when the log does not say.
QVersionNumber neededCudaIn(const QString &text)
{
    if (const QRegularExpressionMatch m = rx(R"re(\+cu(\d{2,3})\b)re").match(text); m.hasMatch())
        return cudaFromWheelTag(m.captured(1));
    if (const QRegularExpressionMatch m =
            rx(R"re(Runtime API Version:\s*(\d+(?:\.\d+)*))re").match(text);
        m.hasMatch())
        return QVersionNumber::fromString(m.captured(1));
    return {};
}

void extractOom(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString w = windowAt(text, m);
    f->requestedGiB = sizeIn(w, {R"re(Tried to allocate ([\d.]+)\s*([KMGT]i?B|bytes|B)\b)re",
                                 R"re(Cannot allocate ([\d.]+)\s*([KMGT]?i?B)\s+memory)re",
                                 R"re(trying to allocate ([\d.]+)\s*([KMGT]i?B|bytes|B)\b)re"});
    if (!f->requestedGiB) {
        const QRegularExpressionMatch bytes =
            rx(R"re(failed to allocate [\d.]+\s*[KMGT]?\s*\((\d+) bytes\))re").match(w);
        if (bytes.hasMatch())
            f->requestedGiB = toGiB(bytes.captured(1), QStringLiteral("B"));
    }
    f->totalGiB = sizeIn(w, {R"re(total capac\w*\s*(?:of\s*)?([\d.]+)\s*([KMGT]i?B))re",
                             R"re(([\d.]+)\s*([KMGT]i?B) total capac)re"});
    f->freeGiB = sizeIn(w, {R"re(of which ([\d.]+)\s*([KMGT]i?B|bytes|B) is free)re",
                            R"re(([\d.]+)\s*([KMGT]i?B|bytes) free\b)re",
                            R"re(available memory is only ([\d.]+)\s*([KMGT]?i?B))re"});
    f->processGiB = sizeIn(w, {R"re(this process has ([\d.]+)\s*([KMGT]i?B) memory in use)re"});
    f->reservedUnusedGiB =
        sizeIn(w, {R"re(([\d.]+)\s*([KMGT]i?B) is reserved by PyTorch but unallocated)re"});
    if (!f->reservedUnusedGiB) {
        const std::optional<double> reserved =
            sizeIn(w, {R"re(([\d.]+)\s*([KMGT]i?B) reserved in total by PyTorch)re"});
        const std::optional<double> allocated =
            sizeIn(w, {R"re(([\d.]+)\s*([KMGT]i?B) already allocated)re"});
        if (reserved && allocated && *reserved >= *allocated)
            f->reservedUnusedGiB = *reserved - *allocated;
    }
    if (const QRegularExpressionMatch shape =
            rx(R"re(OOM when allocating tensor with shape\s*\[([\d,\s]*)\])re").match(w);
        shape.hasMatch()) {
        f->tensorShape = shape.captured(1).remove(u' ');
    }
    f->oldTorchAllocator = w.contains(QStringLiteral("max_split_size_mb")) &&
                           !w.contains(QStringLiteral("expandable_segments"));
    if (w.contains(QStringLiteral("ALLOC_FAILED")))
        f->libraryWorkspace = true;
    // The framework decides which remedies apply; the message itself says it best, the rest of
    // the log (import paths, version banners) otherwise.
    const auto mentions = [&](const char *word) {
        return w.contains(QLatin1StringView(word), Qt::CaseInsensitive);
    };
    const auto logMentions = [&](const char *word) {
        return text.contains(QLatin1StringView(word), Qt::CaseInsensitive);
    };
    if (mentions("GPU_0_bfc") || mentions("OOM when allocating") || mentions("tensorflow"))
        f->framework = Framework::TensorFlow;
    else if (mentions("Out of memory error on GPU") || mentions("paddle"))
        f->framework = Framework::Paddle;
    else if (mentions("RESOURCE_EXHAUSTED") || mentions("jax") || mentions("XLA"))
        f->framework = Framework::Jax;
    else if (mentions("PyTorch") || logMentions("torch"))
        f->framework = Framework::PyTorch;
    else if (logMentions("paddle"))
        f->framework = Framework::Paddle;
    else if (logMentions("tensorflow") || logMentions("keras"))
        f->framework = Framework::TensorFlow;
}

void extractDriverTooOld(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString w = windowAt(text, m);
    if (const QRegularExpressionMatch found = rx(R"re(found version (\d+))re").match(w);
        found.hasMatch()) {
        f->driverCuda = cudaFromApiNumber(found.captured(1).toInt());
    }
    f->neededCuda = neededCudaIn(text);
}

void extractNoKernelImage(const QString &text, const QRegularExpressionMatch &, Facts *f)
{
    if (const QRegularExpressionMatch sm = rx(R"re(CUDA capability sm_(\d{2,3}))re").match(text);
        sm.hasMatch()) {
        setComputeCapability(sm.captured(1), f);
    } else if (const QRegularExpressionMatch cc =
                   rx(R"re(Compute Capability:?\s*(\d+)\.(\d))re").match(text);
               cc.hasMatch()) {
        f->ccMajor = cc.captured(1).toInt();
        f->ccMinor = cc.captured(2).toInt();
    }
    if (const QRegularExpressionMatch list =
            rx(R"re(supports CUDA capabilities ((?:sm_\d+\s*)+))re").match(text);
        list.hasMatch()) {
        f->name = list.captured(1).simplified();
    }
    f->neededCuda = neededCudaIn(text);
}

void extractGpuUnavailable(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    const QString line = m.captured(0);
    f->gpuBusy = line.contains(QStringLiteral("busy"), Qt::CaseInsensitive);
    f->cpuOnlyBuild = line.contains(QStringLiteral("not compiled with CUDA"), Qt::CaseInsensitive);
}

void extractCudnn(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    // Paddle and TensorFlow name both versions; keep them as "built / found".
    if (m.lastCapturedIndex() >= 2)
        f->name = QStringLiteral("%1/%2").arg(m.captured(1), m.captured(2));
}

void extractCaptureName(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    f->name = m.captured(1);
}

void extractCommand(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    f->name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
}

// The pip package that provides an import name, where the two differ.
QString packageForModule(const QString &module)
{
    static constexpr struct
    {
        const char *module;
        const char *package;
    } kPackages[] = {
        {"cv2", "opencv-python-headless"},
        {"PIL", "pillow"},
        {"sklearn", "scikit-learn"},
        {"skimage", "scikit-image"},
        {"yaml", "pyyaml"},
        {"google.protobuf", "protobuf"},
        {"bs4", "beautifulsoup4"},
        {"attr", "attrs"},
        {"dateutil", "python-dateutil"},
        {"dotenv", "python-dotenv"},
        {"Crypto", "pycryptodome"},
        {"fitz", "pymupdf"},
        {"paddle", "paddlepaddle-gpu"},
        {"flash_attn", "flash-attn"},
    };
    for (const auto &entry : kPackages) {
        const QString known = QString::fromUtf8(entry.module);
        if (module == known || module.startsWith(known + u'.'))
            return QString::fromUtf8(entry.package);
    }
    QString package = module.section(u'.', 0, 0);
    return package.replace(u'_', u'-');
}

void extractModule(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    if (m.lastCapturedIndex() >= 2 && !m.captured(2).isEmpty()) { // cannot import name X from Y
        f->name = m.captured(1);
        f->package = packageForModule(m.captured(2));
        f->importNameError = true;
        return;
    }
    f->name = m.captured(1);
    f->package = packageForModule(f->name);
}

void extractKilled(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString line = lineAround(text, m.capturedStart(), 1000);
    if (const QRegularExpressionMatch p =
            rx(R"re(Kill(?:ed)? process \d+ \(([^)]+)\))re").match(line);
        p.hasMatch()) {
        f->processName = p.captured(1);
    }
    f->dataLoaderWorker = line.contains(QStringLiteral("DataLoader"));
    f->hostAllocFailed = line.contains(QStringLiteral("MemoryError")) ||
                         line.contains(QStringLiteral("bad_alloc")) ||
                         line.contains(QStringLiteral("Errno 12"));
}

void extractNan(const QString &text, const QRegularExpressionMatch &, Facts *f)
{
    // A collapsed fp16 loss scale means the NaNs come from fp16 overflow: bf16 is the fix.
    static const QRegularExpression scale =
        rx(R"re(Fp16 Grad Scale:?\s*0(?:\.0+)?(?![\d.])|loss scale already at minimum|)re"
           R"re(loss[ _]scale\w*\s*[:=]?\s*0(?:\.0+)?(?![\d.]))re");
    f->fp16ScaleCollapsed = scale.match(text).hasMatch();
}

void extractNcclError(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString w = windowAt(text, m, 600);
    if (const QRegularExpressionMatch c =
            rx(R"re(,\s*([a-z][^,\n(]*?)\s*(?:\([^)\n]*\))?\s*,\s*NCCL version (\d+(?:\.\d+)*))re")
                .match(w);
        c.hasMatch()) {
        f->ncclCode = c.captured(1);
        f->ncclVersion = c.captured(2);
    } else if (const QRegularExpressionMatch code = rx(R"re(\b(nccl\w+Error)\b)re").match(w);
               code.hasMatch()) {
        f->ncclCode = code.captured(1);
    }
}

void extractNcclTimeout(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString w = windowAt(text, m, 600);
    if (const QRegularExpressionMatch op = rx(R"re(OpType=(\w+))re").match(w); op.hasMatch())
        f->collective = op.captured(1);
    if (const QRegularExpressionMatch t = rx(R"re(Timeout\(ms\)=(\d+))re").match(w); t.hasMatch())
        f->timeoutMinutes = t.captured(1).toDouble() / 60000.0;
}

void extractDiskFull(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    const QString w = windowAt(text, m, 600);
    if (const QRegularExpressionMatch p =
            rx(R"re(No space left on device:\s*'([^']+)')re").match(w);
        p.hasMatch()) {
        f->path = p.captured(1);
    }
    f->quota = m.captured(0).contains(QStringLiteral("quota"), Qt::CaseInsensitive) ||
               m.captured(0).contains(QStringLiteral("Errno 122"));
}

void extractBusId(const QString &text, const QRegularExpressionMatch &m, Facts *f)
{
    // The kernel log names the GPU on the line before the wrapped "fallen off the bus".
    const qsizetype start = std::max<qsizetype>(0, lineStart(text, m.capturedStart()) - 300);
    const QString w = text.mid(start, 900);
    if (const QRegularExpressionMatch bus =
            rx(R"re(\b([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])\b)re").match(w);
        bus.hasMatch()) {
        f->name = bus.captured(1);
    }
}

void extractPath(const QString &, const QRegularExpressionMatch &m, Facts *f)
{
    f->path = m.captured(1);
}

const QList<Rule> &rules()
{
    static const QList<Rule> table = {
        // GPU hardware faults. Xid 79 is "fallen off the bus", 48/94/95 ECC, 74 NVLink,
        // 119/120 GSP firmware timeouts: none of them is fixed by changing the job.
        {Kind::GpuLost, rx(R"re(fallen off the bus)re"), extractBusId},
        {Kind::GpuLost, rx(R"re(\bGPU is lost\b)re"), extractBusId},
        {Kind::GpuLost, rx(R"re(\bXid\b\s*\([^)]*\):\s*(?:79|48|74|94|95|119|120)\b)re")},
        {Kind::GpuLost, rx(R"re(uncorrectable ECC error)re")},

        {Kind::DriverLibraryMismatch, rx(R"re(Driver/library version mismatch)re")},
        {Kind::DriverLibraryMismatch, rx(R"re(NVRM: API mismatch)re")},
        {Kind::DriverLibraryMismatch,
         rx(R"re(unsupported display driver\s*/\s*cuda driver combination|)re"
            R"re(CUDA_ERROR_SYSTEM_DRIVER_MISMATCH|cudaErrorSystemDriverMismatch)re")},

        {Kind::DriverTooOld, rx(R"re(NVIDIA driver on your system is too old)re"),
         extractDriverTooOld},
        {Kind::DriverTooOld, rx(R"re(driver version is insufficient for CUDA runtime version)re"),
         extractDriverTooOld},
        {Kind::DriverTooOld,
         rx(R"re(cudaErrorInsufficientDriver|CUDA_ERROR_INSUFFICIENT_DRIVER)re"),
         extractDriverTooOld},
        {Kind::DriverTooOld,
         rx(R"re(PTX was compiled with an unsupported toolchain|)re"
            R"re(forward compatibility was attempted on non supported HW)re"),
         extractDriverTooOld},

        {Kind::NoKernelImage, rx(R"re(no kernel image is available for execution)re"),
         extractNoKernelImage},
        {Kind::NoKernelImage,
         rx(R"re(CUDA capability sm_\d+ is not compatible with the current PyTorch)re"),
         extractNoKernelImage},
        {Kind::NoKernelImage,
         rx(R"re(cudaErrorNoKernelImageForDevice|CUDA_ERROR_NO_BINARY_FOR_GPU|)re"
            R"re(CUBLAS_STATUS_ARCH_MISMATCH|CUDA error: invalid device function)re"),
         extractNoKernelImage},

        {Kind::GpuUnavailable,
         rx(R"re(CUDA driver initialization failed|no CUDA-capable device is detected|)re"
            R"re(Found no NVIDIA driver on your system|No CUDA GPUs are available|)re"
            R"re(Torch not compiled with CUDA enabled|CUDA-capable device\(s\) is/are busy or )re"
            R"re(unavailable|libcuda\.so(?:\.\d+)*: cannot open shared object file|)re"
            R"re(CUDA_ERROR_NO_DEVICE|cudaErrorNoDevice\b|Could not find cuda drivers|)re"
            R"re(couldn't communicate with the NVIDIA driver|^No devices were found)re"),
         extractGpuUnavailable},

        {Kind::CudnnMismatch,
         rx(R"re(compiled with CUDNN (\d+(?:\.\d+)*), but CUDNN version in your machine )re"
            R"re(is (\d+(?:\.\d+)*))re"),
         extractCudnn},
        {Kind::CudnnMismatch,
         rx(R"re(Loaded runtime CuDNN library: (\d+(?:\.\d+)*) but source was compiled )re"
            R"re(with: (\d+(?:\.\d+)*))re"),
         extractCudnn},
        {Kind::CudnnMismatch, rx(R"re(cuDNN version incompatibility)re"), extractCudnn},

        // libcuda is the driver itself, reported as GpuUnavailable above; TensorRT's optional
        // libraries are probed and reported missing by every TensorFlow start.
        {Kind::MissingLibrary,
         rx(R"re((lib(?!cuda\.so|nvinfer|nccl-net)[\w+-]*\.so(?:\.\d+)*): )re"
            R"re(cannot open shared object file)re"),
         extractCaptureName},
        {Kind::MissingLibrary,
         rx(R"re(Could not load (?:dynamic )?library '?(lib(?!nvinfer)[\w+-]*\.so(?:\.\d+)*))re"),
         extractCaptureName},

        {Kind::MissingModule, rx(R"re(ModuleNotFoundError: No module named '([\w.]+)')re", false),
         extractModule},
        {Kind::MissingModule, rx(R"re(ImportError: No module named '?([\w.]+))re", false),
         extractModule},
        {Kind::MissingModule,
         rx(R"re(ImportError: cannot import name '(\w+)' from '([\w.]+)')re", false),
         extractModule},

        {Kind::CudaOom, rx(R"re((?:CUDA|HIP) out of memory)re"), extractOom},
        {Kind::CudaOom, rx(R"re(\bOutOfMemoryError\b)re", false), extractOom},
        {Kind::CudaOom,
         rx(R"re(CUDA error: out of memory|CUDA_ERROR_OUT_OF_MEMORY|)re"
            R"re(cudaErrorMemoryAllocation|Cuda failure '?out of memory)re"),
         extractOom},
        {Kind::CudaOom, rx(R"re(CUBLAS_STATUS_ALLOC_FAILED|CUDNN_STATUS_ALLOC_FAILED)re", false),
         extractOom},
        {Kind::CudaOom,
         rx(R"re(Out of memory error on GPU|Cannot allocate [\d.]+\s*[KMGT]?i?B )re"
            R"re(memory on GPU)re"),
         extractOom},
        {Kind::CudaOom, rx(R"re(OOM when allocating tensor)re"), extractOom},
        {Kind::CudaOom,
         rx(R"re(ran out of memory trying to allocate (?![^\n]*not a failure)|)re"
            R"re(RESOURCE_EXHAUSTED: Out of memory)re"),
         extractOom},
        {Kind::CudaOom, rx(R"re(\bResourceExhaustedError\b)re", false), extractOom},

        {Kind::HostOomKilled, rx(R"re(Out of memory: Kill(?:ed)? process)re"), extractKilled},
        {Kind::HostOomKilled, rx(R"re(\boom-kill:|invoked oom-killer|oom_reaper: reaped)re"),
         extractKilled},
        {Kind::HostOomKilled,
         rx(R"re(DataLoader worker \(pid[^)]*\) is killed by signal: Killed)re"), extractKilled},
        {Kind::HostOomKilled,
         rx(R"re((?:^|\r)\s*Killed\s*$|line \d+:\s+\d+ Killed\s|exitcode\s*:\s*-9\b|)re"
            R"re(Signal 9 \(SIGKILL\) received|died with <Signals\.SIGKILL: 9>)re",
            false),
         extractKilled},
        {Kind::HostOomKilled,
         rx(R"re(^\s*MemoryError\b|std::bad_alloc|\[Errno 12\] Cannot allocate memory|)re"
            R"re(_ArrayMemoryError|Unable to allocate [\d.]+ [KMGTP]iB for an array)re",
            false),
         extractKilled},

        {Kind::SharedMemoryExhausted,
         rx(R"re(insufficient shared memory \(shm\)|)re"
            R"re(DataLoader worker \(pid[^)]*\) is killed by signal: Bus error|)re"
            R"re(creating shared[- ]memory segment|/dev/shm[^\n]*No space left|)re"
            R"re(No space left[^\n]*/dev/shm|unable to (?:mmap|write to file)[^\n]*torch_)re")},

        {Kind::DiskFull,
         rx(R"re(^(?![^\n]*(?:/dev/shm|shared memory))[^\n]*(?:No space left on device|)re"
            R"re(\[Errno 28\]|\bENOSPC\b))re"),
         extractDiskFull},
        {Kind::DiskFull,
         rx(R"re(PytorchStreamWriter failed writing file|inline_container\.cc[^\n]*unexpected )re"
            R"re(pos|There is not enough space on the disk|\bStorageFull\b)re"),
         extractDiskFull},
        {Kind::DiskFull, rx(R"re(Disk quota exceeded|\[Errno 122\])re"), extractDiskFull},

        {Kind::IllegalMemoryAccess,
         rx(R"re(illegal memory access was encountered|cudaErrorIllegalAddress|)re"
            R"re(CUDA_ERROR_ILLEGAL_ADDRESS|misaligned address|unspecified launch failure|)re"
            R"re(illegal instruction was encountered)re")},

        // Device-side asserts come from index checks in kernels: a label or token id out of range.
        {Kind::DataError,
         rx(R"re(Assertion `[^`\n]*` failed|device-side assert triggered|)re"
            R"re(Target -?\d+ is out of bounds|index out of range in self|)re"
            R"re(Expected input batch_size \(\d+\) to match target batch_size|)re"
            R"re(cannot identify image file|UnidentifiedImageError|image file is truncated|)re"
            R"re(stack expects each tensor to be equal size|)re"
            R"re(JSONDecodeError|UnicodeDecodeError)re")},
        {Kind::DataError,
         rx(R"re(FileNotFoundError: \[Errno 2\] No such file or directory: '([^']+)')re", false),
         extractPath},

        {Kind::NanLoss, rx(R"re(Loss became infinite or NaN)re"), extractNan},
        {Kind::NanLoss,
         rx(R"re(\b(?:loss(?!_?scale)\w*|grad_norm)['"]?\s*[:=]?\s*)re"
            R"re((?:tensor\()?[-+]?(?:nan|inf)\b)re"),
         extractNan},
        {Kind::NanLoss,
         rx(R"re(returned nan values in its \d+\w* output|(?:loss|gradients?) (?:is|are|became) )re"
            R"re((?:nan|inf|infinite)\b|loss scale already at minimum|)re"
            R"re(Fp16 Grad Scale:?\s*0(?![\d.]))re"),
         extractNan},

        {Kind::CublasFailure,
         rx(R"re(\b(CUBLAS_STATUS_(?!ALLOC_FAILED|ARCH_MISMATCH|SUCCESS)[A-Z_]+))re", false),
         extractCaptureName},
        {Kind::CublasFailure, rx(R"re(\b(CUDNN_STATUS_(?!ALLOC_FAILED|SUCCESS)[A-Z_]+))re", false),
         extractCaptureName},

        {Kind::NcclError, rx(R"re(NCCL error in:)re"), extractNcclError},
        {Kind::NcclError,
         rx(R"re(\bnccl(?:System|Internal|UnhandledCuda|InvalidUsage|InvalidArgument|)re"
            R"re(Remote)Error)re",
            false),
         extractNcclError},
        {Kind::NcclError, rx(R"re(\bDistBackendError\b|NCCL WARN (?!NET/Plugin))re", false),
         extractNcclError},

        {Kind::NcclTimeout,
         rx(R"re(Watchdog caught collective|collective operation timeout|)re"
            R"re(Some NCCL operations have failed or timed out|Heartbeat monitor timed out|)re"
            R"re(watchdog got stuck|DistStoreError[^\n]*Timed out|)re"
            R"re(Timed out initializing process group)re"),
         extractNcclTimeout},

        {Kind::IoError,
         rx(R"re(\[Errno 5\] Input/output error|Read-only file system|\[Errno 30\]|)re"
            R"re(Stale file handle|\[Errno 13\] Permission denied(?:: '([^']+)')?)re"),
         extractPath},

        {Kind::ConfigError,
         rx(R"re(error: (?:unrecognized arguments|the following arguments are required|)re"
            R"re(argument [^\n]*: invalid)|invalid device ordinal|)re"
            R"re(size mismatch for [\w.]+: copying|)re"
            R"re(Error\(s\) in loading state_dict)re")},
        // bash: "run.sh: line 4: python: command not found"; dash: "sh: 1: python: not found".
        {Kind::ConfigError,
         rx(R"re(^(?:\S+: )?(?:line \d+: )?([\w.+-]+): command not found|)re"
            R"re(^\S+: \d+: ([\w.+-]+): not found)re"),
         extractCommand},
        {Kind::ConfigError, rx(R"re(can't open file '([^']+)': \[Errno 2\])re"), extractPath},
    };
    return table;
}

// PaddlePaddle prints the GPU's compute capability and both CUDA versions at start-up instead of
// failing clearly, so a mismatch has to be derived from the numbers.
void matchPaddleVersions(const QString &text, QList<Match> *matches)
{
    static const QRegularExpression line = rx(
        R"re(GPU Compute Capability:\s*(\d+)\.(\d+),\s*Driver API Version:\s*(\d+(?:\.\d+)*),\s*)re"
        R"re(Runtime API Version:\s*(\d+(?:\.\d+)*))re");
    const QRegularExpressionMatch m = line.match(text);
    if (!m.hasMatch())
        return;
    const QVersionNumber driver = QVersionNumber::fromString(m.captured(3));
    const QVersionNumber runtime = QVersionNumber::fromString(m.captured(4));
    const int ccMajor = m.captured(1).toInt();
    const int ccMinor = m.captured(2).toInt();
    Match match;
    match.evidence = lineAround(text, m.capturedStart());
    match.position = m.capturedStart();
    match.facts.framework = Framework::Paddle;
    match.facts.ccMajor = ccMajor;
    match.facts.ccMinor = ccMinor;
    match.facts.neededCuda = runtime;
    match.facts.driverCuda = driver;
    // From CUDA 11 on, a driver runs newer runtimes of its own major (minor-version
    // compatibility), so only a newer major, or any newer release before 11, is too new.
    const bool tooNew =
        runtime.majorVersion() > driver.majorVersion() ||
        (runtime.majorVersion() < 11 && QVersionNumber::compare(runtime, driver) > 0);
    if (tooNew) {
        match.kind = Kind::DriverTooOld;
        matches->append(match);
    }
    const QVersionNumber archMin = minimumCudaForComputeCapability(ccMajor, ccMinor);
    const int lastMajor = lastCudaMajorForComputeCapability(ccMajor, ccMinor);
    if ((!archMin.isNull() && QVersionNumber::compare(runtime, archMin) < 0) ||
        (lastMajor > 0 && runtime.majorVersion() > lastMajor)) {
        match.kind = Kind::NoKernelImage;
        matches->append(match);
    }
}

} // namespace

QList<Match> matchLog(const QString &text)
{
    QList<Match> matches;
    matchPaddleVersions(text, &matches);
    for (const Rule &rule : rules()) {
        const bool taken = std::any_of(matches.cbegin(), matches.cend(),
                                       [&](const Match &m) { return m.kind == rule.kind; });
        if (taken)
            continue;
        const QRegularExpressionMatch m = rule.re.match(text);
        if (!m.hasMatch())
            continue;
        Match match;
        match.kind = rule.kind;
        // A pattern may start with the line break before the text it keys on.
        qsizetype position = m.capturedStart();
        while (position < m.capturedEnd() - 1 &&
               (text.at(position) == u'\r' || text.at(position) == u'\n'))
            ++position;
        match.position = position;
        match.evidence = lineAround(text, position);
        if (rule.extract)
            rule.extract(text, m, &match.facts);
        matches.append(match);
    }
    return matches;
}

} // namespace td::diagnosis
