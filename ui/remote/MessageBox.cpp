#include "ui/remote/MessageBox.h"

namespace td {

namespace {
QMessageBox::StandardButton g_nextAnswer = QMessageBox::NoButton;
bool g_recordOnly = false;
QString g_lastText;
} // namespace

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title,
                                                 const QString &text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton)
{
    g_lastText = text;
    if (g_nextAnswer != QMessageBox::NoButton)
        return std::exchange(g_nextAnswer, QMessageBox::NoButton);
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void MessageBox::warning(QWidget *parent, const QString &title, const QString &text)
{
    g_lastText = text;
    if (!g_recordOnly)
        QMessageBox::warning(parent, title, text);
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    g_lastText = text;
    if (!g_recordOnly)
        QMessageBox::information(parent, title, text);
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    g_nextAnswer = answer;
}

void MessageBox::setRecordOnly(bool on)
{
    g_recordOnly = on;
}

QString MessageBox::lastText()
{
    return g_lastText;
}

} // namespace td
