// The GPU catalog: the real built-in files, and how broken files are reported.
#include "core/catalog/Catalog.h"
#include "core/catalog/Currency.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace td;

namespace {

const QString SourceCatalog = QStringLiteral(TRAINDECK_CATALOG_SOURCE_DIR);

const QStringList AllProviders = {QStringLiteral("local"),       QStringLiteral("ssh"),
                                  QStringLiteral("autodl"),      QStringLiteral("featurize"),
                                  QStringLiteral("alibaba-ecs"), QStringLiteral("tencent-cvm"),
                                  QStringLiteral("huawei-ecs"),  QStringLiteral("aws-ec2")};

QStringList providerIds(const Catalog &c)
{
    QStringList ids;
    for (const Provider &p : c.providers())
        ids << p.id;
    return ids;
}

QString issuesText(const Catalog &c)
{
    QStringList lines;
    for (const CatalogIssue &i : c.issues())
        lines << i.toString();
    return lines.join(QLatin1Char('\n'));
}

// A writable copy of the real catalog, for tests that break one file of it.
class CatalogCopy
{
public:
    CatalogCopy()
    {
        const QDir source(SourceCatalog);
        for (const QString &name : source.entryList({QStringLiteral("*.json")}, QDir::Files))
            QFile::copy(source.filePath(name), m_dir.filePath(name));
    }
    QString path() const { return m_dir.path(); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

    void write(const QString &name, const QByteArray &content) const
    {
        QFile f(file(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }
    void remove(const QString &name) const { QVERIFY(QFile::remove(file(name))); }
    QJsonObject read(const QString &name) const
    {
        QFile f(file(name));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private:
    QTemporaryDir m_dir;
};

// Sets (or, with an undefined value, removes) the value at `path` inside `node`. Path elements
// that parse as numbers index arrays.
QJsonValue edited(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    const QString head = path.takeFirst();
    bool isIndex = false;
    const int index = head.toInt(&isIndex);
    if (isIndex) {
        QJsonArray a = node.toArray();
        if (path.isEmpty() && value.isUndefined())
            a.removeAt(index);
        else if (path.isEmpty())
            a.replace(index, value);
        else
            a.replace(index, edited(a.at(index), path, value));
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && value.isUndefined())
        o.remove(head);
    else if (path.isEmpty())
        o.insert(head, value);
    else
        o.insert(head, edited(o.value(head), path, value));
    return o;
}

QStringList P(std::initializer_list<const char *> parts)
{
    QStringList out;
    for (const char *part : parts)
        out << QString::fromLatin1(part);
    return out;
}

const Provider *providerOrFail(const Catalog &c, const QString &id)
{
    const Provider *p = c.provider(id);
    if (!p)
        qWarning("provider %s missing", qPrintable(id));
    return p;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInLoadsCleanly();
    void builtInMatchesSourceFiles();
    void everyProvider_data();
    void everyProvider();
    void awsPrices_data();
    void awsPrices();
    void seedRangePrices_data();
    void seedRangePrices();
    void ascendIsNotSupported();
    void everyPriceHasSourceAndDate();
    void localProviderIsFree();
    void displayNameFollowsLocale();
    void corruptJsonSkipsOnlyThatProvider();
    void missingProviderFile();
    void missingIndexFile();
    void missingGpuModelFile();
    void fieldErrors_data();
    void fieldErrors();
    void badGpuModelSkipsItsUsers();
    void priceOverrides();
    void detectedTiers();
};

void TestCatalog::builtInLoadsCleanly()
{
    QStringList warnings;
    const Catalog c = Catalog::loadBuiltIn(&warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY(c.skippedFiles().isEmpty());
    QCOMPARE(providerIds(c), AllProviders);
}

void TestCatalog::builtInMatchesSourceFiles()
{
    // A file added to resources/catalog but not to the resource list in core/catalog would load
    // here and be missing from the application.
    QStringList errors;
    const Catalog fromSource = Catalog::loadFromDirectory(SourceCatalog, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    const Catalog builtIn = Catalog::loadBuiltIn();
    QCOMPARE(providerIds(builtIn), providerIds(fromSource));
    QCOMPARE(builtIn.gpuModels().size(), fromSource.gpuModels().size());
    for (const Provider &p : fromSource.providers())
        QCOMPARE(builtIn.provider(p.id)->tiers.size(), p.tiers.size());
}

void TestCatalog::everyProvider_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("nameZh");
    QTest::addColumn<bool>("hasWebsite");
    QTest::newRow("local") << "local"
                           << "Local"
                           << "本机" << false;
    QTest::newRow("ssh") << "ssh"
                         << "SSH host"
                         << "SSH 主机" << false;
    QTest::newRow("autodl") << "autodl"
                            << "AutoDL"
                            << "AutoDL" << true;
    QTest::newRow("featurize") << "featurize"
                               << "Featurize"
                               << "Featurize (揽睿星舟)" << true;
    QTest::newRow("alibaba") << "alibaba-ecs"
                             << "Alibaba Cloud ECS"
                             << "阿里云 ECS" << true;
    QTest::newRow("tencent") << "tencent-cvm"
                             << "Tencent Cloud CVM"
                             << "腾讯云 CVM" << true;
    QTest::newRow("huawei") << "huawei-ecs"
                            << "Huawei Cloud ECS"
                            << "华为云 ECS" << true;
    QTest::newRow("aws") << "aws-ec2"
                         << "AWS EC2"
                         << "亚马逊云科技 EC2" << true;
}

void TestCatalog::everyProvider()
{
    QFETCH(QString, id);
    QFETCH(QString, name);
    QFETCH(QString, nameZh);
    QFETCH(bool, hasWebsite);
    const Catalog c = Catalog::loadBuiltIn();
    const Provider *p = providerOrFail(c, id);
    QVERIFY(p);
    QCOMPARE(p->name, name);
    QCOMPARE(p->nameZh, nameZh);
    QCOMPARE(!p->website.isEmpty(), hasWebsite);
    // No cloud API is driven yet: every provider is reached by SSH.
    QCOMPARE(p->apiSupported, false);
    QVERIFY(!p->notes.isEmpty());
    QVERIFY(!p->notesZh.isEmpty());
}

void TestCatalog::awsPrices_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<double>("price");
    QTest::addColumn<QString>("gpu");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("vram");
    QTest::newRow("g4dn.xlarge") << "g4dn.xlarge" << 0.526 << "t4" << 1 << 16.0;
    QTest::newRow("p3.2xlarge") << "p3.2xlarge" << 3.06 << "v100-sxm2-16gb" << 1 << 16.0;
    // 32.77 before AWS's June 2025 price cut; the catalog carries the current list price.
    QTest::newRow("p4d.24xlarge") << "p4d.24xlarge" << 21.957642 << "a100-40gb" << 8 << 40.0;
}

void TestCatalog::awsPrices()
{
    QFETCH(QString, tier);
    QFETCH(double, price);
    QFETCH(QString, gpu);
    QFETCH(int, count);
    QFETCH(double, vram);
    const Catalog c = Catalog::loadBuiltIn();
    const GpuTier *t = c.tier(QStringLiteral("aws-ec2"), tier);
    QVERIFY(t);
    QVERIFY(t->hourlyPrice);
    QCOMPARE(*t->hourlyPrice, price);
    QCOMPARE(t->currency, QStringLiteral("USD"));
    QCOMPARE(t->gpuId, gpu);
    QCOMPARE(t->gpuCount, count);
    QCOMPARE(t->vramGiB, vram);
    QCOMPARE(t->totalVramGiB(), vram * count);
    QVERIFY(t->engineSupported);
    QCOMPARE(t->regions, QStringList{QStringLiteral("us-east-1")});
    QVERIFY(t->priceSource.startsWith(QLatin1String("https://aws.amazon.com/")));
}

void TestCatalog::seedRangePrices_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<double>("hourly"); // -1: none
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::newRow("alibaba p100 from 8.5") << "alibaba-ecs"
                                           << "p100-16gb" << 8.5 << 8.5 << 25.0;
    QTest::newRow("alibaba v100 up to 25") << "alibaba-ecs"
                                           << "v100-16gb" << -1.0 << -1.0 << 25.0;
    QTest::newRow("tencent t4 from 6.8") << "tencent-cvm"
                                         << "t4-16gb" << 6.8 << 6.8 << -1.0;
    QTest::newRow("tencent a100 up to 42") << "tencent-cvm"
                                           << "a100-40gb" << -1.0 << -1.0 << 42.0;
    QTest::newRow("huawei ascend 12-35") << "huawei-ecs"
                                         << "ascend-910" << 12.0 << 12.0 << 35.0;
    QTest::newRow("alibaba a10 unknown") << "alibaba-ecs"
                                         << "a10-24gb" << -1.0 << -1.0 << -1.0;
}

void TestCatalog::seedRangePrices()
{
    QFETCH(QString, provider);
    QFETCH(QString, tier);
    QFETCH(double, hourly);
    QFETCH(double, min);
    QFETCH(double, max);
    const Catalog c = Catalog::loadBuiltIn();
    const GpuTier *t = c.tier(provider, tier);
    QVERIFY(t);
    const auto expect = [](double v) { return v < 0 ? std::nullopt : std::optional<double>(v); };
    QCOMPARE(t->hourlyPrice, expect(hourly));
    QCOMPARE(t->priceMin, expect(min));
    QCOMPARE(t->priceMax, expect(max));
    if (t->hasAnyPrice())
        QCOMPARE(t->currency, QStringLiteral("CNY"));
}

void TestCatalog::ascendIsNotSupported()
{
    const Catalog c = Catalog::loadBuiltIn();
    for (const auto &[provider, tier] :
         {std::pair{"huawei-ecs", "ascend-910"}, std::pair{"autodl", "ascend-910b2"}}) {
        const GpuTier *t = c.tier(QLatin1String(provider), QLatin1String(tier));
        QVERIFY(t);
        QCOMPARE(t->engineSupported, false);
        QVERIFY(t->computeCapability.isEmpty());
        QCOMPARE(t->fp32Tflops, std::nullopt);
    }
    // And the other way round: every CUDA tier is one the engine runs on.
    for (const Provider &p : c.providers()) {
        for (const GpuTier &t : p.tiers) {
            if (!t.computeCapability.isEmpty())
                QVERIFY2(t.engineSupported, qPrintable(p.id + QLatin1Char('/') + t.id));
        }
    }
}

void TestCatalog::everyPriceHasSourceAndDate()
{
    const Catalog c = Catalog::loadBuiltIn();
    int priced = 0;
    for (const Provider &p : c.providers()) {
        for (const GpuTier &t : p.tiers) {
            const QByteArray where = (p.id + QLatin1Char('/') + t.id).toUtf8();
            if (!t.hasAnyPrice()) {
                QVERIFY2(t.priceSource.isEmpty(), where.constData());
                continue;
            }
            ++priced;
            QVERIFY2(!t.priceSource.isEmpty(), where.constData());
            QVERIFY2(t.priceDate.isValid(), where.constData());
            QVERIFY2(t.priceDate <= QDate::currentDate(), where.constData());
            const bool free = t.hourlyPrice == 0.0 && !t.priceMin && !t.priceMax;
            QVERIFY2(free || isKnownCurrency(t.currency), where.constData());
            if (t.priceMin && t.priceMax)
                QVERIFY2(*t.priceMin <= *t.priceMax, where.constData());
        }
    }
    QVERIFY(priced >= 15);
}

void TestCatalog::localProviderIsFree()
{
    const Catalog c = Catalog::loadBuiltIn();
    const GpuTier *cpu = c.tier(QStringLiteral("local"), QStringLiteral("local-cpu"));
    QVERIFY(cpu);
    QVERIFY(cpu->isCpuOnly());
    QVERIFY(cpu->engineSupported);
    QCOMPARE(cpu->hourlyPrice, std::optional<double>(0.0));
    QVERIFY(c.provider(QStringLiteral("ssh"))->tiers.isEmpty());
}

void TestCatalog::displayNameFollowsLocale()
{
    const Catalog c = Catalog::loadBuiltIn();
    const Provider *p = c.provider(QStringLiteral("alibaba-ecs"));
    QVERIFY(p);
    QCOMPARE(p->displayName(QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("阿里云 ECS"));
    QCOMPARE(p->displayName(QLocale(QLocale::English, QLocale::UnitedStates)),
             QStringLiteral("Alibaba Cloud ECS"));
    QCOMPARE(p->displayNotes(QLocale(QLocale::Chinese, QLocale::China)), p->notesZh);
    const GpuTier *cpu = c.tier(QStringLiteral("local"), QStringLiteral("local-cpu"));
    QCOMPARE(cpu->displayName(QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("本机 (CPU)"));
    // The default locale decides when none is given, as the UI calls it.
    const QLocale saved;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QCOMPARE(p->displayName(), QStringLiteral("阿里云 ECS"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(p->displayName(), QStringLiteral("Alibaba Cloud ECS"));
    QLocale::setDefault(saved);
}

void TestCatalog::corruptJsonSkipsOnlyThatProvider()
{
    CatalogCopy copy;
    copy.write(QStringLiteral("featurize.json"),
               "{\n  \"schema\": 1,\n  \"id\": \"featurize\",,\n}");
    QStringList errors;
    const Catalog c = Catalog::loadFromDirectory(copy.path(), &errors);

    QCOMPARE(c.skippedFiles(), QStringList{QStringLiteral("featurize.json")});
    QStringList expected = AllProviders;
    expected.removeAll(QStringLiteral("featurize"));
    QCOMPARE(providerIds(c), expected);
    QCOMPARE(c.issues().size(), 1);
    QCOMPARE(c.issues().first().file, QStringLiteral("featurize.json"));
    QVERIFY2(c.issues().first().message.contains(QLatin1String("line 3")),
             qPrintable(issuesText(c)));
    // The caller's list names the file twice: the problem, and that the provider was skipped.
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.at(0).startsWith(QLatin1String("featurize.json")));
    QVERIFY(errors.at(1).contains(QLatin1String("featurize.json")));
}

void TestCatalog::missingProviderFile()
{
    CatalogCopy copy;
    copy.remove(QStringLiteral("tencent-cvm.json"));
    const Catalog c = Catalog::loadFromDirectory(copy.path());
    QCOMPARE(c.skippedFiles(), QStringList{QStringLiteral("tencent-cvm.json")});
    QCOMPARE(c.providers().size(), AllProviders.size() - 1);
    QVERIFY(!c.provider(QStringLiteral("tencent-cvm")));
    QCOMPARE(c.issues().size(), 1);
    QVERIFY2(c.issues().first().message.contains(QLatin1String("missing")),
             qPrintable(issuesText(c)));
}

void TestCatalog::missingIndexFile()
{
    CatalogCopy copy;
    copy.remove(QStringLiteral("catalog.json"));
    QStringList errors;
    const Catalog c = Catalog::loadFromDirectory(copy.path(), &errors);
    QVERIFY(c.providers().isEmpty());
    QCOMPARE(c.skippedFiles(), QStringList{QStringLiteral("catalog.json")});
    QVERIFY(!errors.isEmpty());

    const Catalog none = Catalog::loadFromDirectory(copy.path() + QStringLiteral("/no-such-dir"));
    QVERIFY(none.providers().isEmpty());
    QCOMPARE(none.issues().size(), 1);
}

void TestCatalog::missingGpuModelFile()
{
    // Without the GPU models every provider with GPU tiers fails, and says so; the CPU-only
    // Local and the tier-less SSH host still load.
    CatalogCopy copy;
    copy.remove(QStringLiteral("gpus.json"));
    const Catalog c = Catalog::loadFromDirectory(copy.path());
    QCOMPARE(providerIds(c), (QStringList{QStringLiteral("local"), QStringLiteral("ssh")}));
    QStringList expectedSkipped = AllProviders.mid(2);
    for (QString &id : expectedSkipped)
        id += QStringLiteral(".json");
    expectedSkipped.prepend(QStringLiteral("gpus.json"));
    QCOMPARE(c.skippedFiles(), expectedSkipped);
    bool namedTheModel = false;
    for (const CatalogIssue &i : c.issues())
        namedTheModel = namedTheModel || (i.file == QLatin1String("aws-ec2.json") &&
                                          i.field == QLatin1String("tiers[0].gpu"));
    QVERIFY2(namedTheModel, qPrintable(issuesText(c)));
}

void TestCatalog::fieldErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QString>("json"); // new value as JSON text; empty: remove the field
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");

    const QString aws = QStringLiteral("aws-ec2.json");
    QTest::newRow("missing source") << aws << P({"tiers", "0", "price", "source"}) << ""
                                    << "tiers[0].price.source"
                                    << "missing";
    QTest::newRow("missing tier id") << aws << P({"tiers", "2", "id"}) << ""
                                     << "tiers[2].id"
                                     << "missing";
    QTest::newRow("negative price") << aws << P({"tiers", "1", "price", "hourly"}) << "-3.06"
                                    << "tiers[1].price.hourly"
                                    << "negative";
    QTest::newRow("price as text") << aws << P({"tiers", "1", "price", "hourly"}) << "\"3.06\""
                                   << "tiers[1].price.hourly"
                                   << "number";
    QTest::newRow("unknown currency") << aws << P({"tiers", "0", "price", "currency"}) << "\"RMB\""
                                      << "tiers[0].price.currency"
                                      << "RMB";
    QTest::newRow("missing currency") << aws << P({"tiers", "0", "price", "currency"}) << "null"
                                      << "tiers[0].price.currency"
                                      << "currency";
    QTest::newRow("bad date") << aws << P({"tiers", "0", "price", "date"}) << "\"2026-13-01\""
                              << "tiers[0].price.date"
                              << "YYYY-MM-DD";
    QTest::newRow("unknown gpu") << aws << P({"tiers", "0", "gpu"}) << "\"h100\""
                                 << "tiers[0].gpu"
                                 << "h100";
    QTest::newRow("misspelt field") << aws << P({"tiers", "0", "price", "hourley"}) << "1"
                                    << "tiers[0].price.hourley"
                                    << "unknown field";
    QTest::newRow("gpu tier without gpus") << aws << P({"tiers", "0", "gpu_count"}) << "0"
                                           << "tiers[0].gpu_count"
                                           << "at least one";
    QTest::newRow("bool as text") << aws << P({"api_supported"}) << "\"no\""
                                  << "api_supported"
                                  << "true or false";
    QTest::newRow("schema 2") << aws << P({"schema"}) << "2"
                              << "schema"
                              << "version 2";
    QTest::newRow("duplicate tier") << aws << P({"tiers", "1", "id"}) << "\"g4dn.xlarge\""
                                    << "tiers[1].id"
                                    << "duplicate";
    QTest::newRow("region not offered") << aws << P({"tiers", "0", "regions"}) << "[\"eu-west-1\"]"
                                        << "tiers[0].regions"
                                        << "eu-west-1";
    QTest::newRow("empty price") << aws << P({"tiers", "0", "price"})
                                 << "{\"hourly\": null, \"currency\": \"USD\", \"source\": \"x\", "
                                    "\"date\": \"2026-01-01\"}"
                                 << "tiers[0].price"
                                 << "null";
    const QString alibaba = QStringLiteral("alibaba-ecs.json");
    QTest::newRow("min above max") << alibaba << P({"tiers", "0", "price", "min"}) << "30"
                                   << "tiers[0].price.min"
                                   << "greater than the maximum";
    QTest::newRow("hourly outside range") << alibaba << P({"tiers", "0", "price", "hourly"}) << "26"
                                          << "tiers[0].price.hourly"
                                          << "outside";
    QTest::newRow("duplicate provider id")
        << QStringLiteral("featurize.json") << P({"id"}) << "\"autodl\""
        << "id"
        << "autodl.json";
    QTest::newRow("bad website") << QStringLiteral("featurize.json") << P({"website"})
                                 << "\"featurize.cn\""
                                 << "website"
                                 << "http";
}

void TestCatalog::fieldErrors()
{
    QFETCH(QString, file);
    QFETCH(QStringList, path);
    QFETCH(QString, json);
    QFETCH(QString, field);
    QFETCH(QString, text);

    CatalogCopy copy;
    QJsonValue value(QJsonValue::Undefined);
    if (!json.isEmpty()) {
        const QJsonDocument wrapped =
            QJsonDocument::fromJson(QByteArray("[") + json.toUtf8() + QByteArray("]"));
        QVERIFY(wrapped.isArray());
        value = wrapped.array().at(0);
    }
    const QJsonValue root = edited(copy.read(file), path, value);
    copy.write(file, QJsonDocument(root.toObject()).toJson());

    QStringList errors;
    const Catalog c = Catalog::loadFromDirectory(copy.path(), &errors);
    QCOMPARE(c.skippedFiles(), QStringList{file});
    QCOMPARE(c.providers().size(), AllProviders.size() - 1);
    bool found = false;
    for (const CatalogIssue &i : c.issues()) {
        QCOMPARE(i.file, file);
        found = found || (i.field == field && i.message.contains(text, Qt::CaseInsensitive));
    }
    QVERIFY2(found, qPrintable(issuesText(c)));
    QVERIFY(errors.last().contains(file));
}

void TestCatalog::badGpuModelSkipsItsUsers()
{
    CatalogCopy copy;
    QJsonObject gpus = copy.read(QStringLiteral("gpus.json"));
    QJsonArray list = gpus.value(QLatin1String("gpus")).toArray();
    int t4 = -1;
    for (int i = 0; i < list.size(); ++i) {
        if (list.at(i).toObject().value(QLatin1String("id")).toString() == QLatin1String("t4"))
            t4 = i;
    }
    QVERIFY(t4 >= 0);
    QJsonObject model = list.at(t4).toObject();
    model.insert(QStringLiteral("vram_gib"), 0);
    list.replace(t4, model);
    gpus.insert(QStringLiteral("gpus"), list);
    copy.write(QStringLiteral("gpus.json"), QJsonDocument(gpus).toJson());

    const Catalog c = Catalog::loadFromDirectory(copy.path());
    QVERIFY(!c.gpuModel(QStringLiteral("t4")));
    QVERIFY(c.gpuModel(QStringLiteral("rtx-4090")));
    // The three providers renting T4s are skipped, the others are untouched.
    for (const char *id : {"alibaba-ecs", "tencent-cvm", "aws-ec2"})
        QVERIFY2(!c.provider(QLatin1String(id)), id);
    for (const char *id : {"local", "ssh", "autodl", "featurize", "huawei-ecs"})
        QVERIFY2(c.provider(QLatin1String(id)), id);
    QCOMPARE(c.issues().first().file, QStringLiteral("gpus.json"));
    QCOMPARE(c.issues().first().field, QStringLiteral("gpus[%1].vram_gib").arg(t4));
}

void TestCatalog::priceOverrides()
{
    Catalog c = Catalog::loadBuiltIn();
    const QDateTime when(QDate(2026, 11, 20), QTime(9, 30));
    const QList<TierPriceOverride> overrides = {
        {QStringLiteral("autodl"), QStringLiteral("rtx-4090"), 2.5, QStringLiteral("CNY"), when},
        {QStringLiteral("alibaba-ecs"), QStringLiteral("a10-24gb"), 12.0, QStringLiteral("CNY"),
         when},
        {QStringLiteral("autodl"), QStringLiteral("rtx-3090"), -1.0, QStringLiteral("CNY"), when},
        {QStringLiteral("autodl"), QStringLiteral("rtx-5090"), 3.0, QStringLiteral("RMB"), when},
        {QStringLiteral("autodl"), QStringLiteral("h100-gone"), 9.0, QStringLiteral("CNY"), when},
    };
    QStringList warnings;
    QCOMPARE(c.applyPriceOverrides(overrides, &warnings), 2);
    QCOMPARE(warnings.size(), 3);
    QVERIFY(warnings.at(0).contains(QLatin1String("rtx-3090")));
    QVERIFY(warnings.at(1).contains(QLatin1String("RMB")));
    QVERIFY(warnings.at(2).contains(QLatin1String("h100-gone")));

    const GpuTier *t = c.tier(QStringLiteral("autodl"), QStringLiteral("rtx-4090"));
    QCOMPARE(t->hourlyPrice, std::optional<double>(2.5));
    QCOMPARE(t->priceMin, std::nullopt); // the member price described the catalog figure
    QVERIFY(t->priceOverridden);
    QCOMPARE(t->priceDate, when.date());
    const GpuTier *a10 = c.tier(QStringLiteral("alibaba-ecs"), QStringLiteral("a10-24gb"));
    QCOMPARE(a10->hourlyPrice, std::optional<double>(12.0));
    QCOMPARE(a10->currency, QStringLiteral("CNY"));
    // Rejected overrides leave the catalog figure alone.
    QCOMPARE(c.tier(QStringLiteral("autodl"), QStringLiteral("rtx-3090"))->hourlyPrice,
             std::optional<double>(1.39));
    QVERIFY(!c.tier(QStringLiteral("autodl"), QStringLiteral("rtx-5090"))->priceOverridden);
}

void TestCatalog::detectedTiers()
{
    Catalog c = Catalog::loadBuiltIn();
    QString error;
    QVERIFY2(c.addLocalGpu(QStringLiteral("NVIDIA GeForce RTX 4090"), 1, 23.99,
                           QStringLiteral("8.9"), &error),
             qPrintable(error));
    const Provider *local = c.provider(QStringLiteral("local"));
    QCOMPARE(local->tiers.size(), 2);
    const GpuTier &gpu = local->tiers.last();
    QCOMPARE(gpu.id, QStringLiteral("detected-nvidia-geforce-rtx-4090"));
    QVERIFY(gpu.detected);
    QCOMPARE(gpu.gpuId, QStringLiteral("rtx-4090"));
    QCOMPARE(gpu.fp32Tflops, std::optional<double>(82.6));
    QCOMPARE(gpu.vramGiB, 23.99); // what the device reports wins over the nominal size
    QCOMPARE(gpu.hourlyPrice, std::optional<double>(0.0));
    QVERIFY(gpu.engineSupported);

    // A device the catalog does not know keeps unknown figures rather than borrowed ones.
    const GpuTier unknown = c.detectedGpuTier(
        QStringLiteral("ssh"), QStringLiteral("NVIDIA RTX A2000"), 2, 12.0, QStringLiteral("8.6"));
    QCOMPARE(unknown.fp32Tflops, std::nullopt);
    QCOMPARE(unknown.id, QStringLiteral("detected-nvidia-rtx-a2000-x2"));
    QCOMPARE(unknown.hourlyPrice, std::nullopt);
    QVERIFY(c.addDetectedTier(QStringLiteral("ssh"), unknown, &error));
    QVERIFY(c.tier(QStringLiteral("ssh"), unknown.id));

    QVERIFY(!c.addDetectedTier(QStringLiteral("ssh"), unknown, &error));
    QVERIFY(error.contains(unknown.id));
    QVERIFY(!c.addDetectedTier(QStringLiteral("nowhere"), unknown, &error));
    GpuTier negative = unknown;
    negative.id = QStringLiteral("other");
    negative.hourlyPrice = -1.0;
    QVERIFY(!c.addDetectedTier(QStringLiteral("ssh"), negative, &error));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
