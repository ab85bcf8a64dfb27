#include "backend/cuda/cudnn_runtime.h"

#include <dlfcn.h>

#include <cstdlib>
#include <vector>

// Where cudnn.h exists at build time, check the hand-written ABI below against it. The legacy
// API is marked deprecated in cuDNN 9; these checks only read its types.
#if defined(__has_include)
#if __has_include(<cudnn.h>)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <cudnn.h>
#define TD_HAVE_CUDNN_HEADER 1
#endif
#endif

namespace td {

namespace {

// cuDNN 8/9 ABI values (cudnn_graph.h, cudnn_ops.h, cudnn_cnn.h).
constexpr int kDataFloat = 0;
constexpr int kTensorNchw = 0;
constexpr int kTensorNhwc = 1;
constexpr int kCrossCorrelation = 1;
constexpr int kDefaultMath = 0;
constexpr int kTensorOpMathAllowConversion = 2;
constexpr int kFmaMath = 3;
constexpr int kBatchNormSpatial = 1;
constexpr int kDeterministic = 1;
constexpr double kBnMinEpsilonV8 = 1e-5;
constexpr size_t kWorkspaceLimit = size_t(512) << 20;

struct AlgoPerf
{
    int algo;
    int status;
    float time;
    size_t memory;
    int determinism;
    int mathType;
    int reserved[3];
};

#if defined(TD_HAVE_CUDNN_HEADER)
static_assert(sizeof(AlgoPerf) == sizeof(cudnnConvolutionFwdAlgoPerf_t), "perf struct");
static_assert(sizeof(AlgoPerf) == sizeof(cudnnConvolutionBwdDataAlgoPerf_t), "perf struct");
static_assert(sizeof(AlgoPerf) == sizeof(cudnnConvolutionBwdFilterAlgoPerf_t), "perf struct");
static_assert(kDataFloat == CUDNN_DATA_FLOAT && kTensorNhwc == CUDNN_TENSOR_NHWC &&
                  kTensorNchw == CUDNN_TENSOR_NCHW && kCrossCorrelation == CUDNN_CROSS_CORRELATION,
              "cuDNN enums");
static_assert(kDefaultMath == CUDNN_DEFAULT_MATH && kFmaMath == CUDNN_FMA_MATH &&
                  kTensorOpMathAllowConversion == CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION,
              "cuDNN math types");
static_assert(kBatchNormSpatial == CUDNN_BATCHNORM_SPATIAL && kDeterministic == CUDNN_DETERMINISTIC,
              "cuDNN enums");
#pragma GCC diagnostic pop
#endif

} // namespace

struct CudnnApi
{
    using H = void *;
    size_t (*getVersion)();
    const char *(*errorString)(int);
    int (*create)(H *);
    int (*destroy)(H);
    int (*setStream)(H, cudaStream_t);
    int (*createTensor)(H *);
    int (*destroyTensor)(H);
    int (*setTensor4d)(H, int, int, int, int, int, int);
    int (*createFilter)(H *);
    int (*destroyFilter)(H);
    int (*setFilter4d)(H, int, int, int, int, int, int);
    int (*createConv)(H *);
    int (*destroyConv)(H);
    int (*setConv2d)(H, int, int, int, int, int, int, int, int);
    int (*setConvMath)(H, int);
    int (*fwdAlgos)(H, H, H, H, H, int, int *, AlgoPerf *);
    int (*fwdWorkspace)(H, H, H, H, H, int, size_t *);
    int (*fwd)(H, const void *, H, const void *, H, const void *, H, int, void *, size_t,
               const void *, H, void *);
    int (*bwdDataAlgos)(H, H, H, H, H, int, int *, AlgoPerf *);
    int (*bwdDataWorkspace)(H, H, H, H, H, int, size_t *);
    int (*bwdData)(H, const void *, H, const void *, H, const void *, H, int, void *, size_t,
                   const void *, H, void *);
    int (*bwdFilterAlgos)(H, H, H, H, H, int, int *, AlgoPerf *);
    int (*bwdFilterWorkspace)(H, H, H, H, H, int, size_t *);
    int (*bwdFilter)(H, const void *, H, const void *, H, const void *, H, int, void *, size_t,
                     const void *, H, void *);
    int (*bnTrain)(H, int, const void *, const void *, H, const void *, H, void *, H, const void *,
                   const void *, double, void *, void *, double, void *, void *);
    int (*bnInfer)(H, int, const void *, const void *, H, const void *, H, void *, H, const void *,
                   const void *, const void *, const void *, double);
    int (*bnBackward)(H, int, const void *, const void *, const void *, const void *, H,
                      const void *, H, const void *, H, void *, H, const void *, void *, void *,
                      double, const void *, const void *);
    size_t version = 0;

    bool load(std::string &why)
    {
        void *lib = nullptr;
        for (const char *name : {"libcudnn.so.9", "libcudnn.so.8"})
            if ((lib = dlopen(name, RTLD_NOW | RTLD_LOCAL)))
                break;
        if (!lib) {
            why = "libcudnn.so.9/.8 not found";
            return false;
        }
        bool ok = true;
        auto get = [&](auto &fn, const char *sym) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, sym));
            if (!fn) {
                ok = false;
                why = std::string("cuDNN lacks ") + sym;
            }
        };
        get(getVersion, "cudnnGetVersion");
        get(errorString, "cudnnGetErrorString");
        get(create, "cudnnCreate");
        get(destroy, "cudnnDestroy");
        get(setStream, "cudnnSetStream");
        get(createTensor, "cudnnCreateTensorDescriptor");
        get(destroyTensor, "cudnnDestroyTensorDescriptor");
        get(setTensor4d, "cudnnSetTensor4dDescriptor");
        get(createFilter, "cudnnCreateFilterDescriptor");
        get(destroyFilter, "cudnnDestroyFilterDescriptor");
        get(setFilter4d, "cudnnSetFilter4dDescriptor");
        get(createConv, "cudnnCreateConvolutionDescriptor");
        get(destroyConv, "cudnnDestroyConvolutionDescriptor");
        get(setConv2d, "cudnnSetConvolution2dDescriptor");
        get(setConvMath, "cudnnSetConvolutionMathType");
        get(fwdAlgos, "cudnnGetConvolutionForwardAlgorithm_v7");
        get(fwdWorkspace, "cudnnGetConvolutionForwardWorkspaceSize");
        get(fwd, "cudnnConvolutionForward");
        get(bwdDataAlgos, "cudnnGetConvolutionBackwardDataAlgorithm_v7");
        get(bwdDataWorkspace, "cudnnGetConvolutionBackwardDataWorkspaceSize");
        get(bwdData, "cudnnConvolutionBackwardData");
        get(bwdFilterAlgos, "cudnnGetConvolutionBackwardFilterAlgorithm_v7");
        get(bwdFilterWorkspace, "cudnnGetConvolutionBackwardFilterWorkspaceSize");
        get(bwdFilter, "cudnnConvolutionBackwardFilter");
        get(bnTrain, "cudnnBatchNormalizationForwardTraining");
        get(bnInfer, "cudnnBatchNormalizationForwardInference");
        get(bnBackward, "cudnnBatchNormalizationBackward");
        if (!ok)
            return false; // keep the library loaded: its sub-libraries may hold state
        version = getVersion();
        if (version < 8000) {
            why = "cuDNN " + std::to_string(version) + " is older than 8.0";
            return false;
        }
        return true;
    }
};

namespace {

Status cudnnStatus(const CudnnApi *api, int rc, const char *expr, const char *file, int line)
{
    if (rc == 0)
        return Status::ok();
    // CUDNN_STATUS_ALLOC_FAILED is 2 in cuDNN 8 and 2000 in cuDNN 9.
    const ErrorKind kind = rc == 2 || rc == 2000 ? ErrorKind::Oom : ErrorKind::CudaDriver;
    return {kind, std::string(expr) + " failed: " + api->errorString(rc) + " (cuDNN status " +
                      std::to_string(rc) + ", " + file + ":" + std::to_string(line) + ")"};
}

#define TD_CUDNN_CHECK(expr)                                                                       \
    TD_RETURN_IF_ERROR(cudnnStatus(m_api, (expr), #expr, __FILE__, __LINE__))

// The first deterministic algorithm cuDNN's heuristics rank highest whose workspace fits: a
// fixed choice per shape keeps runs and resumes reproducible on one GPU.
int pickAlgo(const AlgoPerf *perf, int count)
{
    for (int i = 0; i < count; ++i)
        if (perf[i].status == 0 && perf[i].determinism == kDeterministic &&
            perf[i].memory <= kWorkspaceLimit)
            return perf[i].algo;
    return -1;
}

} // namespace

struct CudnnContext::ConvPlan
{
    const CudnnApi *api = nullptr;
    void *x = nullptr, *y = nullptr, *w = nullptr, *conv = nullptr;
    int fwdAlgo = -1, bwdDataAlgo = -1, bwdFilterAlgo = -1;
    size_t fwdBytes = 0, bwdDataBytes = 0, bwdFilterBytes = 0;
    ~ConvPlan()
    {
        if (x)
            api->destroyTensor(x);
        if (y)
            api->destroyTensor(y);
        if (w)
            api->destroyFilter(w);
        if (conv)
            api->destroyConv(conv);
    }
};

void CudnnContext::create(cudaStream_t stream, std::unique_ptr<CudnnContext> &out, std::string &why)
{
    out.reset();
    const char *env = std::getenv("TRAINDECK_CUDNN");
    if (env && std::string(env) == "0") {
        why = "disabled by TRAINDECK_CUDNN=0";
        return;
    }
    static CudnnApi api;
    static std::string loadError;
    static const bool loaded = api.load(loadError);
    if (!loaded) {
        why = loadError;
        return;
    }
    void *handle = nullptr;
    if (api.create(&handle) != 0) {
        why = "cudnnCreate failed";
        return;
    }
    if (api.setStream(handle, stream) != 0) {
        api.destroy(handle);
        why = "cudnnSetStream failed";
        return;
    }
    std::unique_ptr<CudnnContext> ctx(new CudnnContext);
    ctx->m_api = &api;
    ctx->m_handle = handle;
    out = std::move(ctx);
}

CudnnContext::~CudnnContext()
{
    m_plans.clear();
    if (m_bnData)
        m_api->destroyTensor(m_bnData);
    if (m_bnParam)
        m_api->destroyTensor(m_bnParam);
    cudaFree(m_workspace);
    if (m_handle)
        m_api->destroy(m_handle);
}

void CudnnContext::setPrecision(Precision p)
{
    const int math = p == Precision::Fp32   ? kFmaMath
                     : p == Precision::Fp16 ? kTensorOpMathAllowConversion
                                            : kDefaultMath;
    if (math != m_mathType) {
        m_mathType = math;
        m_plans.clear(); // algorithms were chosen for the old math mode
    }
}

Status CudnnContext::workspace(size_t bytes, void **out)
{
    if (bytes > m_workspaceSize) {
        cudaFree(m_workspace);
        m_workspace = nullptr;
        m_workspaceSize = 0;
        const cudaError_t rc = cudaMalloc(&m_workspace, bytes);
        if (rc != cudaSuccess)
            return {rc == cudaErrorMemoryAllocation ? ErrorKind::Oom : ErrorKind::CudaDriver,
                    std::string("cudaMalloc(cuDNN workspace) failed: ") + cudaGetErrorString(rc)};
        m_workspaceSize = bytes;
    }
    *out = m_workspace;
    return Status::ok();
}

Status CudnnContext::plan(const ConvGeometry &g, int oc, ConvPlan **out)
{
    const ConvKey key{g.batch,   g.height,  g.width,   g.channels, oc,     g.kernelH,
                      g.kernelW, g.strideH, g.strideW, g.padH,     g.padW, m_mathType};
    auto it = m_plans.find(key);
    if (it != m_plans.end()) {
        *out = it->second.get();
        return Status::ok();
    }
    auto p = std::make_unique<ConvPlan>();
    p->api = m_api;
    TD_CUDNN_CHECK(m_api->createTensor(&p->x));
    TD_CUDNN_CHECK(m_api->createTensor(&p->y));
    TD_CUDNN_CHECK(m_api->createFilter(&p->w));
    TD_CUDNN_CHECK(m_api->createConv(&p->conv));
    TD_CUDNN_CHECK(
        m_api->setTensor4d(p->x, kTensorNhwc, kDataFloat, g.batch, g.channels, g.height, g.width));
    TD_CUDNN_CHECK(m_api->setTensor4d(p->y, kTensorNhwc, kDataFloat, g.batch, oc, g.outH, g.outW));
    // Weight [oc, kh, kw, c] is the NHWC filter layout (K, R, S, C).
    TD_CUDNN_CHECK(
        m_api->setFilter4d(p->w, kDataFloat, kTensorNhwc, oc, g.channels, g.kernelH, g.kernelW));
    TD_CUDNN_CHECK(m_api->setConv2d(p->conv, g.padH, g.padW, g.strideH, g.strideW, 1, 1,
                                    kCrossCorrelation, kDataFloat));
    TD_CUDNN_CHECK(m_api->setConvMath(p->conv, m_mathType));
    constexpr int kMaxAlgos = 16;
    AlgoPerf perf[kMaxAlgos] = {};
    int n = 0;
    TD_CUDNN_CHECK(m_api->fwdAlgos(m_handle, p->x, p->w, p->conv, p->y, kMaxAlgos, &n, perf));
    p->fwdAlgo = pickAlgo(perf, n);
    TD_CUDNN_CHECK(m_api->bwdDataAlgos(m_handle, p->w, p->y, p->conv, p->x, kMaxAlgos, &n, perf));
    p->bwdDataAlgo = pickAlgo(perf, n);
    TD_CUDNN_CHECK(m_api->bwdFilterAlgos(m_handle, p->x, p->y, p->conv, p->w, kMaxAlgos, &n, perf));
    p->bwdFilterAlgo = pickAlgo(perf, n);
    if (p->fwdAlgo < 0 || p->bwdDataAlgo < 0 || p->bwdFilterAlgo < 0)
        return {ErrorKind::CudaDriver,
                "cuDNN offers no deterministic convolution algorithm for this layer; run with "
                "TRAINDECK_CUDNN=0 to use the built-in path"};
    TD_CUDNN_CHECK(
        m_api->fwdWorkspace(m_handle, p->x, p->w, p->conv, p->y, p->fwdAlgo, &p->fwdBytes));
    TD_CUDNN_CHECK(m_api->bwdDataWorkspace(m_handle, p->w, p->y, p->conv, p->x, p->bwdDataAlgo,
                                           &p->bwdDataBytes));
    TD_CUDNN_CHECK(m_api->bwdFilterWorkspace(m_handle, p->x, p->y, p->conv, p->w, p->bwdFilterAlgo,
                                             &p->bwdFilterBytes));
    *out = p.get();
    m_plans.emplace(key, std::move(p));
    return Status::ok();
}

Status CudnnContext::convForward(const float *x, const ConvGeometry &g, int oc, const float *w,
                                 float *y)
{
    ConvPlan *p = nullptr;
    TD_RETURN_IF_ERROR(plan(g, oc, &p));
    void *ws = nullptr;
    TD_RETURN_IF_ERROR(workspace(p->fwdBytes, &ws));
    const float one = 1, zero = 0;
    TD_CUDNN_CHECK(m_api->fwd(m_handle, &one, p->x, x, p->w, w, p->conv, p->fwdAlgo, ws,
                              p->fwdBytes, &zero, p->y, y));
    return Status::ok();
}

Status CudnnContext::convBackwardFilter(const float *x, const float *dy, const ConvGeometry &g,
                                        int oc, float *dw)
{
    ConvPlan *p = nullptr;
    TD_RETURN_IF_ERROR(plan(g, oc, &p));
    void *ws = nullptr;
    TD_RETURN_IF_ERROR(workspace(p->bwdFilterBytes, &ws));
    const float one = 1; // beta 1: accumulate into the gradient like the GEMM path
    TD_CUDNN_CHECK(m_api->bwdFilter(m_handle, &one, p->x, x, p->y, dy, p->conv, p->bwdFilterAlgo,
                                    ws, p->bwdFilterBytes, &one, p->w, dw));
    return Status::ok();
}

Status CudnnContext::convBackwardData(const float *dy, const ConvGeometry &g, int oc,
                                      const float *w, float *dx)
{
    ConvPlan *p = nullptr;
    TD_RETURN_IF_ERROR(plan(g, oc, &p));
    void *ws = nullptr;
    TD_RETURN_IF_ERROR(workspace(p->bwdDataBytes, &ws));
    const float one = 1, zero = 0;
    TD_CUDNN_CHECK(m_api->bwdData(m_handle, &one, p->w, w, p->y, dy, p->conv, p->bwdDataAlgo, ws,
                                  p->bwdDataBytes, &zero, p->x, dx));
    return Status::ok();
}

bool CudnnContext::batchNormSupported(int64_t rows, float eps) const
{
    const double minEps = m_api->version >= 9000 ? 0.0 : kBnMinEpsilonV8;
    return rows > 0 && rows < (int64_t(1) << 31) && double(eps) >= minEps;
}

Status CudnnContext::bnDescriptors(int64_t rows, int channels)
{
    if (!m_bnData) {
        TD_CUDNN_CHECK(m_api->createTensor(&m_bnData));
        TD_CUDNN_CHECK(m_api->createTensor(&m_bnParam));
    }
    if (rows != m_bnRows || channels != m_bnChannels) {
        TD_CUDNN_CHECK(
            m_api->setTensor4d(m_bnData, kTensorNhwc, kDataFloat, int(rows), channels, 1, 1));
        TD_CUDNN_CHECK(m_api->setTensor4d(m_bnParam, kTensorNchw, kDataFloat, 1, channels, 1, 1));
        m_bnRows = rows;
        m_bnChannels = channels;
    }
    return Status::ok();
}

Status CudnnContext::batchNormForwardTrain(const float *x, int64_t rows, int channels,
                                           const float *gamma, const float *beta, float eps,
                                           float momentum, float *runningMean, float *runningVar,
                                           float *saveMean, float *saveInvStd, float *y)
{
    TD_RETURN_IF_ERROR(bnDescriptors(rows, channels));
    m_bnEps = eps;
    const float one = 1, zero = 0;
    // cuDNN's exponential average factor is PyTorch's momentum; its running variance is the
    // unbiased one, as in the built-in kernels.
    TD_CUDNN_CHECK(m_api->bnTrain(m_handle, kBatchNormSpatial, &one, &zero, m_bnData, x, m_bnData,
                                  y, m_bnParam, gamma, beta, double(momentum), runningMean,
                                  runningVar, double(eps), saveMean, saveInvStd));
    return Status::ok();
}

Status CudnnContext::batchNormForwardInfer(const float *x, int64_t rows, int channels,
                                           const float *gamma, const float *beta, float eps,
                                           const float *runningMean, const float *runningVar,
                                           float *y)
{
    TD_RETURN_IF_ERROR(bnDescriptors(rows, channels));
    const float one = 1, zero = 0;
    TD_CUDNN_CHECK(m_api->bnInfer(m_handle, kBatchNormSpatial, &one, &zero, m_bnData, x, m_bnData,
                                  y, m_bnParam, gamma, beta, runningMean, runningVar, double(eps)));
    return Status::ok();
}

Status CudnnContext::batchNormBackward(const float *dy, const float *x, int64_t rows, int channels,
                                       const float *gamma, const float *saveMean,
                                       const float *saveInvStd, float *dx, float *dgamma,
                                       float *dbeta)
{
    TD_RETURN_IF_ERROR(bnDescriptors(rows, channels));
    const float one = 1, zero = 0;
    // Data gradient overwritten (beta 0), parameter gradients accumulated (beta 1); eps must be
    // the forward pass's.
    TD_CUDNN_CHECK(m_api->bnBackward(m_handle, kBatchNormSpatial, &one, &zero, &one, &one, m_bnData,
                                     x, m_bnData, dy, m_bnData, dx, m_bnParam, gamma, dgamma, dbeta,
                                     double(m_bnEps), saveMean, saveInvStd));
    return Status::ok();
}

} // namespace td
