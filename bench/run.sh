#!/usr/bin/env bash
# Usage: bench/run.sh BUILD_DIR [engine options, e.g. --threads 2 --models cnn]
# Runs every benchmark present and writes bench/RESULTS.md: machine facts, then each
# benchmark's Markdown table. Each benchmark is bench/<name>/run.sh BUILD_DIR, printing its
# table on stdout; a benchmark that fails gets its error in its section and the others still
# run (the exit status is then non-zero).
set -uo pipefail

build=${1:?usage: run.sh BUILD_DIR [engine options]}
shift
build=$(cd "$build" && pwd) || exit 1
here=$(cd "$(dirname "$0")" && pwd)
results="$here/RESULTS.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
os=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -sr)
openblas=$(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo unknown)

# name | title | extra arguments
benchmarks=(
    "engine|Training engine vs PyTorch (CPU)|$*"
    "upload|Upload to a loopback SSH host|"
    "dashboard|Dashboard charts|"
)

failed=0
sections=()
for entry in "${benchmarks[@]}"; do
    IFS='|' read -r name title extra <<<"$entry"
    script="$here/$name/run.sh"
    [ -x "$script" ] || continue
    echo "[bench] $name" >&2
    start=$(date +%s)
    # shellcheck disable=SC2086 # extra holds separate options
    if "$script" "$build" $extra >"$tmp/$name.md" 2>"$tmp/$name.err"; then
        status=""
    else
        failed=1
        status="**Failed** (exit $?): $(tail -n 5 "$tmp/$name.err" | tr '\n' ' ')"
    fi
    took=$(($(date +%s) - start))
    {
        # A benchmark that prints its own heading keeps it.
        if ! head -n 1 "$tmp/$name.md" | grep -q '^#'; then
            echo "## $title"
            echo
        fi
        [ -n "$status" ] && { echo "$status"; echo; }
        cat "$tmp/$name.md"
        echo
        echo "_bench/$name/run.sh, ${took} s._"
        echo
    } >"$tmp/$name.section"
    sections+=("$tmp/$name.section")
done

{
    echo "# Benchmark results"
    echo
    echo "Written by \`./tdk bench\` (bench/run.sh). Timings depend on the machine and on what"
    echo "else runs on it; compare rows taken in the same run."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| CPU | $cpu_model |"
    echo "| Cores | $cores |"
    echo "| Memory | $mem |"
    echo "| System | $os |"
    echo "| OpenBLAS | $openblas |"
    echo "| Date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo
    for s in "${sections[@]}"; do cat "$s"; done
} >"$results"
echo "[bench] wrote $results" >&2
exit $failed
