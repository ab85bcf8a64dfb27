#!/bin/bash
# Usage: bench/upload/run.sh BUILD_DIR [traindeck]
# Uploads one mixed tree (8 x 100 MB + 200 x 1 MB + 10 000 small files, 1 GB) to a loopback
# sshd configured like the test fixture, with TrainDeck's Uploader, scp -r, rsync -a and
# tar | ssh tar -x, then re-syncs the unchanged tree with TrainDeck and rsync. Prints a Markdown
# table (best of BENCH_UPLOAD_ROUNDS rounds, 3 by default). The tree lives under bench/.work/upload
# (gitignored); the remote copies in tmpfs when it has room (see below).
# "traindeck" as second argument times only TrainDeck (a quick loop while tuning); a command in
# $BENCH_UPLOAD_WRAP is put in front of the bench executable (e.g. "perf record -g --").
set -euo pipefail

build=${1:?usage: run.sh BUILD_DIR [traindeck]}
only=${2:-}
build=$(cd "$build" && pwd)
exe="$build/bin/bench_upload"
if [ ! -x "$exe" ]; then
    echo "bench_upload is not built: cmake --build $build --target bench_upload" >&2
    exit 1
fi
for tool in ssh scp ssh-keygen rsync tar /usr/sbin/sshd; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
work="$here/../.work/upload"
mkdir -p "$work"
work=$(cd "$work" && pwd)

# The tree once, plus three copies at most on the remote side at a time: ~4 GB at full size.
free_kb=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
scale=1
if [ "$free_kb" -lt $((5 * 1024 * 1024)) ]; then
    scale=10
    echo "Note: only $((free_kb / 1024)) MB free under $work; the tree is scaled down 10x." >&2
fi
big_mb=$((100 / scale))
mid_count=$((200 / scale))
small_count=$((10000 / scale))

src="$work/tree-$scale"
if [ ! -f "$src/.complete" ]; then
    echo "Creating the test tree in $src ..." >&2
    rm -rf "$src"
    mkdir -p "$src/big" "$src/mid"
    for i in $(seq 1 8); do
        head -c "${big_mb}M" /dev/urandom >"$src/big/shard-$i.bin"
    done
    for i in $(seq 1 "$mid_count"); do
        head -c 1M /dev/urandom >"$src/mid/chunk-$i.bin"
    done
    # Small files of 100 B to 8 KB in 100 folders, like a source tree with labels.
    python3 - "$src" "$small_count" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
for i in range(count):
    d = os.path.join(root, "small", "pkg%02d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "file%05d.txt" % i), "wb") as f:
        f.write(rng.randbytes(rng.randint(100, 8192)))
PY
    touch "$src/.complete"
fi
total_bytes=$(find "$src" -type f ! -name .complete -printf '%s\n' | awk '{ s += $1 } END { print s }')
file_count=$(find "$src" -type f ! -name .complete | wc -l)
# The tools below also upload .complete; it is empty and does not change the figures.

# A loopback sshd exactly like tests/remote/SshdFixture (DESIGN.md, "Test sshd").
ssh_dir=$(mktemp -d "$work/sshd.XXXXXX")
sshd_pid=""
cleanup() {
    if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
    rm -rf "$ssh_dir"
    if [ -n "${remote:-}" ]; then rm -rf "$remote"; fi
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -C traindeck-bench -f "$ssh_dir/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C traindeck-bench -f "$ssh_dir/id_user"
cp "$ssh_dir/id_user.pub" "$ssh_dir/authorized_keys"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$ssh_dir/ssh_host_ed25519_key.pub")" >"$ssh_dir/known_hosts"
cat >"$ssh_dir/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $ssh_dir/ssh_host_ed25519_key
AuthorizedKeysFile $ssh_dir/authorized_keys
PidFile $ssh_dir/sshd.pid
StrictModes no
UsePAM no
MaxStartups 100:30:200
Subsystem sftp internal-sftp
CFG
if [ "$(id -u)" = 0 ]; then mkdir -p /run/sshd; fi
/usr/sbin/sshd -D -f "$ssh_dir/sshd_config" -E "$ssh_dir/sshd.log" </dev/null >/dev/null 2>&1 &
sshd_pid=$!
for _ in $(seq 1 200); do
    grep -q 'Server listening on' "$ssh_dir/sshd.log" 2>/dev/null && break
    sleep 0.05
done
grep -q 'Server listening on' "$ssh_dir/sshd.log" || { cat "$ssh_dir/sshd.log" >&2; exit 1; }

user=$(id -un)
ssh_opts=(-p "$port" -i "$ssh_dir/id_user" -o IdentitiesOnly=yes -o BatchMode=yes
    -o UserKnownHostsFile="$ssh_dir/known_hosts" -o GlobalKnownHostsFile=/dev/null
    -o StrictHostKeyChecking=yes)
ssh_cmd="ssh ${ssh_opts[*]}"
# The remote copies go to memory (tmpfs) when it has room: the figures then compare the tools'
# transfer paths, not how a local file system copes with creating and deleting 10 000 files
# again and again (ext4 without a journal, for one, slows file creation for minutes after mass
# deletion, which penalises whichever tool runs later). BENCH_UPLOAD_REMOTE_ROOT=DIR picks the folder; it must be writable.
remote_root=${BENCH_UPLOAD_REMOTE_ROOT:-}
if [ -z "$remote_root" ]; then
    remote_root=$work
    shm_kb=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
    if [ -n "$shm_kb" ] && [ "$shm_kb" -gt $((3 * total_bytes / 1024 + 512 * 1024)) ]; then
        remote_root=/dev/shm
    fi
fi
remote_root=$(cd "$remote_root" && pwd)
remote=$(mktemp -d "$remote_root/traindeck-bench-remote.XXXXXX")
remote_fs=$(df -PT "$remote" | awk 'NR == 2 { print $2 }')

now() { date +%s.%N; }
# Runs "$@" once with warm caches and a flushed disk, prints the seconds it took.
timed() {
    sync
    local t0 t1
    t0=$(now)
    "$@" >/dev/null || { echo "failed: $*" >&2; return 1; }
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
fresh() { rm -rf "$remote"; mkdir -p "$remote"; sync; }
traindeck() {
    ${BENCH_UPLOAD_WRAP:-} "$exe" --port "$port" --user "$user" --identity "$ssh_dir/id_user" \
        --known-hosts "$ssh_dir/known_hosts" --source "$src" --remote "$remote/traindeck" \
        --state "$remote/traindeck-state"
}
traindeck_no_verify() {
    ${BENCH_UPLOAD_WRAP:-} "$exe" --port "$port" --user "$user" --identity "$ssh_dir/id_user" \
        --known-hosts "$ssh_dir/known_hosts" --source "$src" --remote "$remote/traindeck-nv" \
        --state "$remote/traindeck-nv-state" --no-verify
}
scp_r() { scp -q -r -P "$port" "${ssh_opts[@]:2}" "$src" "$user@127.0.0.1:$remote/scp"; }
rsync_a() { rsync -a -e "$ssh_cmd" "$src/" "$user@127.0.0.1:$remote/rsync/"; }
tar_ssh() {
    tar -C "$src" -cf - . | ssh "${ssh_opts[@]}" "$user@127.0.0.1" \
        "mkdir -p '$remote/tar' && tar -xf - -C '$remote/tar'"
}

# Warm the page cache so that every tool reads the tree from memory.
tar -C "$src" -cf - . | cat >/dev/null

echo "Measuring $file_count files, $((total_bytes / 1000000)) MB, remote copies on $remote_fs ..." >&2
if [ "$only" = traindeck ]; then
    fresh; t_td=$(timed traindeck) || exit 1; echo "TrainDeck: $t_td s" >&2
    t_td_re=$(timed traindeck) || exit 1; echo "TrainDeck re-sync: $t_td_re s" >&2
    exit 0
fi
# Shared machines are noisy: each tool runs in every round (in turn, so that noise spreads over
# all of them) and its best time counts. BENCH_UPLOAD_ROUNDS sets the number of rounds.
rounds=${BENCH_UPLOAD_ROUNDS:-3}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
t_scp="" t_rsync="" t_tar="" t_td="" t_td_nv="" t_rsync_re="" t_td_re=""
for round in $(seq 1 "$rounds"); do
    fresh; t=$(timed scp_r) || exit 1; echo "[$round] scp -r: $t s" >&2; t_scp=$(min "$t_scp" "$t")
    fresh; t=$(timed rsync_a) || exit 1; echo "[$round] rsync -a: $t s" >&2; t_rsync=$(min "$t_rsync" "$t")
    t=$(timed rsync_a) || exit 1; echo "[$round] rsync -a re-sync: $t s" >&2
    t_rsync_re=$(min "$t_rsync_re" "$t")
    fresh; t=$(timed tar_ssh) || exit 1; echo "[$round] tar | ssh tar -x: $t s" >&2; t_tar=$(min "$t_tar" "$t")
    fresh; t=$(timed traindeck_no_verify) || exit 1
    echo "[$round] TrainDeck --no-verify: $t s" >&2; t_td_nv=$(min "$t_td_nv" "$t")
    diff -r -q -x '.traindeck-*' "$src" "$remote/traindeck-nv" >/dev/null ||
        { echo "TrainDeck's copy (--no-verify) differs" >&2; exit 1; }
    fresh; t=$(timed traindeck) || exit 1; echo "[$round] TrainDeck: $t s" >&2; t_td=$(min "$t_td" "$t")
    t=$(timed traindeck) || exit 1; echo "[$round] TrainDeck re-sync: $t s" >&2
    t_td_re=$(min "$t_td_re" "$t")
done
# Checks that TrainDeck's copy is complete before its figures are shown.
diff -r -q -x '.traindeck-*' "$src" "$remote/traindeck" >/dev/null || { echo "TrainDeck's copy differs" >&2; exit 1; }

python3 - "$remote_fs" "$rounds" "$total_bytes" "$t_scp" "$t_rsync" "$t_tar" "$t_td" "$t_td_nv" \
    "$t_rsync_re" "$t_td_re" <<'PY'
import sys
fs, rounds, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
scp, rsync, tar, td, td_nv, rsync_re, td_re = map(float, sys.argv[4:])
def row(name, sec, moved=True):
    mbs = total / sec / 1e6
    if moved:
        print("| %s | %.1f | %.2f | %.2f | %.2f |" % (name, mbs, sec, scp / sec, rsync / sec))
    else:
        print("| %s | - | %.2f | - | %.2f |" % (name, sec, rsync_re / sec))
print("Upload of %.0f MB over loopback ssh into %s, best of %s rounds (higher ratio is better)\n"
      % (total / 1e6, fs, rounds))
print("| tool | MB/s | seconds | vs scp | vs rsync |")
print("|---|---:|---:|---:|---:|")
row("TrainDeck upload (every file hashed again on the remote)", td)
row("TrainDeck upload --no-verify", td_nv)
row("scp -r", scp)
row("rsync -a", rsync)
row("tar \\| ssh tar -x", tar)
row("TrainDeck re-sync, unchanged", td_re, False)
row("rsync -a re-sync, unchanged", rsync_re, False)
PY
