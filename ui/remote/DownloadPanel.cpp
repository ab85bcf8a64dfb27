#include "ui/remote/DownloadPanel.h"

#include "ui/remote/UploadPanel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace td {

QString DownloadPanel::defaultDownloadRoot()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (base.isEmpty())
        base = QDir::homePath();
    return QDir(base).filePath(QStringLiteral("TrainDeck"));
}

DownloadPanel::DownloadPanel(TransferCenter *transfers, QWidget *parent)
    : QGroupBox(tr("Download from the machine"), parent), m_transfers(transfers)
{
    m_remotePath = new QLineEdit(this);
    m_remotePath->setPlaceholderText(tr("A folder or a file, e.g. ~/.traindeck/jobs"));
    m_localDir = new QLineEdit(defaultDownloadRoot(), this);
    m_browse = new QPushButton(tr("Choose…"), this);
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_localDir, 1);
    localRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("On the machine:"), m_remotePath);
    form->addRow(tr("Into this folder:"), localRow);

    m_download = new QPushButton(tr("Download ▼"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setToolTip(tr("Continue the failed download: finished files are kept, a cut-off "
                            "file continues where it stopped"));
    auto *actions = new QHBoxLayout;
    actions->addStretch(1);
    actions->addWidget(m_resume);
    actions->addWidget(m_cancel);
    actions->addWidget(m_download);

    m_totalBar = new QProgressBar(this);
    m_totalBar->setValue(0);
    m_stats = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_status->setOpenExternalLinks(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_totalBar);
    layout->addWidget(m_stats);
    layout->addWidget(m_status);

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Download Into"), m_localDir->text());
        if (!dir.isEmpty())
            m_localDir->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_download, &QPushButton::clicked, this, &DownloadPanel::startDownload);
    connect(m_remotePath, &QLineEdit::returnPressed, this, &DownloadPanel::startDownload);
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
            m_status->setText(error.toHtmlEscaped());
        }
        updateButtons();
    });
    connect(m_status, &QLabel::linkActivated, this,
            [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
    connect(m_transfers, &TransferCenter::progress, this, &DownloadPanel::onProgress);
    connect(m_transfers, &TransferCenter::downloadFinished, this, &DownloadPanel::onFinished);
    setMachine(MachineRecord{});
}

void DownloadPanel::setMachine(const MachineRecord &machine)
{
    const bool remote = !machine.id.isEmpty() && machine.provider != QLatin1String("local");
    if (machine.id != m_machine.id && remote) {
        const QString root =
            machine.remoteRoot.isEmpty() ? QStringLiteral("~/.traindeck") : machine.remoteRoot;
        m_remotePath->setText(root + QStringLiteral("/jobs"));
    }
    m_machine = remote ? machine : MachineRecord{};
    setTitle(remote ? tr("Download from %1").arg(machine.name) : tr("Download from the machine"));
    if (!remote && m_transferId.isEmpty())
        m_status->setText(tr("Select a remote machine in the list to download from it."));
    else if (m_transferId.isEmpty() && m_failedId.isEmpty())
        m_status->clear();
    updateButtons();
}

bool DownloadPanel::startDownload()
{
    if (m_machine.id.isEmpty() || !m_transferId.isEmpty())
        return false;
    QString error;
    const QString id = m_transfers->download(
        m_machine.id, m_remotePath->text(), QDir::fromNativeSeparators(m_localDir->text()), &error);
    if (id.isEmpty()) {
        m_status->setText(error.toHtmlEscaped());
        return false;
    }
    m_transferId = id;
    m_failedId.clear();
    m_totalBar->setValue(0);
    m_stats->clear();
    m_status->setText(tr("Connecting to %1…").arg(m_machine.name.toHtmlEscaped()));
    updateButtons();
    return true;
}

void DownloadPanel::onProgress(const QString &id, const TransferProgress &p)
{
    if (id != m_transferId)
        return;
    m_status->setText(tr("Downloading %1…").arg(p.currentFile.toHtmlEscaped()));
    m_totalBar->setValue(
        p.bytesTotal > 0 ? int(std::clamp<qint64>(p.bytesDone * 100 / p.bytesTotal, 0, 100)) : 0);
    m_stats->setText(formatTransferStats(p));
}

void DownloadPanel::onFinished(const QString &id, const DownloadReport &report,
                               const SshError &error)
{
    if (id != m_transferId)
        return;
    m_transferId.clear();
    if (!error) {
        m_totalBar->setValue(100);
        const QString folder = QDir::fromNativeSeparators(m_localDir->text());
        const QLocale l;
        QString text = tr("Done: %1 files, %2 received, %3 unchanged, %4 resumed (%5 in %6 s). "
                          "<a href=\"%7\">Open the folder</a>")
                           .arg(report.filesTotal)
                           .arg(report.filesSent)
                           .arg(report.filesUnchanged)
                           .arg(report.filesResumed)
                           .arg(l.formattedDataSize(report.bytesReceived))
                           .arg(l.toString(report.elapsedMs / 1000.0, 'f', 1))
                           .arg(QUrl::fromLocalFile(folder).toString(QUrl::FullyEncoded));
        if (!report.filesChanging.isEmpty())
            text += QStringLiteral("<br>") +
                    tr("%n file(s) changed while they were read (a running job?): you have an "
                       "earlier version; download again later for the final one.",
                       nullptr, int(report.filesChanging.size()))
                        .toHtmlEscaped();
        m_status->setText(text);
        m_status->setToolTip(report.filesChanging.join(QLatin1Char('\n')));
    } else if (error.kind == SshErrorKind::Cancelled) {
        m_failedId = id;
        m_status->setText(tr("Cancelled. Resume continues where it stopped."));
    } else {
        m_failedId = id;
        m_status->setText(tr("The download failed: %1").arg(error.message.toHtmlEscaped()));
    }
    updateButtons();
    Q_EMIT downloadFinished(!error);
}

void DownloadPanel::updateButtons()
{
    const bool machine = !m_machine.id.isEmpty();
    const bool running = !m_transferId.isEmpty();
    m_download->setEnabled(machine && !running);
    m_cancel->setEnabled(running);
    m_resume->setVisible(!m_failedId.isEmpty());
    m_resume->setEnabled(machine && !running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_remotePath, m_localDir, m_browse})
        w->setEnabled(machine && !running);
}

} // namespace td
