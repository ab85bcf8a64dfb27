// Small text helpers shared by the nvidia-smi and log parsers of this module.
#pragma once

#include <QString>
#include <QStringView>

namespace td {

// The line of `text` that holds position `pos`, trimmed, with runs of whitespace folded (pasted
// and wrapped kernel logs carry hundreds of spaces) and cut to `maxChars`. Carriage returns end
// lines too: progress bars redraw themselves with '\r'.
QString lineAround(QStringView text, qsizetype pos, qsizetype maxChars = 400);

// Removes ANSI colour and cursor sequences (coloured loggers, progress bars) and turns "\r\n"
// into "\n", so patterns see plain text.
QString plainLogText(QStringView text);

} // namespace td
