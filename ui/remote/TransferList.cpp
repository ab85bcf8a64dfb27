#include "ui/remote/TransferList.h"

#include "ui/remote/UploadPanel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace td {

namespace {
enum Column { What, Progress, State };
constexpr int kIdRole = Qt::UserRole;
constexpr int kStateRole = Qt::UserRole + 1;
constexpr int kFolderRole = Qt::UserRole + 2; // a download's local folder
} // namespace

TransferList::TransferList(Store *store, TransferCenter *transfers, QWidget *parent)
    : QWidget(parent), m_store(store), m_transfers(transfers)
{
    auto *title = new QLabel(tr("Transfers"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_tree = new QTreeWidget(this);
    m_tree->setRootIsDecorated(false);
    m_tree->setHeaderLabels({tr("Transfer"), tr("Progress"), tr("State")});
    m_tree->header()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(Progress, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(State, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_resume = new QPushButton(tr("Resume"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, &TransferList::updateButtons);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_transfers->cancel(selectedId()); });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_transfers->resume(selectedId(), &error))
            m_resume->setToolTip(error);
    });
    connect(m_transfers, &TransferCenter::started, this, [this] {
        m_store->flush(2000);
        reload();
    });
    connect(m_transfers, &TransferCenter::finished, this, [this] {
        m_store->flush(2000);
        reload();
    });
    connect(m_transfers, &TransferCenter::downloadFinished, this, [this] {
        m_store->flush(2000);
        reload();
    });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [](QTreeWidgetItem *item) {
        const QString folder = item->data(What, kFolderRole).toString();
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
    });
    connect(m_transfers, &TransferCenter::progress, this,
            [this](const QString &id, const TransferProgress &p) {
                if (QTreeWidgetItem *item = itemFor(id)) {
                    const int percent =
                        p.bytesTotal > 0 ? int(p.bytesDone * 100 / p.bytesTotal) : 0;
                    item->setText(Progress,
                                  tr("%1 % · %2/s")
                                      .arg(percent)
                                      .arg(QLocale().formattedDataSize(qint64(p.bytesPerSecond))));
                    item->setToolTip(Progress, formatTransferStats(p));
                }
            });
    reload();
}

QString TransferList::stateText(const QString &state)
{
    if (state == QLatin1String("running"))
        return tr("running");
    if (state == QLatin1String("done"))
        return tr("done");
    if (state == QLatin1String("failed"))
        return tr("failed");
    if (state == QLatin1String("cancelled"))
        return tr("cancelled");
    if (state == QLatin1String("interrupted"))
        return tr("interrupted");
    return state;
}

void TransferList::reload()
{
    const QString selected = selectedId();
    m_tree->clear();
    QHash<QString, QString> names;
    const QList<MachineRecord> machines = m_store->machines();
    for (const MachineRecord &m : machines)
        names.insert(m.id, m.name);
    const QList<TransferRecord> all = m_store->transfers();
    for (const TransferRecord &t : all) {
        auto *item = new QTreeWidgetItem(m_tree);
        const QString machine = names.value(t.machineId, tr("(removed)"));
        if (TransferCenter::isDownload(t)) {
            QString name = t.remotePath;
            while (name.size() > 1 && name.endsWith(QLatin1Char('/')))
                name.chop(1);
            name = name.section(QLatin1Char('/'), -1);
            item->setText(What, tr("%1 ← %2").arg(name, machine));
            item->setToolTip(
                What, tr("%1:%2\ninto %3")
                          .arg(machine, t.remotePath, QDir::toNativeSeparators(t.localPath)));
            item->setData(What, kFolderRole, t.localPath);
        } else {
            const QStringList sources = TransferCenter::sourcesOf(t);
            const QString first =
                sources.isEmpty() ? QString() : QFileInfo(sources.first()).fileName();
            const QString what = sources.size() > 1
                                     ? tr("%1 and %2 more").arg(first).arg(sources.size() - 1)
                                     : first;
            item->setText(What, tr("%1 → %2").arg(what, machine));
            item->setToolTip(
                What,
                tr("%1\nto %2:%3").arg(sources.join(QLatin1Char('\n')), machine, t.remotePath));
        }
        const QLocale l;
        item->setText(Progress, t.state == QLatin1String("done")
                                    ? l.formattedDataSize(t.bytesTotal)
                                    : tr("%1 of %2")
                                          .arg(l.formattedDataSize(t.bytesDone),
                                               l.formattedDataSize(t.bytesTotal)));
        item->setText(State, stateText(t.state));
        item->setData(What, kIdRole, t.id);
        item->setData(What, kStateRole, t.state);
        if (t.id == selected)
            m_tree->setCurrentItem(item);
    }
    updateButtons();
}

QTreeWidgetItem *TransferList::itemFor(const QString &id) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->data(What, kIdRole).toString() == id)
            return m_tree->topLevelItem(i);
    }
    return nullptr;
}

QString TransferList::selectedId() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(What, kIdRole).toString() : QString();
}

void TransferList::updateButtons()
{
    const QString id = selectedId();
    const QTreeWidgetItem *item = m_tree->currentItem();
    const QString state = item ? item->data(What, kStateRole).toString() : QString();
    m_cancel->setEnabled(!id.isEmpty() && m_transfers->isRunning(id));
    m_resume->setEnabled(!id.isEmpty() && !m_transfers->isRunning(id) &&
                         state != QLatin1String("done"));
}

} // namespace td
