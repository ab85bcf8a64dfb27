// traindeck: the desktop application. Everything it does lives in core/ and ui/.
#include "core/catalog/Catalog.h"
#include "core/jobs/JobService.h"
#include "core/store/Store.h"
#include "core/util/AppSetup.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    td::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("TrainDeck"));
    td::installTranslators(app);

    const QString dataDir = td::resolveDataDir(QApplication::arguments());
    QString error;
    std::unique_ptr<td::Store> store = td::Store::open(dataDir, &error);
    if (!store) {
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "TrainDeck"),
            QApplication::translate("main", "Cannot open TrainDeck's data folder.\n\n%1\n\n"
                                            "Choose another folder with --data-dir.")
                .arg(error));
        return 1;
    }

    QStringList warnings;
    td::Catalog catalog = td::Catalog::loadBuiltIn(&warnings);
    QList<td::TierPriceOverride> overrides;
    const QList<td::PriceOverride> stored = store->priceOverrides();
    for (const td::PriceOverride &o : stored)
        overrides.append(
            td::TierPriceOverride{o.provider, o.tier, o.price, o.currency, o.updatedAt});
    catalog.applyPriceOverrides(overrides, &warnings);

    td::JobService jobs(store.get(), dataDir);
    jobs.recover(true); // remote jobs ran on without the app: follow them again

    td::MainWindow window(store.get(), &jobs, std::move(catalog), dataDir);
    window.show();
    if (!warnings.isEmpty())
        QMessageBox::warning(
            &window, QApplication::translate("main", "GPU Catalog"),
            QApplication::translate("main", "Parts of the GPU catalog could not be loaded:\n\n%1")
                .arg(warnings.join(QLatin1Char('\n'))));
    const int rc = QApplication::exec();
    jobs.stopAll();
    store->flush();
    return rc;
}
