#pragma once

namespace td {

// libssh wants ssh_init() exactly once per process before any session exists, and its crypto
// back end must not be initialised from two threads at the same time.
void ensureLibSshInitialized();

} // namespace td
