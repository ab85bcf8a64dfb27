#include "ui/main/MachinesPanel.h"

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace td {

MachinesPanel::MachinesPanel(Store *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    auto *title = new QLabel(tr("Machines"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_list = new QListWidget(this);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    reload();
}

void MachinesPanel::reload()
{
    m_machines = m_store->machines();
    rebuild();
}

void MachinesPanel::setRunningJobs(const QHash<QString, JobRecord> &running)
{
    m_running = running;
    rebuild();
}

void MachinesPanel::rebuild()
{
    const QString selected = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString()
                                                   : QString();
    m_list->clear();
    bool localListed = false;
    for (const MachineRecord &m : std::as_const(m_machines)) {
        const bool local = m.provider == QLatin1String("local");
        localListed = localListed || local;
        QString text = local ? tr("Local · %1 (this computer)").arg(m.name) : m.name;
        if (!local && m.hourlyPrice)
            text += QStringLiteral(" · %1 %2/h").arg(QLocale().toString(*m.hourlyPrice, 'f', 2), m.currency);
        if (const auto it = m_running.constFind(m.id); it != m_running.constEnd()) {
            const qint64 s = it->startedAt.isValid()
                                 ? it->startedAt.secsTo(QDateTime::currentDateTimeUtc())
                                 : 0;
            text += QLatin1Char('\n') + tr("running %1:%2:%3")
                                            .arg(s / 3600)
                                            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                                            .arg(s % 60, 2, 10, QLatin1Char('0'));
        } else {
            text += QLatin1Char('\n') + tr("idle");
        }
        auto *item = new QListWidgetItem(QStringLiteral("● ") + text, m_list);
        item->setData(Qt::UserRole, m.id);
        item->setForeground(m_running.contains(m.id) ? QColor(0x1e8449) : palette().text().color());
        if (m.id == selected)
            m_list->setCurrentItem(item);
    }
    if (!localListed) {
        // The store writes asynchronously; show Local even before its row is committed.
        auto *item = new QListWidgetItem(QStringLiteral("● ") + tr("Local (this computer)") +
                                             QLatin1Char('\n') + tr("idle"),
                                         m_list);
        item->setData(Qt::UserRole, QStringLiteral("local"));
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
}

} // namespace td
