#include "dist/communicator.h"

#include "backend/ops.h"
#if defined(TRAINDECK_HAVE_CUDA)
#include "backend/cuda/cuda_backend.h"
#endif

#include <string>

namespace td {

Status createCommunicator(const DistSettings &settings, MemoryOps &ops, size_t maxFloats,
                          std::unique_ptr<Communicator> &out)
{
#if defined(TRAINDECK_HAVE_CUDA)
    if (auto *f = dynamic_cast<Ops<float> *>(&ops); f && cudaBackendStream(*f))
        return createNcclCommunicator(settings, *f, out);
#endif
    if (std::string(ops.name()) != "cpu")
        return {ErrorKind::Config,
                std::string("no communicator for the ") + ops.name() + " backend"};
    return createShmCommunicator(settings, maxFloats, out);
}

} // namespace td
