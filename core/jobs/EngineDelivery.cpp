#include "core/jobs/EngineDelivery.h"

#include "core/remote/ShellQuote.h"
#include "core/remote/SshExecChannel.h"
#include "core/remote/SshSession.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace td {

namespace {

// $1 = remote root, $2 = hash directory name. Prints the absolute engine path, and "present"
// when a verified copy is already there.
constexpr char kLocate[] = R"SH(case $1 in
  "~") root=$HOME ;;
  "~/"*) root="$HOME/${1#"~/"}" ;;
  *) root=$1 ;;
esac
dir="$root/engine/$2"
echo "$dir/traindeck-engine"
[ -x "$dir/traindeck-engine" ] && echo present
exit 0
)SH";

// $1 = target path, $2 = expected sha256; the binary arrives on stdin and is only renamed into
// place once its hash matches.
constexpr char kReceive[] = R"SH(set -e
umask 077
mkdir -p "$(dirname "$1")"
tmp="$1.part.$$"
cat > "$tmp"
got=$(sha256sum "$tmp" | cut -d' ' -f1)
if [ "$got" != "$2" ]; then rm -f "$tmp"; echo "hash mismatch: $got" >&2; exit 9; fi
chmod 700 "$tmp"
mv -f "$tmp" "$1"
)SH";

QString tr(const char *text)
{
    return QCoreApplication::translate("td::EngineDelivery", text);
}

} // namespace

QString EngineDelivery::explainStartFailure(const QString &output)
{
    static const QRegularExpression glibc(QStringLiteral("GLIBC_(\\d+\\.\\d+)' not found"));
    static const QRegularExpression lib(QStringLiteral("error while loading shared libraries: ([^:\\s]+)"));
    if (const auto m = glibc.match(output); m.hasMatch())
        return tr("The bundled engine needs glibc %1 or newer, which this machine's system lacks. "
                  "Choose a newer system image (Ubuntu 22.04 or later) or build the engine there "
                  "from source.")
            .arg(m.captured(1));
    if (const auto m = lib.match(output); m.hasMatch()) {
        const QString name = m.captured(1);
        QString remedy;
        if (name.contains(QLatin1String("openblas")))
            remedy = QStringLiteral("apt install libopenblas0-pthread");
        else if (name.contains(QLatin1String("cublas")))
            remedy = tr("install the CUDA toolkit's cuBLAS or a PyTorch CUDA build (it ships cuBLAS)");
        else
            remedy = tr("install the package that provides it");
        return tr("The engine cannot start: the library %1 is missing on this machine (%2).")
            .arg(name, remedy);
    }
    if (output.contains(QLatin1String("Exec format error")) ||
        output.contains(QLatin1String("cannot execute binary file")))
        return tr("The bundled engine was built for another CPU architecture than this machine's.");
    return tr("The engine could not run on this machine: %1").arg(output.trimmed().left(400));
}

SshError EngineDelivery::deliver(SshSession &session, const QString &remoteRoot,
                                 const QString &localEngine, EngineDeliveryResult *result,
                                 const std::function<void(const QString &)> &progress)
{
    auto say = [&](const QString &text) {
        if (progress)
            progress(text);
    };
    QFile binary(localEngine);
    if (!binary.open(QIODevice::ReadOnly))
        return SshError::make(SshErrorKind::LocalIoError,
                              tr("Cannot read the engine %1: %2").arg(localEngine, binary.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&binary))
        return SshError::make(SshErrorKind::LocalIoError, tr("Cannot read the engine %1").arg(localEngine));
    const QByteArray sha = hash.result().toHex();

    RemoteCommand locate("sh");
    locate.arg("-c").arg(QByteArray(kLocate)).arg("sh").arg(remoteRoot).arg(sha.left(16));
    QByteArray out;
    if (SshError e = session.runChecked(locate, &out, {}, 30000))
        return e;
    const QList<QByteArray> lines = out.trimmed().split('\n');
    const QString path = QString::fromUtf8(lines.value(0).trimmed());
    if (path.isEmpty())
        return SshError::make(SshErrorKind::ProtocolError, tr("The remote machine did not answer."));
    result->enginePath = path;
    result->reused = lines.size() > 1 && lines.at(1).trimmed() == "present";

    if (!result->reused) {
        say(tr("Copying traindeck-engine (%1 MiB) to the machine…").arg(binary.size() / (1024 * 1024)));
        RemoteCommand receive("sh");
        receive.arg("-c").arg(QByteArray(kReceive)).arg("sh").arg(path).arg(sha);
        SshError error;
        auto channel = session.openExec(receive, &error);
        if (!channel)
            return error;
        binary.seek(0);
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        for (;;) {
            const qint64 n = binary.read(buffer.data(), buffer.size());
            if (n < 0)
                return SshError::make(SshErrorKind::LocalIoError, binary.errorString());
            if (n == 0)
                break;
            if (SshError e = channel->write(buffer.constData(), n))
                return e;
        }
        if (SshError e = channel->sendEof())
            return e;
        if (SshError e = channel->waitForExit(120000))
            return e;
        if (channel->exitStatus() != 0)
            return SshError::make(SshErrorKind::RemoteCommandFailed,
                                  tr("Copying the engine failed: %1")
                                      .arg(QString::fromUtf8(channel->takeStdErr()).trimmed()));
    }

    say(tr("Checking the engine on the machine (doctor)…"));
    RemoteCommand doctor(path.toUtf8());
    doctor.arg("doctor").arg("--json").stderrToStdout();
    RemoteResult run;
    if (SshError e = session.run(doctor, &run, {}, 60000))
        return e;
    // Exit 0: GPU usable; 1: CPU only; 3: a GPU this binary has no code for (CPU still works).
    // Anything else means the binary did not run at all.
    const QJsonDocument json = QJsonDocument::fromJson(run.stdOut);
    if (!json.isObject() || (run.exitStatus != 0 && run.exitStatus != 1 && run.exitStatus != 3))
        return SshError::make(SshErrorKind::RemoteCommandFailed,
                              explainStartFailure(QString::fromUtf8(run.stdOut)));
    result->doctor = json.object();
    result->gpuUsable = run.exitStatus == 0;
    result->summary = run.exitStatus == 0 ? tr("traindeck-engine is ready on this machine and can use its GPU.")
                      : run.exitStatus == 3
                          ? tr("traindeck-engine runs here, but has no code for this GPU: it will train on the CPU.")
                          : tr("traindeck-engine is ready on this machine (no usable GPU: it trains on the CPU).");
    return {};
}

} // namespace td
