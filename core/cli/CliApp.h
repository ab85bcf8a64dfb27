// traindeck-cli: the GUI's flows without a window, on the same core services.
#pragma once

#include "core/jobs/EngineConfig.h"
#include "core/remote/SshError.h"
#include "core/store/StoreRecords.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>
#include <optional>

namespace td {

class JobService;
class SshSession;
class Store;
class TerminalInteraction;
struct SshConnectOptions;

struct RemoteRunOptions
{
    EngineConfig engine;
    bool dataSet = false; // --data was given (else the remote's standard dataset folder)
    QStringList command;  // non-empty: a command job instead of the engine
    bool follow = false;
    QString workDir;
    QString envSetup;
    QString metricsPreset;
    QString metricsRegex;
};

class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(CliApp)
public:
    CliApp();
    ~CliApp();
    // Runs one subcommand; returns the process exit code (cli::ExitCode).
    int run(const QStringList &arguments);

private:
    int usage(const QString &problem = {});
    int machines(const QStringList &args);
    int machinesAdd(const QStringList &args);
    int machinesRemove(const QStringList &args);
    int machinesProbe(const QStringList &args);
    int runJob(const QStringList &args);
    int runRemote(const MachineRecord &machine, const RemoteRunOptions &options);
    int history(const QStringList &args);
    int status(const QStringList &args);
    int logs(const QStringList &args);
    int exportJob(const QStringList &args);
    int upload(const QStringList &args);
    int download(const QStringList &args);
    int attach(const QStringList &args);
    int stop(const QStringList &args);

    bool openStore(QString *error);
    // Opens the store and finds a job by id or id prefix; prints what went wrong.
    std::optional<JobRecord> openJob(const QString &idOrPrefix);
    // A machine by id, id prefix or name; prints the error.
    std::optional<MachineRecord> findMachine(const QString &key);
    // Connects a blocking session to a stored machine; prints the error and returns its exit code.
    int connectTo(const MachineRecord &machine, SshSession &session,
                  TerminalInteraction *ui = nullptr);
    // Prints an SSH error and maps it to the documented exit codes.
    int sshFailure(const SshError &error, const QString &refusal = {});
    // Follows a job through the job service until it ends; returns its exit code.
    int follow(JobService &jobs, const QString &jobId, bool stopOnInterrupt);

    QString m_dataDir;
    bool m_json = false;
    std::unique_ptr<Store> m_store;
};

} // namespace td
