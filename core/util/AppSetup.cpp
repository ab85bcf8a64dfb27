#include "core/util/AppSetup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

namespace td {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("TrainDeck"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("traindeck.org"));
    QCoreApplication::setApplicationName(QStringLiteral("TrainDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRAINDECK_VERSION));
}

QString installTranslators(QCoreApplication &app, const QString &requested)
{
    QString locale = requested;
    if (locale.isEmpty())
        locale = qEnvironmentVariable("TRAINDECK_LANG");
    if (locale.isEmpty())
        locale = QLocale::system().name();
    if (!locale.startsWith(QLatin1String("zh")))
        return QStringLiteral("en");

    auto *own = new QTranslator(&app);
    if (!own->load(QStringLiteral(":/i18n/traindeck_zh_CN.qm"))) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_zh_CN"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    return QStringLiteral("zh_CN");
}

QString resolveDataDir(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--data-dir") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--data-dir=")))
            return a.mid(int(sizeof("--data-dir=")) - 1);
    }
    const QString fromEnv = qEnvironmentVariable("TRAINDECK_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace td
