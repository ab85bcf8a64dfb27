// traindeck-cli: every flow without a window. The commands live in core/cli.
#include "core/cli/CliApp.h"
#include "core/util/AppSetup.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    td::setApplicationIdentity();
    td::installTranslators(app);
    td::CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
