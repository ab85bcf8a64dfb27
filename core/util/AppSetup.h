// Start-up pieces shared by the GUI and the CLI mains.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace td {

// Sets organisation and application names so QStandardPaths and QSettings agree everywhere.
void setApplicationIdentity();

// Installs the TrainDeck and Qt translators for `locale` (e.g. "zh_CN"); an empty locale means
// the system's, overridden by $TRAINDECK_LANG. Returns the locale actually loaded, or "en".
QString installTranslators(QCoreApplication &app, const QString &locale = {});

// --data-dir PATH (or --data-dir=PATH) from the arguments, else $TRAINDECK_DATA_DIR, else
// QStandardPaths::AppDataLocation.
QString resolveDataDir(const QStringList &arguments);

} // namespace td
