// `train --gpus N`: one process per rank. The launcher re-runs the same command line N times
// with TRAINDECK_RANK / TRAINDECK_WORLD_SIZE / TRAINDECK_LOCAL_RANK / TRAINDECK_DIST_ID set,
// forwards SIGTERM/SIGINT, and ends the rest when one rank fails.
#pragma once

#include "cli/arg_parser.h"
#include "dist/communicator.h"
#include "train/metrics_writer.h"

namespace td {

// Rank settings of this process from --rank/--world-size/--local-rank/--dist-id or, failing
// those, the TRAINDECK_* variables. *isRank is false when neither names a world size.
Status distFromArguments(const ParsedArgs &args, DistSettings &out, bool *isRank);

// Starts `world` ranks of this executable with argv and waits for them. Returns the exit code
// for the whole run: rank 0's, or the first failing rank's when rank 0 did not fail itself.
int launchRanks(char **argv, int world, const std::string &outDir, MetricsWriter &metrics);

} // namespace td
