#include "core/remote/RemoteVerify.h"

#include "core/remote/RemoteTr.h"
#include "core/remote/ShellQuote.h"

#include <algorithm>

namespace td {

namespace {

// A sha256sum check line; names with a backslash or a newline use GNU's escaped form.
QByteArray checkLine(const QByteArray &sha, const QByteArray &path)
{
    if (!path.contains('\\') && !path.contains('\n'))
        return sha + "  " + path + '\n';
    QByteArray escaped = path;
    escaped.replace('\\', "\\\\").replace('\n', "\\n");
    return '\\' + sha + "  " + escaped + '\n';
}

// Python's hashlib uses the CPU's SHA extensions through OpenSSL (several times faster than
// coreutils' sha256sum on Debian and Ubuntu) and hashes in parallel threads. Constant text with
// no single quote: it travels in a single-quoted shell word. It reads check files in
// sha256sum's format and exits 3 listing the files that differ.
constexpr char kVerifyPython[] = R"PY(import hashlib, os, sys
from concurrent.futures import ThreadPoolExecutor
def unescape(b):
    out, i = bytearray(), 0
    while i < len(b):
        if b[i] == 92 and i + 1 < len(b):
            out.append(10 if b[i + 1] == 110 else b[i + 1])
            i += 2
        else:
            out.append(b[i])
            i += 1
    return bytes(out)
items = []
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        for line in f.read().split(b"\n"):
            if not line:
                continue
            escaped = line[:1] == b"\\"
            if escaped:
                line = line[1:]
            items.append((line[:64].decode(), unescape(line[66:]) if escaped else line[66:]))
def differs(item):
    h = hashlib.sha256()
    try:
        with open(item[1], "rb", buffering=0) as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                h.update(b)
    except OSError:
        return True
    return h.hexdigest() != item[0]
with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
    bad = [it[1] for it, d in zip(items, pool.map(differs, items)) if d]
for path in bad:
    sys.stderr.write(path.decode("utf-8", "backslashreplace") + ": FAILED\n")
sys.exit(3 if bad else 0)
)PY";

} // namespace

QByteArray sha256VerifyScript(const QList<VerifyItem> &items, const QByteArray &scratchPrefix)
{
    if (items.isEmpty())
        return {};
    // Small files go to sha256sum (a process per lane, no per-file start-up cost), large ones
    // to Python's hashlib when the machine has it (several times faster per byte); each class
    // is split into lanes of about equal bytes that run in parallel.
    constexpr int kLanes = 4; // enough to use a few cores, few enough for any machine
    constexpr qint64 kLarge = 1 << 20;
    QList<const VerifyItem *> bySize;
    for (const VerifyItem &item : items)
        bySize << &item;
    std::sort(bySize.begin(), bySize.end(),
              [](const VerifyItem *a, const VerifyItem *b) { return a->size > b->size; });
    QByteArray lists[2][kLanes]; // [large?][lane]
    qint64 load[2][kLanes] = {};
    for (const VerifyItem *item : bySize) {
        const int large = item->size >= kLarge ? 1 : 0;
        const int lane = int(std::min_element(load[large], load[large] + kLanes) - load[large]);
        load[large][lane] += item->size + 4096; // a file costs an open and a read at least
        lists[large][lane] += checkLine(item->sha256, item->path);
    }
    // The check files travel in quoted here-documents whose delimiter cannot occur in a line
    // (every line starts with a hash or a backslash); the rest is constant text.
    QByteArray script = "TD_VERIFY=" + shellQuote(scratchPrefix) + '\n';
    for (int large = 0; large < 2; ++large) {
        for (int i = 0; i < kLanes; ++i) {
            if (!lists[large][i].isEmpty())
                script += "cat >\"$TD_VERIFY\"." + QByteArray(large ? "b" : "s") +
                          QByteArray::number(i) + " <<'TRAINDECK_VERIFY_END'\n" + lists[large][i] +
                          "TRAINDECK_VERIFY_END\n";
        }
    }
    script += "TD_PY='" + QByteArray(kVerifyPython) + "'\n";
    script += R"SH(set +e
status=0
lanes=''
for list in "$TD_VERIFY".s[0-9]; do
    [ -e "$list" ] || continue
    sha256sum --quiet --strict -c "$list" >"$list.out" 2>&1 &
    lanes="$lanes $!"
done
if [ -e "$TD_VERIFY.b0" ]; then
    if python3 -c 'import hashlib, concurrent.futures' >/dev/null 2>&1; then
        python3 -c "$TD_PY" "$TD_VERIFY".b[0-9] >"$TD_VERIFY.py.out" 2>&1
        py=$?
        if [ $py -eq 3 ]; then status=3; elif [ $py -ne 0 ]; then status=4; fi
    else
        for list in "$TD_VERIFY".b[0-9]; do
            sha256sum --quiet --strict -c "$list" >"$list.out" 2>&1 &
            lanes="$lanes $!"
        done
    fi
fi
for p in $lanes; do wait "$p" || status=3; done
if [ $status -ne 0 ]; then cat "$TD_VERIFY".*.out >&2; fi
rm -f "$TD_VERIFY".s[0-9] "$TD_VERIFY".b[0-9] "$TD_VERIFY".*.out
[ $status -eq 0 ] || exit $status
set -e
)SH";
    return script;
}

// The verify script's result as an error: exit 3 lists the files that differ.
SshError verifyScriptFailure(int exitStatus, const QByteArray &stdErr)
{
    if (exitStatus == 0)
        return {};
    if (exitStatus == 3) {
        const QByteArray failed = stdErr.trimmed();
        const int count = int(failed.count('\n')) + 1;
        return SshError::make(
            SshErrorKind::RemoteCommandFailed,
            RemoteTr::tr("%n file(s) arrived different from what was sent (SHA-256 check on the "
                         "machine); nothing was replaced. Upload again to resend them.\n%1",
                         nullptr, count)
                .arg(QString::fromUtf8(failed.left(2000))));
    }
    if (exitStatus == 4)
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              RemoteTr::tr("Could not check the uploaded files on the machine: %1")
                                  .arg(QString::fromUtf8(stdErr.trimmed().left(2000))));
    return {};
}

} // namespace td
