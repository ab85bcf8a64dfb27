// `evaluate` and `export`: commands that load a saved model.
#pragma once

namespace td {

int runEvaluateCommand(int argc, char **argv);
int runExportCommand(int argc, char **argv);

} // namespace td
