#!/usr/bin/env bash
# Usage: bench/engine/run.sh BUILD_DIR [bench_engine.py options]
# traindeck-engine against PyTorch CPU on Fashion-MNIST; prints a Markdown fragment.
# PyTorch comes from a virtual environment under bench/.work/ (CPU wheels from
# download.pytorch.org), else from the system's /usr/bin/python3 (Debian's python3-torch);
# without either the PyTorch rows read "PyTorch unavailable".
set -euo pipefail

build=${1:?usage: run.sh BUILD_DIR [options]}
shift
build=$(cd "$build" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
engine=""
for candidate in "$build/bin/traindeck-engine" "$build/traindeck-engine" "$build/gpu/traindeck-engine"; do
    if [ -x "$candidate" ]; then engine=$candidate; break; fi
done
[ -n "$engine" ] || { echo "traindeck-engine is not built in $build" >&2; exit 1; }

work="$here/../.work/engine"
mkdir -p "$work"
venv="$work/venv"
has_torch() { "$1" -c 'import torch' >/dev/null 2>&1; }

torch_python=""
if [ -x "$venv/bin/python" ] && has_torch "$venv/bin/python"; then
    torch_python="$venv/bin/python"
else
    echo "setting up PyTorch (CPU) in $venv" >&2
    if python3 -m venv "$venv" >&2 &&
        "$venv/bin/python" -m pip install --quiet --upgrade pip >&2 &&
        "$venv/bin/python" -m pip install --quiet --retries 1 --timeout 20 torch \
            --index-url https://download.pytorch.org/whl/cpu >&2 &&
        has_torch "$venv/bin/python"; then
        torch_python="$venv/bin/python"
    elif [ -x /usr/bin/python3 ] && has_torch /usr/bin/python3; then
        torch_python=/usr/bin/python3
    else
        echo "PyTorch unavailable: the PyTorch rows will say so" >&2
    fi
fi

args=("$engine" "$@")
[ -n "$torch_python" ] && args+=(--torch-python "$torch_python")
exec python3 "$here/bench_engine.py" "${args[@]}"
