#pragma once

#include "core/remote/SshError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace td {

class SshSession;

struct GpuFact
{
    int index = 0;
    QString name;
    QString uuid;
};

struct CondaEnvFact
{
    QString name;
    QString path;
};

// What a machine offers, probed once after connecting; stored as machines.facts_json.
struct MachineFacts
{
    QString osPrettyName, osId, osVersion, kernel, arch;
    QString cpuModel;
    int cpuCores = 0;
    qint64 memTotalBytes = 0, memAvailableBytes = 0;
    qint64 diskFreeBytes = 0, diskTotalBytes = 0; // of the remote home
    QList<GpuFact> gpus;                          // from nvidia-smi -L
    QString gpuProblem; // translated: why nvidia-smi found no GPU (driver not loaded, mismatch…)
    QString driverVersion, cudaVersion; // nvidia-smi: driver, highest CUDA supported
    QString nvccVersion, pythonVersion, glibcVersion;
    QList<CondaEnvFact> condaEnvs;
    QStringList tools; // of interest: tmux, cmake, nvcc, sha256sum, tar, conda

    QJsonObject toJson() const;
    static MachineFacts fromJson(const QJsonObject &o);
    // Parses the output of probeScript(); unknown sections are ignored, missing ones stay empty.
    static MachineFacts parse(const QByteArray &output);
    // A fixed POSIX sh script (no caller input) printing one "@@section" block per fact.
    static QByteArray probeScript();
};

SshError probeMachineFacts(SshSession &session, MachineFacts *facts);

} // namespace td
