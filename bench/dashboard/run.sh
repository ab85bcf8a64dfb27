#!/bin/sh
# Usage: bench/dashboard/run.sh BUILD_DIR
# Prints a Markdown table of MetricsChart repaint and re-decimation times at 1M points.
set -eu
build=${1:?usage: run.sh BUILD_DIR}
exe="$build/bin/bench_dashboard"
if [ ! -x "$exe" ]; then
    echo "bench_dashboard is not built: cmake --build $build --target bench_dashboard" >&2
    exit 1
fi
QT_QPA_PLATFORM=offscreen exec "$exe"
