#include "core/jobs/RemoteJob.h"

#include "core/diagnosis/GpuSampleParser.h"
#include "core/jobs/MetricLineParser.h"
#include "core/remote/ShellQuote.h"
#include "core/remote/SshSession.h"

namespace td {

namespace {

// Every script below is constant text; paths and values reach it only as positional
// parameters, so nothing the user typed is ever parsed by the remote shell.

// $1 = remote root ("~/..." is the remote user's home), $2 = job id.
constexpr char kResolveDir[] = R"SH(case $1 in
  "~") root=$HOME ;;
  "~/"*) root="$HOME/${1#"~/"}" ;;
  *) root=$1 ;;
esac
dir="$root/jobs/$2"
)SH";

// $3 = job.json, $4 = run.sh. A job directory is never reused: mkdir fails if it exists.
constexpr char kLaunch[] = R"SH(set -e
umask 077
mkdir -p "$root/jobs"
mkdir -m 700 "$dir"
cd "$dir"
printf '%s' "$3" > job.json.tmp && mv -f job.json.tmp job.json
printf '%s' "$4" > run.sh.tmp && mv -f run.sh.tmp run.sh
setsid nohup bash run.sh > /dev/null 2>&1 < /dev/null &
echo started
command -v tmux > /dev/null 2>&1 && echo tmux
exit 0
)SH";

// $3..$5 = offsets of metrics.jsonl, gpu.csv, run.log; $6 = most bytes per file per poll.
// The state is read before the files, so "exited" means every byte written before the exit is
// in this answer.
constexpr char kPoll[] = R"SH(cd "$dir" 2>/dev/null || { echo "TDK1 missing 0 0"; exit 0; }
stop=0; [ -f stop_requested ] && stop=1
if [ -f exit_code ]; then phase="exited $(cat exit_code)"
elif [ -f pid ] && kill -s 0 -- "-$(cat pid)" 2>/dev/null; then phase="running 0"
elif [ -f exit_code ]; then phase="exited $(cat exit_code)"
elif [ -f pid ]; then phase="dead 0"
else phase="starting 0"; fi
printf 'TDK1 %s %s\n' "$phase" "$stop"
off=$3
for f in metrics.jsonl gpu.csv run.log; do
  size=$(wc -c < "$f" 2>/dev/null || echo 0)
  n=$((size - off))
  [ "$n" -gt "$6" ] && n=$6
  printf 'FILE %s %s\n' "$f" "$n"
  [ "$n" -gt 0 ] && tail -c +$((off + 1)) "$f" | head -c "$n"
  shift
  off=$3
done
exit 0
)SH";

// $3 = signal name. stop_requested first, so the job is not mistaken for a crash.
constexpr char kSignal[] = R"SH(cd "$dir" || exit 3
: > stop_requested
[ -f pid ] || exit 0
kill -s "$3" -- "-$(cat pid)" 2>/dev/null || true
)SH";

constexpr char kTail[] = R"SH(cd "$dir" || exit 3
[ -f run.log ] && tail -n "$3" run.log
exit 0
)SH";

constexpr qint64 kMaxBytesPerPoll = 4 * 1024 * 1024;

RemoteCommand script(const char *body, const QString &root, const QString &jobId)
{
    RemoteCommand cmd("sh");
    cmd.arg("-c").arg(QByteArray(kResolveDir) + body).arg("sh").arg(root).arg(jobId);
    return cmd;
}

SshError protocolError(const QString &what)
{
    return SshError::make(SshErrorKind::ProtocolError,
                          RemoteJob::tr("Unexpected answer from the job runner: %1").arg(what));
}

} // namespace

RemoteJob::RemoteJob(Store *store, QString machineId, QString remoteRoot, QString jobId,
                     int remoteUtcOffsetSeconds)
    : m_store(store), m_machineId(std::move(machineId)), m_root(std::move(remoteRoot)),
      m_jobId(std::move(jobId)),
      m_gpuParser(std::make_unique<GpuSampleParser>(remoteUtcOffsetSeconds))
{
    // Resume exactly where the committed rows end: offsets and lines were committed together.
    m_store->flush();
    m_metrics = LineFollower(m_store->offset(m_jobId, QStringLiteral("metrics.jsonl")));
    m_log = LineFollower(m_store->offset(m_jobId, QStringLiteral("run.log")));
    m_gpuOffset = m_store->offset(m_jobId, QStringLiteral("gpu.csv"));
    m_nextSeq = m_store->nextMetricSeq(m_jobId);
}

RemoteJob::~RemoteJob() = default;

void RemoteJob::setLogExtractor(std::unique_ptr<LogMetricExtractor> extractor)
{
    m_extractor = std::move(extractor);
    // Continue the step count of the rows already stored, so the x axis stays monotonic.
    const QStringList lines = m_store->metricLines(m_jobId);
    if (m_extractor && !lines.isEmpty()) {
        const ParsedMetricLine last = parseMetricLine(lines.constLast().toUtf8(), 0);
        if (last.row.step)
            m_extractor->setLastStep(*last.row.step);
    }
}

QString RemoteJob::tmuxSession() const
{
    return QStringLiteral("traindeck-") + m_jobId.left(8);
}

QString RemoteJob::jobDir() const
{
    return m_root + QLatin1String("/jobs/") + m_jobId;
}

QByteArray RemoteJob::runScript(const RemoteLaunchSpec &spec) const
{
    RemoteCommand command;
    for (const QString &word : spec.argv)
        command.arg(word);
    QByteArray body;
    if (!spec.envSetup.isEmpty())
        body += ". " + shellQuote(spec.envSetup.toUtf8()) + " && ";
    if (!spec.workDir.isEmpty())
        body += "cd " + shellQuote(spec.workDir.toUtf8()) + " && ";
    body += "exec " + command.toShell();

    QByteArray s;
    s += "#!/bin/bash\n";
    s += "# TrainDeck job runner, protocol " + QByteArray::number(kProtocolVersion) + ".\n";
    s += "# Started detached (setsid nohup bash run.sh); survives the app and the connection.\n";
    s += "umask 077\n";
    s += "JOB_DIR=$(pwd)\n";
    s += "echo $$ > pid.tmp && mv -f pid.tmp pid\n";
    // A handler (not an ignore, which the command would inherit) keeps this script alive on a
    // stop so it can still record the command's exit status.
    s += "trap 'true' TERM INT HUP\n";
    // For users who like a terminal: a tmux window following the log while the job runs
    // (`tail --pid` ends it, and the session with it, when the job is over).
    s += "if command -v tmux >/dev/null 2>&1; then\n";
    s += "    tmux new-session -d -s " + shellQuote(tmuxSession().toUtf8()) +
         " \"tail -n +1 -F --pid=$$ run.log\" >/dev/null 2>&1 </dev/null\n";
    s += "fi\n";
    s += "sampler=\n";
    s += "if command -v nvidia-smi >/dev/null 2>&1; then\n";
    s += "    nvidia-smi --query-gpu=index,timestamp,utilization.gpu,utilization.memory,"
         "memory.used,memory.total,temperature.gpu,power.draw,clocks.sm "
         "--format=csv,noheader,nounits -l 1 >> gpu.csv 2>/dev/null &\n";
    s += "    sampler=$!\n";
    s += "fi\n";
    s += "( " + body + " ) >> \"$JOB_DIR/run.log\" 2>&1 < /dev/null\n";
    s += "rc=$?\n";
    s += "[ -n \"$sampler\" ] && kill \"$sampler\" 2>/dev/null\n";
    s += "echo \"$rc\" > exit_code.tmp && mv -f exit_code.tmp exit_code\n";
    return s;
}

SshError RemoteJob::launch(SshSession &session, const RemoteLaunchSpec &spec)
{
    if (spec.argv.isEmpty())
        return SshError::make(SshErrorKind::InvalidRequest, tr("The job has no command."));
    RemoteCommand cmd = script(kLaunch, m_root, m_jobId);
    cmd.arg(spec.jobJson).arg(runScript(spec));
    QByteArray out;
    if (SshError e = session.runChecked(cmd, &out, {}, 60000))
        return e;
    if (!out.contains("started"))
        return protocolError(QString::fromUtf8(out.left(200)));
    m_hasTmux = out.contains("\ntmux");
    return {};
}

SshError RemoteJob::poll(SshSession &session, RemoteJobStatus *status)
{
    RemoteCommand cmd = script(kPoll, m_root, m_jobId);
    cmd.arg(m_metrics.offset() + m_metrics.pendingBytes())
        .arg(m_gpuOffset + m_gpuParser->pendingBytes())
        .arg(m_log.offset() + m_log.pendingBytes())
        .arg(kMaxBytesPerPoll);
    RemoteResult result;
    if (SshError e = session.run(cmd, &result, {}, 120000))
        return e;
    if (result.exitStatus != 0)
        return protocolError(QString::fromUtf8(result.stdErr.left(300)));
    const QByteArray &out = result.stdOut;

    qsizetype pos = out.indexOf('\n');
    if (pos < 0)
        return protocolError(QStringLiteral("no header"));
    const QList<QByteArray> header = out.left(pos).split(' ');
    if (header.size() != 4 || header.at(0) != "TDK1")
        return protocolError(QString::fromUtf8(out.left(pos)));
    const QByteArray phase = header.at(1);
    if (phase == "missing")
        return SshError::make(
            SshErrorKind::RemoteCommandFailed,
            tr("The job folder %1 is gone from the remote machine.").arg(jobDir()));
    status->phase = phase == "exited"    ? RemoteJobStatus::Phase::Exited
                    : phase == "running" ? RemoteJobStatus::Phase::Running
                    : phase == "dead"    ? RemoteJobStatus::Phase::Dead
                                         : RemoteJobStatus::Phase::Starting;
    status->exitCode = header.at(2).toInt();
    status->stopRequested = header.at(3) == "1";
    ++pos;

    // Three framed files: "FILE name n\n" followed by exactly n bytes.
    QByteArray chunks[3];
    for (QByteArray &chunk : chunks) {
        const qsizetype nl = out.indexOf('\n', pos);
        if (nl < 0)
            return protocolError(QStringLiteral("truncated frame"));
        const QList<QByteArray> frame = out.mid(pos, nl - pos).split(' ');
        bool ok = false;
        const qint64 n = frame.value(2).toLongLong(&ok);
        if (frame.size() != 3 || frame.at(0) != "FILE" || !ok)
            return protocolError(QString::fromUtf8(out.mid(pos, nl - pos)));
        if (n < 0)
            return protocolError(
                tr("%1 shrank on the remote machine").arg(QString::fromUtf8(frame.at(1))));
        pos = nl + 1;
        if (pos + n > out.size())
            return protocolError(QStringLiteral("short file data"));
        chunk = out.mid(pos, n);
        pos += n;
    }

    // metrics.jsonl: whole lines only, with their offset in the same transaction.
    const QList<QByteArray> lines = m_metrics.feed(chunks[0]);
    if (!lines.isEmpty()) {
        QList<MetricRow> rows;
        rows.reserve(lines.size());
        for (const QByteArray &line : lines)
            rows.append(parseMetricLine(line, m_nextSeq++).row);
        m_store->appendMetrics(m_jobId, QStringLiteral("metrics.jsonl"), m_metrics.offset(), rows);
        status->newRows = rows;
    }

    const GpuSampleParser::Result gpu = m_gpuParser->feed(chunks[1]);
    if (gpu.consumed > 0) {
        m_gpuOffset += gpu.consumed;
        QList<GpuSampleRecord> rows;
        rows.reserve(gpu.samples.size());
        for (const GpuSample &s : gpu.samples)
            rows.append(GpuSampleRecord{std::max(0, s.gpu), s.time, s.util, s.memUtil, s.memUsed,
                                        s.memTotal, s.temp, s.power, s.smClock});
        m_store->appendGpuSamples(m_jobId, m_machineId, QStringLiteral("gpu.csv"), m_gpuOffset,
                                  rows);
        status->newGpuSamples = rows;
    }

    const QList<QByteArray> logLines = m_log.feed(chunks[2]);
    if (!logLines.isEmpty()) {
        QList<MetricRow> fromLog;
        for (const QByteArray &l : logLines) {
            const QString text = QString::fromUtf8(l);
            status->newLogLines << text;
            if (m_extractor) {
                if (std::optional<MetricRow> row = m_extractor->extract(text)) {
                    row->seq = m_nextSeq++;
                    fromLog.append(*row);
                }
            }
        }
        // The log's offset is kept too, so a reattach neither shows old lines as new nor
        // extracts their metrics twice.
        m_store->appendMetrics(m_jobId, QStringLiteral("run.log"), m_log.offset(), fromLog);
        status->newRows += fromLog;
    }
    return {};
}

SshError RemoteJob::signal(SshSession &session, bool kill)
{
    RemoteCommand cmd = script(kSignal, m_root, m_jobId);
    cmd.arg(kill ? "KILL" : "TERM");
    return session.runChecked(cmd, nullptr, {}, 30000);
}

SshError RemoteJob::logTail(SshSession &session, int lines, QString *tail)
{
    RemoteCommand cmd = script(kTail, m_root, m_jobId);
    cmd.arg(qint64(lines));
    QByteArray out;
    if (SshError e = session.runChecked(cmd, &out, {}, 30000))
        return e;
    *tail = QString::fromUtf8(out);
    return {};
}

} // namespace td
