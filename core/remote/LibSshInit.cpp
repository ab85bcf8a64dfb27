#include "core/remote/LibSshInit.h"

#include <libssh/libssh.h>

#include <mutex>

namespace td {

void ensureLibSshInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
}

} // namespace td
