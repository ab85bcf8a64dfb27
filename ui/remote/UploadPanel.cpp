#include "ui/remote/UploadPanel.h"

#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace td {

namespace {
int percentOf(qint64 done, qint64 total)
{
    if (total <= 0)
        return 100;
    return int(std::clamp<qint64>(done * 100 / total, 0, 100));
}
} // namespace

QString formatTransferStats(const TransferProgress &p)
{
    const QLocale l;
    QString text = UploadPanel::tr("%1 of %2")
                       .arg(l.formattedDataSize(p.bytesDone), l.formattedDataSize(p.bytesTotal));
    if (p.bytesPerSecond > 0)
        text += QStringLiteral(" · ") +
                UploadPanel::tr("%1/s").arg(l.formattedDataSize(qint64(p.bytesPerSecond)));
    if (p.etaSeconds >= 0)
        text += QStringLiteral(" · ") + UploadPanel::tr("%1:%2 left")
                                            .arg(p.etaSeconds / 60)
                                            .arg(p.etaSeconds % 60, 2, 10, QLatin1Char('0'));
    if (p.filesTotal > 0)
        text += QStringLiteral(" · ") +
                UploadPanel::tr("%1 of %2 files").arg(p.filesDone).arg(p.filesTotal);
    return text;
}

UploadPanel::UploadPanel(TransferCenter *transfers, QWidget *parent)
    : QWidget(parent), m_transfers(transfers)
{
    setAcceptDrops(true);
    m_target = new QLabel(this);
    m_target->setWordWrap(true);
    QFont bold = m_target->font();
    bold.setBold(true);
    m_target->setFont(bold);

    m_list = new QListWidget(this);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setMinimumHeight(120);
    m_list->setToolTip(tr("Drop files or folders here"));
    auto *dropHint = new QLabel(tr("Drop files or folders here, or add them with the buttons. "
                                   "Unchanged files are skipped (SHA-256), .gitignore and "
                                   ".traindeckignore are honoured."),
                                this);
    dropHint->setWordWrap(true);
    dropHint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_addFiles = new QPushButton(tr("Add Files…"), this);
    m_addFolder = new QPushButton(tr("Add Folder…"), this);
    m_clear = new QPushButton(tr("Clear"), this);
    auto *listButtons = new QVBoxLayout;
    listButtons->addWidget(m_addFiles);
    listButtons->addWidget(m_addFolder);
    listButtons->addWidget(m_clear);
    listButtons->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(listButtons);

    m_remoteDir = new QLineEdit(this);
    m_removeDeleted = new QCheckBox(tr("Also delete on the machine what I deleted here"), this);
    m_removeDeleted->setToolTip(tr("Only files that an earlier upload from this computer put "
                                   "into this folder; files made on the machine are never "
                                   "touched"));
    auto *targetForm = new QFormLayout;
    targetForm->addRow(tr("Folder on the machine:"), m_remoteDir);
    targetForm->addRow(QString(), m_removeDeleted);

    m_upload = new QPushButton(tr("Upload ▲"), this);
    m_upload->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setToolTip(tr("Continue the failed upload: finished files are kept, a cut-off file "
                            "continues where it stopped"));
    auto *actions = new QHBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_resume);
    actions->addWidget(m_cancel);
    actions->addWidget(m_upload);

    m_file = new QLabel(this);
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileBar = new QProgressBar(this);
    m_totalBar = new QProgressBar(this);
    m_stats = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *progressBox = new QGroupBox(tr("Progress"), this);
    auto *progressForm = new QFormLayout(progressBox);
    progressForm->addRow(tr("File:"), m_file);
    progressForm->addRow(QString(), m_fileBar);
    progressForm->addRow(tr("Total:"), m_totalBar);
    progressForm->addRow(QString(), m_stats);
    for (QProgressBar *b : {m_fileBar, m_totalBar})
        b->setValue(0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addWidget(dropHint);
    layout->addLayout(listRow, 1);
    layout->addLayout(targetForm);
    layout->addLayout(actions);
    layout->addWidget(progressBox);
    layout->addWidget(m_status);
    layout->addStretch(1);

    connect(m_addFiles, &QPushButton::clicked, this,
            [this] { addSources(QFileDialog::getOpenFileNames(this, tr("Files to Upload"))); });
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to Upload"));
        if (!dir.isEmpty())
            addSources({dir});
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_list->clear();
        updateButtons();
    });
    connect(m_upload, &QPushButton::clicked, this, &UploadPanel::startUpload);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_transferId.isEmpty()) {
            m_status->setText(tr("Cancelling…"));
            m_transfers->cancel(m_transferId);
        }
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        QString error;
        const QString id = m_failedId;
        if (m_transfers->resume(id, &error)) {
            m_transferId = id;
            m_failedId.clear();
            m_status->setText(tr("Resuming…"));
        } else {
            m_status->setText(error);
        }
        updateButtons();
    });
    connect(m_transfers, &TransferCenter::progress, this, &UploadPanel::onProgress);
    connect(m_transfers, &TransferCenter::finished, this, &UploadPanel::onFinished);
    setMachine(MachineRecord{});
}

void UploadPanel::setMachine(const MachineRecord &machine)
{
    const bool remote = !machine.id.isEmpty() && machine.provider != QLatin1String("local");
    if (machine.id != m_machine.id) {
        const QString root =
            machine.remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : machine.remoteRoot;
        m_remoteDir->setText(root + QStringLiteral("/data"));
    }
    m_machine = remote ? machine : MachineRecord{};
    m_target->setText(remote
                          ? tr("Upload to %1 (%2@%3)").arg(machine.name, machine.user, machine.host)
                          : tr("Select a remote machine in the list to upload to it."));
    updateButtons();
}

QStringList UploadPanel::sources() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->data(Qt::UserRole).toString();
    return out;
}

void UploadPanel::setSources(const QStringList &paths)
{
    m_list->clear();
    addSources(paths);
}

void UploadPanel::addSources(const QStringList &paths)
{
    const QStringList have = sources();
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (p.isEmpty() || !info.exists() || have.contains(info.absoluteFilePath()))
            continue;
        auto *item = new QListWidgetItem(m_icons.icon(info),
                                         QDir::toNativeSeparators(info.absoluteFilePath()), m_list);
        item->setData(Qt::UserRole, info.absoluteFilePath());
    }
    updateButtons();
}

bool UploadPanel::startUpload()
{
    if (m_machine.id.isEmpty() || !m_transferId.isEmpty())
        return false;
    QString error;
    const QString id = m_transfers->upload(m_machine.id, sources(), m_remoteDir->text(), &error,
                                           m_removeDeleted->isChecked());
    if (id.isEmpty()) {
        m_status->setText(error);
        return false;
    }
    m_transferId = id;
    m_failedId.clear();
    m_fileBar->setValue(0);
    m_totalBar->setValue(0);
    m_file->clear();
    m_stats->clear();
    m_status->setText(tr("Connecting to %1…").arg(m_machine.name));
    updateButtons();
    return true;
}

void UploadPanel::onProgress(const QString &id, const TransferProgress &p)
{
    if (id != m_transferId)
        return;
    m_status->setText(tr("Uploading…"));
    m_file->setText(p.currentFile);
    m_fileBar->setValue(percentOf(p.fileDone, p.fileTotal));
    const int total = percentOf(p.bytesDone, p.bytesTotal);
    m_totalBar->setValue(total);
    m_stats->setText(formatTransferStats(p));
    Q_EMIT percentChanged(total);
}

void UploadPanel::onFinished(const QString &id, const UploadReport &report, const SshError &error)
{
    if (id != m_transferId)
        return;
    m_transferId.clear();
    if (!error) {
        m_fileBar->setValue(100);
        m_totalBar->setValue(100);
        const QLocale l;
        QString text = tr("Done: %1 files, %2 sent, %3 unchanged, %4 resumed (%5 in %6 s).")
                           .arg(report.filesTotal)
                           .arg(report.filesSent)
                           .arg(report.filesUnchanged)
                           .arg(report.filesResumed)
                           .arg(l.formattedDataSize(report.bytesSent))
                           .arg(l.toString(report.elapsedMs / 1000.0, 'f', 1));
        if (report.filesRemoved > 0)
            text += QLatin1Char(' ') +
                    tr("%n file(s) deleted on the machine.", nullptr, report.filesRemoved);
        // Links, sockets and names that cannot be read are never sent: say which.
        if (!report.skipped.isEmpty()) {
            QStringList shown = report.skipped.mid(0, 3);
            if (report.skipped.size() > shown.size())
                shown << QStringLiteral("…");
            text += QLatin1Char(' ') + tr("Not sent (links, special files or unreadable names): %1")
                                           .arg(shown.join(QStringLiteral(", ")));
        }
        m_status->setText(text);
        m_status->setToolTip(report.skipped.join(QLatin1Char('\n')));
        Q_EMIT percentChanged(100);
    } else if (error.kind == SshErrorKind::Cancelled) {
        m_failedId = id;
        m_status->setText(tr("Cancelled. Resume continues where it stopped."));
    } else {
        m_failedId = id;
        m_status->setText(tr("The upload failed: %1").arg(error.message));
    }
    updateButtons();
    Q_EMIT uploadFinished(!error);
}

void UploadPanel::updateButtons()
{
    const bool machine = !m_machine.id.isEmpty();
    const bool running = !m_transferId.isEmpty();
    m_upload->setEnabled(machine && !running && m_list->count() > 0);
    m_cancel->setEnabled(running);
    m_resume->setVisible(!m_failedId.isEmpty());
    m_resume->setEnabled(machine && !running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_addFiles, m_addFolder, m_clear,
                                                       m_remoteDir, m_removeDeleted})
        w->setEnabled(machine && !running);
}

void UploadPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && !m_machine.id.isEmpty() && m_transferId.isEmpty())
        event->acceptProposedAction();
}

void UploadPanel::dropEvent(QDropEvent *event)
{
    QStringList paths;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &u : urls) {
        if (u.isLocalFile())
            paths << u.toLocalFile();
    }
    addSources(paths);
    event->acceptProposedAction();
}

} // namespace td
