#pragma once

#include <QString>
#include <QStringList>

namespace td {

// The concrete host aliases of an OpenSSH client config (default ~/.ssh/config), in file order,
// following Include lines: patterns with wildcards or negations are left out because they are
// not something one can connect to by name.
QStringList sshConfigHostAliases(const QString &configPath = {});

} // namespace td
