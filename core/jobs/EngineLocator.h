#pragma once

#include <QString>

namespace td {

// Where the bundled traindeck-engine lives: $TRAINDECK_ENGINE, next to the running executable,
// the install prefix's bin, then PATH. Empty when none is found.
QString locateEngine();

} // namespace td
