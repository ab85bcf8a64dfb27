// The remote side of the main window against the real sshd: the connect dialog parses a pasted
// line; adding a machine through it (fingerprint answered by the dialog seam) stores it; the
// Upload page sends a tree with progress to 100 % and the Download panel fetches it back (and
// resumes a failed download); Launch starts the bundled engine on the machine (uploaded there
// first), the Dashboard and History show the job, and History downloads its results.
#include "core/catalog/Catalog.h"
#include "core/jobs/JobService.h"
#include "core/providers/MachineService.h"
#include "core/store/Store.h"
#include "core/util/AppSetup.h"
#include "ui/charts/MetricsChart.h"
#include "ui/main/DashboardPanel.h"
#include "ui/main/HistoryPanel.h"
#include "ui/main/JobHistoryModel.h"
#include "ui/main/LaunchPanel.h"
#include "ui/main/MachinesPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/remote/ConnectDialog.h"
#include "ui/remote/DownloadPanel.h"
#include "ui/remote/FingerprintDialog.h"
#include "ui/remote/MessageBox.h"
#include "ui/remote/TransferList.h"
#include "ui/remote/UploadPanel.h"

#include "RemoteTestUtil.h"
#include "SshdFixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace td;
using namespace td::test;

namespace {
// Screenshots for the docs and for looking at the pages: TRAINDECK_SCREENSHOT_DIR=/some/dir.
void shot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("TRAINDECK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(50);
    w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}
} // namespace

class TestRemoteUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectDialogParsesPastedLine_data();
    void connectDialogParsesPastedLine();
    void connectDialogAliasPicker();
    void addMachineThroughDialog();
    void uploadTreeWithProgress();
    void downloadAndResume();
    void launchRemoteEngineJob();
    void downloadJobResultsFromHistory();
    void launchRemoteScriptJob();
    void removeMachineKeepsHistory();

private:
    SshdFixture m_sshd;
    QTemporaryDir m_data;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<MainWindow> m_window;
    Catalog m_catalog;
    QString m_machineId;
};

void TestRemoteUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // never the user's own settings
    // Screenshots in another language: TRAINDECK_LANG=zh_CN with TRAINDECK_SCREENSHOT_DIR.
    if (!qEnvironmentVariable("TRAINDECK_SCREENSHOT_DIR").isEmpty() &&
        !qEnvironmentVariable("TRAINDECK_LANG").isEmpty())
        installTranslators(*QCoreApplication::instance());
    QString error;
    if (!m_sshd.start(&error))
        QSKIP(qPrintable(QStringLiteral("cannot start the test sshd: ") + error));
    // Every connection of the app (jobs included) uses the fixture's known_hosts, no agent.
    qputenv("TRAINDECK_KNOWN_HOSTS", m_sshd.knownHostsPath().toUtf8());
    qputenv("SSH_AUTH_SOCK", "");
    MessageBox::setRecordOnly(true);
    m_catalog = Catalog::loadBuiltIn();
    m_store = Store::open(m_data.path(), &error);
    QVERIFY2(m_store, qPrintable(error));
    m_jobs = std::make_unique<JobService>(m_store.get(), m_data.path());
    m_jobs->recover();
    m_window = std::make_unique<MainWindow>(m_store.get(), m_jobs.get(), m_catalog, m_data.path());
    m_window->show();
}

void TestRemoteUi::cleanupTestCase()
{
    m_window.reset();
    m_jobs.reset();
    m_store.reset();
}

void TestRemoteUi::connectDialogParsesPastedLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("jump");
    QTest::newRow("autodl") << QStringLiteral("ssh -p 41234 root@connect.westb.seetacloud.com")
                            << QStringLiteral("connect.westb.seetacloud.com") << 41234
                            << QStringLiteral("root") << QString() << QString();
    QTest::newRow("key and jump") << QStringLiteral(
                                         "ssh -i ~/.ssh/rented -J me@bastion:2222 ubuntu@10.1.2.3")
                                  << QStringLiteral("10.1.2.3") << 22 << QStringLiteral("ubuntu")
                                  << QStringLiteral("~/.ssh/rented")
                                  << QStringLiteral("me@bastion:2222");
    QTest::newRow("no ssh word") << QStringLiteral("  root@gpu.example.org -p 2200 ")
                                 << QStringLiteral("gpu.example.org") << 2200
                                 << QStringLiteral("root") << QString() << QString();
}

void TestRemoteUi::connectDialogParsesPastedLine()
{
    QFETCH(QString, line);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, identity);
    QFETCH(QString, jump);
    MachineService service(m_store.get());
    ConnectDialog dialog(&service, &m_catalog);
    dialog.setSshConfigPath(m_data.filePath(QStringLiteral("no-such-config")));
    QTest::keyClicks(dialog.pasteEdit(), line);
    QCOMPARE(dialog.hostEdit()->text(), host);
    QCOMPARE(dialog.portBox()->value(), port);
    QCOMPARE(dialog.userEdit()->text(), user);
    QCOMPARE(dialog.identityEdit()->text(), identity);
    QCOMPARE(dialog.jumpEdit()->text(), jump);
    QVERIFY(dialog.pasteStatus()->text().contains(host));
    QCOMPARE(dialog.draft().endpoint.effectivePort(), port);

    // Something that is not an ssh line says so and leaves the fields alone.
    dialog.pasteEdit()->setText(QStringLiteral("ssh -p"));
    QVERIFY(!dialog.pasteStatus()->text().isEmpty());
    QCOMPARE(dialog.hostEdit()->text(), host);
}

void TestRemoteUi::connectDialogAliasPicker()
{
    const QString config = m_data.filePath(QStringLiteral("ssh_config"));
    QVERIFY(writeFile(config, "Host lab\n  HostName 192.0.2.7\n  Port 2022\n  User alice\n"
                              "Host *\n  ServerAliveInterval 30\n"));
    MachineService service(m_store.get());
    ConnectDialog dialog(&service, &m_catalog);
    dialog.setSshConfigPath(config);
    const int index = dialog.aliasBox()->findText(QStringLiteral("lab"));
    QVERIFY(index > 0);
    QCOMPARE(dialog.aliasBox()->count(), 2); // the wildcard is not a host to pick
    dialog.aliasBox()->setCurrentIndex(index);
    Q_EMIT dialog.aliasBox()->activated(index);
    QCOMPARE(dialog.hostEdit()->text(), QStringLiteral("192.0.2.7"));
    QCOMPARE(dialog.portBox()->value(), 2022);
    QCOMPARE(dialog.userEdit()->text(), QStringLiteral("alice"));
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("lab"));
    QCOMPARE(dialog.draft().endpoint.configAlias, QStringLiteral("lab"));
    // Providers without a driven cloud API say "connect by SSH"; an empty host is refused inline.
    dialog.providerBox()->setCurrentIndex(dialog.providerBox()->findData(QStringLiteral("autodl")));
    QVERIFY(dialog.tierBox()->count() > 1);
    dialog.hostEdit()->clear();
    QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
    QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
    QVERIFY(!service.isBusy());
}

void TestRemoteUi::addMachineThroughDialog()
{
    ConnectDialog *dialog = m_window->addMachine();
    QVERIFY(dialog);
    QPointer<ConnectDialog> guard(dialog);
    dialog->pasteEdit()->setText(QStringLiteral("ssh -p %1 -i %2 %3@%4")
                                     .arg(m_sshd.port())
                                     .arg(m_sshd.userKeyPath(), m_sshd.userName(), m_sshd.host()));
    QCOMPARE(dialog->portBox()->value(), m_sshd.port());
    dialog->nameEdit()->setText(QStringLiteral("fixture"));
    dialog->remoteRootEdit()->setText(m_sshd.remoteRoot());
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(QStringLiteral("ssh")));
    dialog->priceBox()->setValue(2.5);
    dialog->currencyBox()->setCurrentText(QStringLiteral("CNY"));

    shot(dialog, QStringLiteral("connect-dialog"));
    {
        HostKeyInfo info;
        info.host = m_sshd.host();
        info.port = m_sshd.port();
        info.keyType = QStringLiteral("ssh-ed25519");
        info.sha256Fingerprint = m_sshd.hostKeyFingerprint();
        info.knownHostsPath = m_sshd.knownHostsPath();
        FingerprintDialog fp(info);
        fp.show();
        QVERIFY(fp.findChild<QLabel *>(QStringLiteral("fingerprint"))->text() ==
                info.sha256Fingerprint);
        QVERIFY(fp.rejectButton()->isDefault());
        shot(&fp, QStringLiteral("fingerprint-dialog"));
    }
    FingerprintDialog::setNextAnswer(true);
    QSignalSpy added(m_window->machineService(), &MachineService::machineAdded);
    QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
    QVERIFY(added.wait(30000));
    QCOMPARE(FingerprintDialog::lastAsked().sha256Fingerprint, m_sshd.hostKeyFingerprint());
    QCOMPARE(FingerprintDialog::lastAsked().port, m_sshd.port());
    QTRY_VERIFY(guard.isNull()); // accepted and closed

    const MachineRecord m = added.first().first().value<MachineRecord>();
    m_machineId = m.id;
    QVERIFY(m_store->flush());
    const auto stored = m_store->machine(m.id);
    QVERIFY(stored);
    QCOMPARE(stored->name, QStringLiteral("fixture"));
    QCOMPARE(stored->hostKeySha256, m_sshd.hostKeyFingerprint());
    QCOMPARE(stored->remoteRoot, m_sshd.remoteRoot());
    QVERIFY(!stored->factsJson.isEmpty());

    // The machine list shows it with its price and state; a machine without nvidia-smi says so.
    const QString row = m_window->machines()->rowText(m.id);
    QVERIFY2(row.contains(QStringLiteral("fixture")) && row.contains(QStringLiteral("2.50")) &&
                 row.contains(QStringLiteral("idle")),
             qPrintable(row));
    if (!stored->factsJson.contains(QStringLiteral("\"gpus\":[{")))
        QVERIFY2(row.contains(QStringLiteral("no GPU")), qPrintable(row));
    QCOMPARE(m_window->machines()->selectedMachineId(), m.id);
    QCOMPARE(m_window->uploadPanel()->machineId(), m.id);
}

void TestRemoteUi::uploadTreeWithProgress()
{
    QVERIFY(!m_machineId.isEmpty());
    QTemporaryDir local;
    const QString tree = local.filePath(QStringLiteral("dataset"));
    QVERIFY(writeFile(tree + QStringLiteral("/big.bin"), randomBytes(6 << 20, 7)));
    QVERIFY(writeFile(tree + QStringLiteral("/labels/a.txt"), "cat\n"));
    QVERIFY(writeFile(tree + QStringLiteral("/labels/b c.txt"), "dog\n"));
    QVERIFY(writeFile(tree + QStringLiteral("/readme.md"), "# data\n"));
    // A link to a folder is not followed, and the page says so.
    QVERIFY(QFile::link(local.path(), tree + QStringLiteral("/elsewhere")));

    UploadPanel *panel = m_window->uploadPanel();
    m_window->tabs()->setCurrentWidget(panel->parentWidget());
    panel->setSources({tree});
    const QString remoteDir = m_sshd.remoteRoot() + QStringLiteral("/data/dataset");
    panel->remoteDirEdit()->setText(remoteDir);
    QVERIFY(panel->uploadButton()->isEnabled());
    QSignalSpy percent(panel, &UploadPanel::percentChanged);
    QSignalSpy done(panel, &UploadPanel::uploadFinished);
    QTest::mouseClick(panel->uploadButton(), Qt::LeftButton);
    QVERIFY(!panel->uploadButton()->isEnabled());
    QVERIFY(panel->cancelButton()->isEnabled());
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(panel->statusLabel()->text()));
    shot(m_window.get(), QStringLiteral("upload-page"));
    QVERIFY(!percent.isEmpty());
    QCOMPARE(percent.last().first().toInt(), 100);
    QCOMPARE(panel->totalBar()->value(), 100);
    QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("Not sent")) &&
                 panel->statusLabel()->text().contains(QStringLiteral("elsewhere")),
             qPrintable(panel->statusLabel()->text()));
    QVERIFY(QFile::remove(tree + QStringLiteral("/elsewhere")));
    QCOMPARE(treeDigest(remoteDir), treeDigest(tree));

    QVERIFY(m_store->flush());
    const QList<TransferRecord> transfers = m_store->transfers();
    QVERIFY(!transfers.isEmpty());
    QCOMPARE(transfers.first().state, QStringLiteral("done"));
    QCOMPARE(transfers.first().machineId, m_machineId);
    QTRY_VERIFY(m_window->transferList()->tree()->topLevelItemCount() >= 1);
    QCOMPARE(m_window->transferList()->tree()->topLevelItem(0)->text(2),
             TransferList::stateText(QStringLiteral("done")));

    // A file deleted here goes on the machine too when the box is ticked.
    QVERIFY(QFile::remove(tree + QStringLiteral("/labels/b c.txt")));
    panel->removeDeletedBox()->setChecked(true);
    done.clear();
    QVERIFY(panel->startUpload());
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(panel->statusLabel()->text()));
    QVERIFY(!QFileInfo::exists(remoteDir + QStringLiteral("/labels/b c.txt")));
    QCOMPARE(treeDigest(remoteDir), treeDigest(tree));
    QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("deleted on the machine")),
             qPrintable(panel->statusLabel()->text()));
    panel->removeDeletedBox()->setChecked(false);
}

void TestRemoteUi::downloadAndResume()
{
    QVERIFY(!m_machineId.isEmpty());
    DownloadPanel *panel = m_window->downloadPanel();
    QCOMPARE(panel->machineId(), m_machineId);
    m_window->tabs()->setCurrentWidget(panel->parentWidget());
    QTemporaryDir local;
    const QString target = local.filePath(QStringLiteral("fetched"));
    const QString later = m_sshd.remoteRoot() + QStringLiteral("/results later");

    // A path that is not there yet: a clear failure, then Resume once it exists.
    panel->remotePathEdit()->setText(later);
    panel->localDirEdit()->setText(target);
    QSignalSpy done(panel, &DownloadPanel::downloadFinished);
    QVERIFY(panel->downloadButton()->isEnabled());
    QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("no file or folder")),
             qPrintable(panel->statusLabel()->text()));
    QVERIFY(panel->resumeButton()->isVisible());

    QVERIFY(writeFile(later + QStringLiteral("/ckpt/last.tdk"), randomBytes(3 << 20, 9)));
    QVERIFY(writeFile(later + QStringLiteral("/metrics.jsonl"), "{\"loss\":1}\n"));
    done.clear();
    QTest::mouseClick(panel->resumeButton(), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(panel->statusLabel()->text()));
    QCOMPARE(treeDigest(target), treeDigest(later));
    QCOMPARE(panel->totalBar()->value(), 100);
    QVERIFY(!panel->resumeButton()->isVisible());
    shot(m_window.get(), QStringLiteral("download-panel"));

    // The transfer list shows the download, finished, with the machine it came from.
    QVERIFY(m_store->flush());
    QTRY_VERIFY(m_window->transferList()->tree()->topLevelItemCount() >= 2);
    QTreeWidgetItem *row = m_window->transferList()->tree()->topLevelItem(0);
    QVERIFY2(row->text(0).contains(QStringLiteral("results later")), qPrintable(row->text(0)));
    QCOMPARE(row->text(2), TransferList::stateText(QStringLiteral("done")));
    const TransferRecord record = m_store->transfers().first();
    QCOMPARE(record.direction, QStringLiteral("download"));
    QCOMPARE(record.localPath, target);
    QCOMPARE(record.bytesTotal, qint64((3 << 20) + 11));
}

void TestRemoteUi::launchRemoteEngineJob()
{
    QVERIFY(!m_machineId.isEmpty());
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
    LaunchPanel *launch = m_window->launchPanel();
    m_window->tabs()->setCurrentWidget(launch);
    QVERIFY(launch->selectMachine(m_machineId));
    QCOMPARE(launch->selectedMachineId(), m_machineId);
    launch->setScriptMode(false);
    EngineConfig c;
    c.limitTrain = 3000; // with the default --log-every 20: a few step lines per epoch
    c.epochs = 2;
    c.threads = 1;
    launch->setConfig(c);
    QVERIFY(launch->launchButton()->isEnabled());
    shot(m_window.get(), QStringLiteral("launch-remote"));

    // This build's engine has no CUDA: doctor says CPU only, and the app asks before using it.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QSignalSpy finished(m_jobs.get(), &JobService::jobFinished);
    QTest::mouseClick(launch->launchButton(), Qt::LeftButton);
    QVERIFY(finished.wait(240000));
    const QString id = finished.first().first().toString();
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("CPU")),
             qPrintable(MessageBox::lastText()));

    const QString engine = m_sshd.remoteRoot() + QStringLiteral("/engine/traindeck-engine");
    QVERIFY(QFileInfo(engine).isExecutable());
    QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget *>(m_window->dashboard()));
    QCOMPARE(m_window->dashboard()->jobId(), id);
    QTest::qWait(300); // the chart redraws on a short timer
    QVERIFY(m_window->dashboard()->chart()->pointCount(MetricsChart::TrainLoss) > 0);
    QVERIFY(m_window->dashboard()->chart()->pointCount(MetricsChart::TestAccuracy) > 0);
    shot(m_window.get(), QStringLiteral("remote-dashboard"));

    QVERIFY(m_store->flush());
    const auto job = m_store->job(id);
    QVERIFY(job);
    QCOMPARE(job->machineId, m_machineId);
    QVERIFY2(job->state == JobState::Succeeded, qPrintable(job->summaryJson));
    QVERIFY(job->command.startsWith(engine));
    JobHistoryModel *model = m_window->historyModel();
    const int row = model->rowOf(id);
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, JobHistoryModel::State).data().toString(),
             JobHistoryModel::stateText(JobState::Succeeded));
}

void TestRemoteUi::downloadJobResultsFromHistory()
{
    QVERIFY(!m_machineId.isEmpty());
    QVERIFY(m_store->flush());
    QString jobId;
    for (const JobRecord &j : m_store->jobs()) {
        if (j.machineId == m_machineId && j.kind == QLatin1String("engine"))
            jobId = j.id;
    }
    if (jobId.isEmpty())
        QSKIP("no remote engine job ran (see launchRemoteEngineJob)");
    HistoryPanel *history = m_window->history();
    m_window->tabs()->setCurrentWidget(history);
    m_window->historyModel()->reload();
    history->selectJob(jobId);
    QVERIFY(history->downloadButton()->isEnabled());

    QTemporaryDir local;
    QSignalSpy done(m_window->downloadPanel(), &DownloadPanel::downloadFinished);
    const QString id = m_window->downloadJobResults(jobId, local.path());
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_store->flush();
            for (const TransferRecord &t : m_store->transfers())
                if (t.id == id)
                    return t.state == QLatin1String("done");
            return false;
        }(),
        60000);
    const QString folder = local.filePath(QStringLiteral("job-") + jobId.left(8));
    const auto job = m_store->job(jobId);
    QVERIFY(job);
    QVERIFY(QFileInfo(folder + QStringLiteral("/metrics.jsonl")).size() > 0);
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/run.log")));
    // Local copies are byte-identical to the machine's (the job has ended: nothing changes).
    QCOMPARE(treeDigest(folder), treeDigest(job->remoteDir));
    QVERIFY(done.isEmpty()); // the Download panel only reports its own transfers
}

void TestRemoteUi::launchRemoteScriptJob()
{
    QVERIFY(!m_machineId.isEmpty());
    LaunchPanel *launch = m_window->launchPanel();
    QVERIFY(launch->selectMachine(m_machineId));
    m_window->tabs()->setCurrentWidget(launch);
    launch->setScriptMode(true);
    QVERIFY(!launch->launchButton()->isEnabled()); // no command yet
    launch->commandEdit()->setText(QStringLiteral("sh -c 'echo hello from $0' script"));
    QVERIFY(launch->launchButton()->isEnabled());
    shot(m_window.get(), QStringLiteral("launch-script"));
    QSignalSpy finished(m_jobs.get(), &JobService::jobFinished);
    QTest::mouseClick(launch->launchButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    const QString id = finished.first().first().toString();
    QVERIFY(m_store->flush());
    const auto job = m_store->job(id);
    QVERIFY(job);
    QCOMPARE(job->kind, QStringLiteral("script"));
    QVERIFY2(job->state == JobState::Succeeded, qPrintable(job->summaryJson));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dashboard()->logView()->toPlainText().contains(
                                 QStringLiteral("hello from script")),
                             5000);
    launch->setScriptMode(false);
}

void TestRemoteUi::removeMachineKeepsHistory()
{
    QVERIFY(!m_machineId.isEmpty());
    const int jobsBefore = int(m_store->jobsForMachine(m_machineId).size());
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!m_window->removeMachine(m_machineId));
    QVERIFY(m_store->machine(m_machineId));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(m_window->removeMachine(m_machineId));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Kept")));
    QVERIFY(m_store->flush());
    QVERIFY(!m_store->machine(m_machineId));
    QVERIFY(m_window->machines()->rowText(m_machineId).isEmpty());
    int orphaned = 0;
    for (const JobRecord &j : m_store->jobs())
        orphaned += j.machineId.isEmpty() ? 1 : 0;
    QCOMPARE(orphaned, jobsBefore);
    // Without a machine for the provider, Launch says what to do instead of pretending.
    LaunchPanel *launch = m_window->launchPanel();
    launch->providerBox()->setCurrentIndex(launch->providerBox()->findData(QStringLiteral("ssh")));
    QVERIFY(!launch->launchButton()->isEnabled());
    QVERIFY(launch->connectNote()->text().contains(QStringLiteral("Add a machine first")));
}

QTEST_MAIN(TestRemoteUi)
#include "test_remote_ui.moc"
