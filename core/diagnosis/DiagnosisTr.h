#pragma once

#include <QCoreApplication>

namespace td {

// Translation context for the texts of the diagnosis module (plain structs and free functions,
// no QObject to hang tr() on).
struct DiagnosisTr
{
    Q_DECLARE_TR_FUNCTIONS(td::Diagnosis)
};

} // namespace td
