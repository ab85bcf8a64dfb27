#include "core/cli/CliOutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace td::cli {

void out(const QString &text)
{
    const QByteArray b = text.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    const QByteArray b = text.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

void outJson(const QJsonValue &value)
{
    QJsonDocument doc;
    if (value.isArray())
        doc = QJsonDocument(value.toArray());
    else
        doc = QJsonDocument(value.toObject());
    const QByteArray b = doc.toJson(QJsonDocument::Indented);
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
    std::fflush(stdout);
}

namespace {
// Terminal columns a text takes: CJK and other wide characters take two.
int displayWidth(const QString &text)
{
    int w = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        w += (u >= 0x1100 &&
              (u <= 0x115f || (u >= 0x2e80 && u <= 0xa4cf) || (u >= 0xac00 && u <= 0xd7a3) ||
               (u >= 0xf900 && u <= 0xfaff) || (u >= 0xfe30 && u <= 0xfe4f) ||
               (u >= 0xff00 && u <= 0xff60) || (u >= 0xffe0 && u <= 0xffe6)))
                 ? 2
                 : 1;
    }
    return w;
}
} // namespace

void outTable(const QStringList &header, const QList<QStringList> &rows)
{
    QList<int> widths;
    for (const QString &h : header)
        widths << displayWidth(h);
    for (const QStringList &r : rows) {
        for (int i = 0; i < r.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(r.at(i)));
    }
    auto line = [&](const QStringList &cells) {
        QString s;
        for (int i = 0; i < cells.size(); ++i) {
            s += cells.at(i);
            if (i + 1 < cells.size())
                s += QString(widths.value(i) + 2 - displayWidth(cells.at(i)), QLatin1Char(' '));
        }
        out(s);
    };
    line(header);
    for (const QStringList &r : rows)
        line(r);
}

bool stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}

} // namespace td::cli

#include <atomic>
#include <csignal>

namespace td::cli {

namespace {
std::atomic_int g_interrupts{0};
extern "C" void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}
} // namespace

void catchInterrupts()
{
    g_interrupts.store(0);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

void restoreInterrupts()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

int interruptCount()
{
    return g_interrupts.load();
}

QString formatBytes(qint64 bytes)
{
    const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1000.0 && u < 4) {
        v /= 1000.0;
        ++u;
    }
    return QString::number(v, 'f', u == 0 ? 0 : 1) + QLatin1Char(' ') + QLatin1String(units[u]);
}

void progressLine(const QString &label, qint64 done, qint64 total, double bytesPerSecond,
                  qint64 etaSeconds, bool final)
{
    const int pct = total > 0 ? int(done * 100 / total) : 100;
    const QString etaLabel = QCoreApplication::translate("td::cli", "ETA");
    const QString eta = etaSeconds < 0 ? QStringLiteral("--:--")
                                       : QStringLiteral("%1:%2")
                                             .arg(etaSeconds / 60)
                                             .arg(etaSeconds % 60, 2, 10, QLatin1Char('0'));
    const QString figures = QStringLiteral("%1% %2/%3 %4/s %5 %6")
                                .arg(pct)
                                .arg(formatBytes(done), formatBytes(total),
                                     formatBytes(qint64(bytesPerSecond)), etaLabel, eta);
    if (stdoutIsTerminal()) {
        const int width = 24;
        const int filled = width * pct / 100;
        const QString bar =
            QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('-'));
        QByteArray line = (QStringLiteral("\r[") + bar + QStringLiteral("] ") + figures +
                           QLatin1Char(' ') + label.right(30).leftJustified(30))
                              .toUtf8();
        if (final)
            line += '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    } else {
        out(figures + QLatin1Char(' ') + label);
    }
}

} // namespace td::cli
