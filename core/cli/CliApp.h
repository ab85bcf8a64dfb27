// traindeck-cli: the GUI's flows without a window, on the same core services.
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace td {

class Store;

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
    int runJob(const QStringList &args);
    int history(const QStringList &args);
    int status(const QStringList &args);
    int logs(const QStringList &args);
    int exportJob(const QStringList &args);

    bool openStore(QString *error);

    QString m_dataDir;
    bool m_json = false;
    std::unique_ptr<Store> m_store;
};

} // namespace td
