#include "core/remote/MachineFacts.h"

#include "core/diagnosis/NvidiaSmiText.h"

#include "core/remote/ShellQuote.h"
#include "core/remote/SshSession.h"

#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

namespace td {

QByteArray MachineFacts::probeScript()
{
    // Every probe tolerates a missing tool: sections are simply empty then.
    return "echo @@os; grep -E '^(PRETTY_NAME|ID|VERSION_ID)=' /etc/os-release 2>/dev/null\n"
           "echo @@kernel; uname -sr 2>/dev/null; uname -m 2>/dev/null\n"
           "echo @@cpu; nproc 2>/dev/null; grep -m1 'model name' /proc/cpuinfo 2>/dev/null\n"
           "echo @@mem; grep -E '^(MemTotal|MemAvailable):' /proc/meminfo 2>/dev/null\n"
           "echo @@disk; df -Pk \"$HOME\" 2>/dev/null | tail -n 1\n"
           // With its errors: "couldn't communicate with the driver" or an NVML mismatch is the
           // answer to "why is there no GPU", and must be shown as such.
           "echo @@gpus; command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>&1\n"
           "echo @@driver; nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null"
           " | head -n 1\n"
           "echo @@cuda; nvidia-smi 2>/dev/null | grep -o 'CUDA Version: *[0-9.]*' | head -n 1\n"
           "echo @@nvcc; (nvcc --version || /usr/local/cuda/bin/nvcc --version) 2>/dev/null"
           " | grep -o 'release [0-9.]*'\n"
           "echo @@python; python3 --version 2>&1 | grep -i python\n"
           "echo @@conda; conda env list 2>/dev/null | grep -v '^#'\n"
           "echo @@glibc; ldd --version 2>&1 | head -n 1\n"
           "echo @@tools; for t in tmux cmake nvcc sha256sum tar conda; do"
           " command -v \"$t\" >/dev/null 2>&1 && echo \"$t\"; done\n"
           "echo @@end\n";
}

MachineFacts MachineFacts::parse(const QByteArray &output)
{
    QMap<QString, QStringList> sections;
    QString current;
    for (const QByteArray &raw : output.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1String("@@"))) {
            current = line.mid(2);
            continue;
        }
        if (!current.isEmpty() && !line.isEmpty())
            sections[current] << line;
    }
    MachineFacts f;
    auto unquote = [](QString v) { return v.remove(QLatin1Char('"')); };
    for (const QString &l : sections.value(QStringLiteral("os"))) {
        if (l.startsWith(QLatin1String("PRETTY_NAME=")))
            f.osPrettyName = unquote(l.mid(12));
        else if (l.startsWith(QLatin1String("ID=")))
            f.osId = unquote(l.mid(3));
        else if (l.startsWith(QLatin1String("VERSION_ID=")))
            f.osVersion = unquote(l.mid(11));
    }
    const QStringList kernel = sections.value(QStringLiteral("kernel"));
    f.kernel = kernel.value(0);
    f.arch = kernel.value(1);
    const QStringList cpu = sections.value(QStringLiteral("cpu"));
    f.cpuCores = cpu.value(0).toInt();
    f.cpuModel = cpu.value(1).section(QLatin1Char(':'), 1).trimmed();
    for (const QString &l : sections.value(QStringLiteral("mem"))) {
        const qint64 kb =
            l.section(QLatin1Char(':'), 1).trimmed().section(QLatin1Char(' '), 0, 0).toLongLong();
        (l.startsWith(QLatin1String("MemTotal")) ? f.memTotalBytes : f.memAvailableBytes) =
            kb * 1024;
    }
    const QStringList df =
        sections.value(QStringLiteral("disk")).value(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (df.size() >= 4) {
        f.diskTotalBytes = df.at(1).toLongLong() * 1024;
        f.diskFreeBytes = df.at(3).toLongLong() * 1024;
    }
    static const QRegularExpression gpuRe(
        QStringLiteral("^GPU (\\d+): (.*?)(?: \\(UUID: ([^)]+)\\))?$"));
    const QStringList gpuLines = sections.value(QStringLiteral("gpus"));
    for (const QString &l : gpuLines) {
        const auto m = gpuRe.match(l);
        if (m.hasMatch())
            f.gpus << GpuFact{m.captured(1).toInt(), m.captured(2), m.captured(3)};
    }
    if (f.gpus.isEmpty() && !gpuLines.isEmpty()) {
        const NvidiaSmiFailure failure = detectNvidiaSmiFailure(gpuLines.join(QLatin1Char('\n')));
        if (failure.kind != NvidiaSmiFailure::Kind::None)
            f.gpuProblem = failure.message;
    }
    f.driverVersion = sections.value(QStringLiteral("driver")).value(0);
    f.cudaVersion =
        sections.value(QStringLiteral("cuda")).value(0).section(QLatin1Char(':'), 1).trimmed();
    f.nvccVersion = sections.value(QStringLiteral("nvcc")).value(0).section(QLatin1Char(' '), 1);
    f.pythonVersion =
        sections.value(QStringLiteral("python")).value(0).section(QLatin1Char(' '), 1);
    static const QRegularExpression glibcRe(QStringLiteral("(\\d+\\.\\d+)\\s*$"));
    f.glibcVersion = glibcRe.match(sections.value(QStringLiteral("glibc")).value(0)).captured(1);
    for (const QString &l : sections.value(QStringLiteral("conda"))) {
        const QStringList parts = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.size() >= 2)
            f.condaEnvs << CondaEnvFact{parts.first(), parts.last()};
    }
    f.tools = sections.value(QStringLiteral("tools"));
    return f;
}

QJsonObject MachineFacts::toJson() const
{
    QJsonArray gpuArray;
    for (const GpuFact &g : gpus)
        gpuArray.append(QJsonObject{{QStringLiteral("index"), g.index},
                                    {QStringLiteral("name"), g.name},
                                    {QStringLiteral("uuid"), g.uuid}});
    QJsonArray conda;
    for (const CondaEnvFact &e : condaEnvs)
        conda.append(
            QJsonObject{{QStringLiteral("name"), e.name}, {QStringLiteral("path"), e.path}});
    return QJsonObject{{QStringLiteral("os"), osPrettyName},
                       {QStringLiteral("os_id"), osId},
                       {QStringLiteral("os_version"), osVersion},
                       {QStringLiteral("kernel"), kernel},
                       {QStringLiteral("arch"), arch},
                       {QStringLiteral("cpu_model"), cpuModel},
                       {QStringLiteral("cpu_cores"), cpuCores},
                       {QStringLiteral("mem_total"), memTotalBytes},
                       {QStringLiteral("mem_available"), memAvailableBytes},
                       {QStringLiteral("disk_free"), diskFreeBytes},
                       {QStringLiteral("disk_total"), diskTotalBytes},
                       {QStringLiteral("gpus"), gpuArray},
                       {QStringLiteral("gpu_problem"), gpuProblem},
                       {QStringLiteral("driver"), driverVersion},
                       {QStringLiteral("cuda"), cudaVersion},
                       {QStringLiteral("nvcc"), nvccVersion},
                       {QStringLiteral("python"), pythonVersion},
                       {QStringLiteral("glibc"), glibcVersion},
                       {QStringLiteral("conda_envs"), conda},
                       {QStringLiteral("tools"), QJsonArray::fromStringList(tools)}};
}

MachineFacts MachineFacts::fromJson(const QJsonObject &o)
{
    MachineFacts f;
    f.osPrettyName = o.value(QStringLiteral("os")).toString();
    f.osId = o.value(QStringLiteral("os_id")).toString();
    f.osVersion = o.value(QStringLiteral("os_version")).toString();
    f.kernel = o.value(QStringLiteral("kernel")).toString();
    f.arch = o.value(QStringLiteral("arch")).toString();
    f.cpuModel = o.value(QStringLiteral("cpu_model")).toString();
    f.cpuCores = o.value(QStringLiteral("cpu_cores")).toInt();
    f.memTotalBytes = qint64(o.value(QStringLiteral("mem_total")).toDouble());
    f.memAvailableBytes = qint64(o.value(QStringLiteral("mem_available")).toDouble());
    f.diskFreeBytes = qint64(o.value(QStringLiteral("disk_free")).toDouble());
    f.diskTotalBytes = qint64(o.value(QStringLiteral("disk_total")).toDouble());
    for (const QJsonValue &v : o.value(QStringLiteral("gpus")).toArray()) {
        const QJsonObject g = v.toObject();
        f.gpus << GpuFact{g.value(QStringLiteral("index")).toInt(),
                          g.value(QStringLiteral("name")).toString(),
                          g.value(QStringLiteral("uuid")).toString()};
    }
    f.gpuProblem = o.value(QStringLiteral("gpu_problem")).toString();
    f.driverVersion = o.value(QStringLiteral("driver")).toString();
    f.cudaVersion = o.value(QStringLiteral("cuda")).toString();
    f.nvccVersion = o.value(QStringLiteral("nvcc")).toString();
    f.pythonVersion = o.value(QStringLiteral("python")).toString();
    f.glibcVersion = o.value(QStringLiteral("glibc")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("conda_envs")).toArray()) {
        const QJsonObject e = v.toObject();
        f.condaEnvs << CondaEnvFact{e.value(QStringLiteral("name")).toString(),
                                    e.value(QStringLiteral("path")).toString()};
    }
    for (const QJsonValue &v : o.value(QStringLiteral("tools")).toArray())
        f.tools << v.toString();
    return f;
}

SshError probeMachineFacts(SshSession &session, MachineFacts *facts)
{
    QByteArray out;
    if (SshError e = session.runChecked(
            RemoteCommand("sh").arg("-c").arg(MachineFacts::probeScript()), &out, {}, 60000))
        return e;
    *facts = MachineFacts::parse(out);
    return {};
}

} // namespace td
