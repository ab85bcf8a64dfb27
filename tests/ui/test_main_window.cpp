// The main window offscreen: pick a tier, launch a short Local job, see chart points and a
// history row; reopen and find the job again.
#include "core/catalog/Catalog.h"
#include "core/jobs/JobService.h"
#include "core/store/Store.h"
#include "ui/charts/MetricsChart.h"
#include "ui/main/DashboardPanel.h"
#include "ui/main/HistoryPanel.h"
#include "ui/main/JobHistoryModel.h"
#include "ui/main/LaunchPanel.h"
#include "ui/main/MachinesPanel.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tierPickerShowsPriceFitAndCost();
    void launchShortLocalJob();
    void reopenShowsHistory();
    void historyFilter();

private:
    QTemporaryDir m_data;
    QString m_jobId;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // never the user's own settings
    QVERIFY(m_data.isValid());
    if (!EngineConfig::checkDataset(EngineConfig::defaultDatasetDir()).isEmpty())
        QSKIP("Fashion-MNIST is not installed (package dataset-fashion-mnist)");
}

void TestMainWindow::tierPickerShowsPriceFitAndCost()
{
    QString error;
    auto store = Store::open(m_data.path(), &error);
    QVERIFY2(store, qPrintable(error));
    JobService jobs(store.get(), m_data.path());
    jobs.recover();
    QStringList warnings;
    MainWindow w(store.get(), &jobs, Catalog::loadBuiltIn(&warnings), m_data.path());
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    w.show();
    LaunchPanel *launch = w.launchPanel();

    // AWS g4dn.xlarge: 1x T4 16 GB at 0.526 USD/h, a CUDA tier the MLP fits on.
    QVERIFY(launch->selectTier(QStringLiteral("aws-ec2"), QStringLiteral("g4dn.xlarge")));
    QVERIFY2(launch->priceLabel()->text().contains(QStringLiteral("0.53")) ||
                 launch->priceLabel()->text().contains(QStringLiteral("0.526")),
             qPrintable(launch->priceLabel()->text()));
    QVERIFY2(launch->fitLabel()->text().contains(QStringLiteral("✔")),
             qPrintable(launch->fitLabel()->text()));
    QVERIFY(!launch->costLabel()->text().isEmpty());
    QVERIFY(!launch->launchButton()->isEnabled()); // remote launch is not offered as if it worked

    // An absurd batch size on the same card does not fit, and says so before launch.
    EngineConfig big = launch->config();
    big.model = QStringLiteral("resnet-small");
    big.batchSize = 65536;
    launch->setConfig(big);
    QVERIFY2(launch->fitLabel()->text().contains(QStringLiteral("✘")),
             qPrintable(launch->fitLabel()->text()));

    QVERIFY(launch->selectTier(QStringLiteral("local"), QStringLiteral("local-cpu")));
    QVERIFY(launch->launchButton()->isEnabled());
}

void TestMainWindow::launchShortLocalJob()
{
    QString error;
    auto store = Store::open(m_data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), m_data.path());
    jobs.recover();
    MainWindow w(store.get(), &jobs, Catalog::loadBuiltIn(), m_data.path());
    w.show();
    QVERIFY(w.launchPanel()->selectTier(QStringLiteral("local"), QStringLiteral("local-cpu")));
    EngineConfig c;
    c.limitTrain = 3000;
    c.epochs = 2;
    c.threads = 1;
    w.launchPanel()->setConfig(c);

    QSignalSpy finished(&jobs, &JobService::jobFinished);
    QTest::mouseClick(w.launchPanel()->launchButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    m_jobId = finished.first().first().toString();
    QVERIFY(!m_jobId.isEmpty());
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.dashboard()));
    QCOMPARE(w.dashboard()->jobId(), m_jobId);
    QTest::qWait(300); // the chart redraws on a short timer
    QVERIFY(w.dashboard()->chart()->pointCount(MetricsChart::TrainLoss) > 0);
    QVERIFY(w.dashboard()->chart()->shownPointCount(MetricsChart::TrainLoss) > 0);
    QVERIFY(w.dashboard()->chart()->pointCount(MetricsChart::TestAccuracy) > 0);
    QVERIFY(!w.dashboard()->logView()->toPlainText().isEmpty());

    JobHistoryModel *model = w.historyModel();
    const int row = model->rowOf(m_jobId);
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, JobHistoryModel::State).data().toString(),
             JobHistoryModel::stateText(JobState::Succeeded));
    QVERIFY(model->index(row, JobHistoryModel::FinalAccuracy)
                .data()
                .toString()
                .endsWith(QLatin1Char('%')));
    QVERIFY(store->flush());
}

void TestMainWindow::reopenShowsHistory()
{
    QVERIFY(!m_jobId.isEmpty());
    QString error;
    auto store = Store::open(m_data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), m_data.path());
    jobs.recover();
    MainWindow w(store.get(), &jobs, Catalog::loadBuiltIn(), m_data.path());
    w.show();
    QCOMPARE(w.historyModel()->rowOf(m_jobId), 0);
    QCOMPARE(w.dashboard()->jobId(), m_jobId); // the last job is shown again
    QTest::qWait(300);
    QVERIFY(w.dashboard()->chart()->pointCount(MetricsChart::TrainLoss) > 0);
    QVERIFY(w.machines()->list()->count() >= 1);
}

void TestMainWindow::historyFilter()
{
    QString error;
    auto store = Store::open(m_data.path(), &error);
    QVERIFY(store);
    JobService jobs(store.get(), m_data.path());
    MainWindow w(store.get(), &jobs, Catalog::loadBuiltIn(), m_data.path());
    HistoryPanel *h = w.history();
    QCOMPARE(h->view()->model()->rowCount(), 1);
    h->filterEdit()->setText(QStringLiteral("no job matches this"));
    QCOMPARE(h->view()->model()->rowCount(), 0);
    h->filterEdit()->setText(QStringLiteral("mlp"));
    QCOMPARE(h->view()->model()->rowCount(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
