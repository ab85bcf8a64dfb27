#pragma once

#include <QCoreApplication>

namespace td {

// Translation context for user-facing texts of the remote layer (classes that are not QObjects).
struct RemoteTr
{
    Q_DECLARE_TR_FUNCTIONS(td::Remote)
};

} // namespace td
