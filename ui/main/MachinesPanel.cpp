#include "ui/main/MachinesPanel.h"

#include "core/remote/MachineFacts.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
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
    m_add = new QPushButton(tr("+ Add Machine…"), this);
    m_add->setToolTip(tr("Connect to a rented instance or any Linux machine by SSH"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_add);
    connect(m_add, &QPushButton::clicked, this, &MachinesPanel::addMachineRequested);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT selectionChanged(item->data(Qt::UserRole).toString());
    });
    reload();
}

QString MachinesPanel::selectedMachineId() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

bool MachinesPanel::selectMachine(const QString &machineId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == machineId) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString MachinesPanel::rowText(const QString &machineId) const
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == machineId)
            return m_list->item(i)->text();
    }
    return {};
}

QString MachinesPanel::describe(const MachineRecord &m) const
{
    QString text = m.name;
    const MachineFacts facts =
        MachineFacts::fromJson(QJsonDocument::fromJson(m.factsJson.toUtf8()).object());
    QString gpu;
    if (m_catalog) {
        if (const GpuTier *tier = m_catalog->tier(m.provider, m.gpuTier))
            gpu = tier->displayName();
    }
    if (gpu.isEmpty() && !facts.gpus.isEmpty()) {
        QString name = facts.gpus.constFirst().name;
        name.remove(QStringLiteral("NVIDIA ")).remove(QStringLiteral("GeForce "));
        gpu = facts.gpus.size() > 1 ? tr("%1× %2").arg(facts.gpus.size()).arg(name) : name;
    }
    if (!gpu.isEmpty())
        text += QStringLiteral(" · ") + gpu;
    if (m.hourlyPrice)
        text += QStringLiteral(" · ") +
                tr("%1 %2/h").arg(QLocale().toString(*m.hourlyPrice, 'f', 2), m.currency);
    // Facts were probed but nvidia-smi found nothing: training there runs on the CPU.
    if (!m.factsJson.isEmpty() && facts.gpus.isEmpty())
        text += QStringLiteral(" · ") + tr("⚠ no GPU");
    return text;
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
    const QString selected =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    // Rebuilt every second while jobs run: only a real change of selection is announced.
    const QSignalBlocker block(m_list);
    m_list->clear();
    bool localListed = false;
    for (const MachineRecord &m : std::as_const(m_machines)) {
        const bool local = m.provider == QLatin1String("local");
        localListed = localListed || local;
        QString text = local ? tr("Local · %1 (this computer)").arg(m.name) : describe(m);
        if (const auto it = m_running.constFind(m.id); it != m_running.constEnd()) {
            const qint64 s =
                it->startedAt.isValid() ? it->startedAt.secsTo(QDateTime::currentDateTimeUtc()) : 0;
            text += QLatin1Char('\n') + tr("running %1:%2:%3")
                                            .arg(s / 3600)
                                            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                                            .arg(s % 60, 2, 10, QLatin1Char('0'));
        } else if (m.status == QLatin1String("unreachable")) {
            text += QLatin1Char('\n') + tr("unreachable");
        } else {
            text += QLatin1Char('\n') + tr("idle");
        }
        auto *item = new QListWidgetItem(QStringLiteral("● ") + text, m_list);
        item->setData(Qt::UserRole, m.id);
        // Why there is no GPU (driver not loaded, library mismatch…), where the probe knew.
        const QString gpuProblem =
            MachineFacts::fromJson(QJsonDocument::fromJson(m.factsJson.toUtf8()).object())
                .gpuProblem;
        if (!gpuProblem.isEmpty())
            item->setToolTip(gpuProblem);
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
    if (selectedMachineId() != selected)
        Q_EMIT selectionChanged(selectedMachineId());
}

} // namespace td
