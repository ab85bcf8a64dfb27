#include "core/jobs/EngineLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace td {

QString locateEngine()
{
    const QString name = QStringLiteral("traindeck-engine");
    const QString fromEnv = qEnvironmentVariable("TRAINDECK_ENGINE");
    if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isExecutable())
        return fromEnv;
    if (QCoreApplication::instance()) {
        const QDir appDir(QCoreApplication::applicationDirPath());
        for (const QString &candidate :
             {appDir.filePath(name), appDir.filePath(QLatin1String("../gpu/") + name)}) {
            if (QFileInfo(candidate).isExecutable())
                return QFileInfo(candidate).canonicalFilePath();
        }
    }
    return QStandardPaths::findExecutable(name);
}

} // namespace td
