// Message boxes with a seam for tests, like KeePassXC's MessageBox::setNextAnswer(): a test
// queues the answer to the next question, and can keep warnings from blocking offscreen runs.
#pragma once

#include <QMessageBox>
#include <QString>

namespace td {

class MessageBox
{
public:
    static QMessageBox::StandardButton
    question(QWidget *parent, const QString &title, const QString &text,
             QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::Cancel,
             QMessageBox::StandardButton defaultButton = QMessageBox::Cancel);
    static void warning(QWidget *parent, const QString &title, const QString &text);
    static void information(QWidget *parent, const QString &title, const QString &text);

    // The next question() returns this without showing anything.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // Warnings and information are recorded instead of shown (lastText() has the newest).
    static void setRecordOnly(bool on);
    static QString lastText();
};

} // namespace td
