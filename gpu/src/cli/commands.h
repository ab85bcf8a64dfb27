// Entry point of the traindeck-engine command line (see DESIGN.md, engine command line).
#pragma once

namespace td {

int runEngineCommand(int argc, char **argv);

} // namespace td
