#include "core/catalog/CatalogLoader.h"

#include "core/catalog/Currency.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <cmath>
#include <utility>

namespace td {

namespace {

// Typed access to the fields of one file, reporting every problem with its field path. A value
// that is wrong is reported and replaced by an empty one, so parsing goes on and one pass lists
// all the problems of a file.
class Fields
{
    Q_DECLARE_TR_FUNCTIONS(td::Catalog)

public:
    Fields(QString file, QList<CatalogIssue> *issues) : m_file(std::move(file)), m_issues(issues) {}

    static QString join(const QString &path, const char *key)
    {
        const QString k = QString::fromLatin1(key);
        return path.isEmpty() ? k : path + QLatin1Char('.') + k;
    }
    static QString item(const char *path, qsizetype index)
    {
        return QString::fromLatin1(path) + QLatin1Char('[') + QString::number(index) +
               QLatin1Char(']');
    }

    void error(const QString &field, const QString &message)
    {
        m_issues->append({m_file, field, message});
        ++m_errors;
    }
    int errors() const { return m_errors; }

    // Unknown keys are most often misspelt known ones ("hourley"): an error, not a silent skip.
    void allowOnly(const QJsonObject &obj, const QString &path,
                   std::initializer_list<const char *> allowed)
    {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            bool known = false;
            for (const char *a : allowed)
                known = known || it.key() == QLatin1String(a);
            if (!known) {
                const QString field =
                    path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
                error(field, tr("Unknown field; check its spelling against the catalog README."));
            }
        }
    }

    std::optional<QJsonValue> required(const QJsonObject &obj, const QString &path, const char *key)
    {
        const auto it = obj.constFind(QLatin1String(key));
        if (it == obj.constEnd()) {
            error(join(path, key), tr("Required field is missing."));
            return std::nullopt;
        }
        return *it;
    }

    bool schemaOk(const QJsonObject &obj)
    {
        const auto v = required(obj, {}, "schema");
        if (!v)
            return false;
        if (!v->isDouble() || v->toDouble() != Catalog::SchemaVersion) {
            error(QStringLiteral("schema"),
                  tr("Unsupported schema version %1; this version of TrainDeck reads version %2.")
                      .arg(v->toVariant().toString())
                      .arg(Catalog::SchemaVersion));
            return false;
        }
        return true;
    }

    QString string(const QJsonObject &obj, const QString &path, const char *key,
                   bool allowEmpty = false)
    {
        const auto v = required(obj, path, key);
        if (!v)
            return {};
        if (!v->isString()) {
            error(join(path, key), tr("Must be a string."));
            return {};
        }
        const QString s = v->toString().trimmed();
        if (s.isEmpty() && !allowEmpty)
            error(join(path, key), tr("Must not be empty."));
        return s;
    }

    // The key must be present; its value is a non-empty string or null.
    std::optional<QString> nullableString(const QJsonObject &obj, const QString &path,
                                          const char *key)
    {
        const auto v = required(obj, path, key);
        if (!v || v->isNull())
            return std::nullopt;
        if (!v->isString() || v->toString().trimmed().isEmpty()) {
            error(join(path, key), tr("Must be a non-empty string or null."));
            return std::nullopt;
        }
        return v->toString().trimmed();
    }

    QString id(const QJsonObject &obj, const QString &path, const char *key)
    {
        static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
        const QString s = string(obj, path, key);
        if (!s.isEmpty() && !pattern.match(s).hasMatch()) {
            error(join(path, key),
                  tr("\"%1\" is not a valid id: use lower-case letters, digits, '.', '_' and "
                     "'-'.")
                      .arg(s));
            return {};
        }
        return s;
    }

    // A non-negative number or null. When keyRequired is false a missing key reads as null.
    std::optional<double> nonNegativeOrNull(const QJsonObject &obj, const QString &path,
                                            const char *key, bool keyRequired)
    {
        const auto it = obj.constFind(QLatin1String(key));
        if (it == obj.constEnd()) {
            if (keyRequired)
                error(join(path, key), tr("Required field is missing."));
            return std::nullopt;
        }
        if (it->isNull())
            return std::nullopt;
        if (!it->isDouble() || !std::isfinite(it->toDouble())) {
            error(join(path, key), tr("Must be a number or null."));
            return std::nullopt;
        }
        if (it->toDouble() < 0) {
            error(join(path, key), tr("Must not be negative."));
            return std::nullopt;
        }
        return it->toDouble();
    }

    double positive(const QJsonObject &obj, const QString &path, const char *key)
    {
        const auto v = required(obj, path, key);
        if (!v)
            return 0;
        if (!v->isDouble() || !std::isfinite(v->toDouble()) || v->toDouble() <= 0) {
            error(join(path, key), tr("Must be a number greater than zero."));
            return 0;
        }
        return v->toDouble();
    }

    int count(const QJsonObject &obj, const QString &path, const char *key)
    {
        const auto v = required(obj, path, key);
        if (!v)
            return 0;
        const double d = v->toDouble(-1);
        if (!v->isDouble() || d < 0 || d > 4096 || d != std::floor(d)) {
            error(join(path, key), tr("Must be a whole number, zero or more."));
            return 0;
        }
        return int(d);
    }

    bool boolean(const QJsonObject &obj, const QString &path, const char *key)
    {
        const auto v = required(obj, path, key);
        if (!v)
            return false;
        if (!v->isBool()) {
            error(join(path, key), tr("Must be true or false."));
            return false;
        }
        return v->toBool();
    }

    QJsonArray array(const QJsonObject &obj, const QString &path, const char *key)
    {
        const auto v = required(obj, path, key);
        if (!v)
            return {};
        if (!v->isArray()) {
            error(join(path, key), tr("Must be an array."));
            return {};
        }
        return v->toArray();
    }

    QStringList stringList(const QJsonObject &obj, const QString &path, const char *key)
    {
        QStringList out;
        const auto v = required(obj, path, key);
        if (!v)
            return out;
        if (!v->isArray()) {
            error(join(path, key), tr("Must be an array of strings."));
            return out;
        }
        const QJsonArray a = v->toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString() || a.at(i).toString().trimmed().isEmpty()) {
                error(join(path, key) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'),
                      tr("Must be a non-empty string."));
                continue;
            }
            out.append(a.at(i).toString().trimmed());
        }
        return out;
    }

    QDate date(const QJsonObject &obj, const QString &path, const char *key)
    {
        const QString s = string(obj, path, key);
        if (s.isEmpty())
            return {};
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (s.size() != 10 || !d.isValid()) {
            error(join(path, key), tr("\"%1\" is not a date written YYYY-MM-DD.").arg(s));
            return {};
        }
        return d;
    }

private:
    QString m_file;
    QList<CatalogIssue> *m_issues;
    int m_errors = 0;
};

bool isPlainJsonFileName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]+\\.json$"));
    return pattern.match(name).hasMatch() && !name.startsWith(QLatin1Char('.'));
}

bool isWebAddress(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

} // namespace

CatalogLoader::CatalogLoader(const QString &directory) : m_directory(directory) {}

void CatalogLoader::report(const QString &file, const QString &field, const QString &message)
{
    m_catalog.m_issues.append({file, field, message});
}

std::optional<QJsonObject> CatalogLoader::readObject(const QString &fileName)
{
    QFile file(QDir(m_directory).filePath(fileName));
    if (!file.exists()) {
        report(fileName, {},
               tr("The file is missing from %1.").arg(QDir::toNativeSeparators(m_directory)));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        report(fileName, {}, tr("The file cannot be read: %1.").arg(file.errorString()));
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonParseError gives a byte offset; a line and column is what an editor can jump to.
        const QByteArray before = data.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        report(fileName, {},
               tr("The file is not valid JSON: %1 at line %2, column %3.")
                   .arg(parseError.errorString())
                   .arg(line)
                   .arg(column));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        report(fileName, {}, tr("The file must contain one JSON object."));
        return std::nullopt;
    }
    return doc.object();
}

Catalog CatalogLoader::load()
{
    const QString indexFile = QStringLiteral("catalog.json");
    const auto index = readObject(indexFile);
    if (!index) {
        m_catalog.m_skippedFiles.append(indexFile);
        return m_catalog;
    }
    Fields f(indexFile, &m_catalog.m_issues);
    f.allowOnly(*index, {}, {"schema", "gpu_models", "providers"});
    if (!f.schemaOk(*index)) {
        m_catalog.m_skippedFiles.append(indexFile);
        return m_catalog;
    }
    const QString gpuFile = f.string(*index, {}, "gpu_models");
    if (!gpuFile.isEmpty() && !isPlainJsonFileName(gpuFile))
        f.error(QStringLiteral("gpu_models"),
                tr("\"%1\" is not a plain .json file name in the catalog directory.").arg(gpuFile));
    const QStringList providerFiles = f.stringList(*index, {}, "providers");

    if (!gpuFile.isEmpty() && isPlainJsonFileName(gpuFile))
        loadGpuModels(gpuFile);

    QSet<QString> seen;
    for (qsizetype i = 0; i < providerFiles.size(); ++i) {
        const QString &name = providerFiles.at(i);
        const QString field = Fields::item("providers", i);
        if (!isPlainJsonFileName(name)) {
            f.error(
                field,
                tr("\"%1\" is not a plain .json file name in the catalog directory.").arg(name));
            continue;
        }
        if (seen.contains(name) || name == gpuFile || name == indexFile) {
            f.error(field, tr("\"%1\" is listed twice.").arg(name));
            continue;
        }
        seen.insert(name);
        loadProvider(name);
    }
    return m_catalog;
}

void CatalogLoader::loadGpuModels(const QString &fileName)
{
    const auto root = readObject(fileName);
    if (!root) {
        m_catalog.m_skippedFiles.append(fileName);
        return;
    }
    Fields f(fileName, &m_catalog.m_issues);
    f.allowOnly(*root, {}, {"schema", "gpus"});
    if (!f.schemaOk(*root)) {
        m_catalog.m_skippedFiles.append(fileName);
        return;
    }
    static const QRegularExpression ccPattern(QStringLiteral("^[0-9]+\\.[0-9]+$"));
    const QJsonArray gpus = f.array(*root, {}, "gpus");
    QSet<QString> ids;
    // Models are independent of each other: a bad entry is dropped (and reported) alone; the
    // provider files that use it then fail on the unknown model and say so.
    for (qsizetype i = 0; i < gpus.size(); ++i) {
        const QString path = Fields::item("gpus", i);
        if (!gpus.at(i).isObject()) {
            f.error(path, tr("Must be an object."));
            continue;
        }
        const QJsonObject o = gpus.at(i).toObject();
        const int errorsBefore = f.errors();
        f.allowOnly(o, path,
                    {"id", "name", "vendor", "vram_gib", "compute_capability", "fp32_tflops",
                     "fp16_tflops", "bf16_tflops", "engine_supported", "spec_source",
                     "match_names"});
        GpuModel m;
        m.id = f.id(o, path, "id");
        m.name = f.string(o, path, "name");
        m.vendor = f.string(o, path, "vendor");
        m.vramGiB = f.positive(o, path, "vram_gib");
        const auto cc = f.nullableString(o, path, "compute_capability");
        if (cc && !ccPattern.match(*cc).hasMatch())
            f.error(Fields::join(path, "compute_capability"),
                    tr("\"%1\" is not a compute capability such as \"8.6\".").arg(*cc));
        m.computeCapability = cc.value_or(QString());
        m.fp32Tflops = f.nonNegativeOrNull(o, path, "fp32_tflops", true);
        m.fp16Tflops = f.nonNegativeOrNull(o, path, "fp16_tflops", true);
        m.bf16Tflops = f.nonNegativeOrNull(o, path, "bf16_tflops", true);
        m.engineSupported = f.boolean(o, path, "engine_supported");
        if (m.engineSupported && !cc && o.value(QLatin1String("compute_capability")).isNull())
            f.error(Fields::join(path, "engine_supported"),
                    tr("The engine runs on CUDA devices only: a model without a compute "
                       "capability cannot be supported."));
        m.specSource = f.string(o, path, "spec_source");
        m.matchNames = f.stringList(o, path, "match_names");
        if (!m.id.isEmpty() && ids.contains(m.id))
            f.error(Fields::join(path, "id"), tr("Duplicate id \"%1\".").arg(m.id));
        if (f.errors() == errorsBefore) {
            ids.insert(m.id);
            m_catalog.m_gpuModels.append(m);
        }
    }
}

void CatalogLoader::loadProvider(const QString &fileName)
{
    const auto root = readObject(fileName);
    if (!root) {
        m_catalog.m_skippedFiles.append(fileName);
        return;
    }
    Fields f(fileName, &m_catalog.m_issues);
    f.allowOnly(*root, {},
                {"schema", "id", "name", "name_zh", "website", "api_supported", "notes", "notes_zh",
                 "regions", "tiers"});
    if (!f.schemaOk(*root)) {
        m_catalog.m_skippedFiles.append(fileName);
        return;
    }

    Provider p;
    p.sourceFile = fileName;
    p.id = f.id(*root, {}, "id");
    if (const Provider *other = m_catalog.provider(p.id); other && !p.id.isEmpty())
        f.error(QStringLiteral("id"), tr("Duplicate provider id \"%1\" (already loaded from %2).")
                                          .arg(p.id, other->sourceFile));
    p.name = f.string(*root, {}, "name");
    p.nameZh = f.string(*root, {}, "name_zh");
    p.website = f.string(*root, {}, "website", true);
    if (!p.website.isEmpty() && !isWebAddress(p.website))
        f.error(QStringLiteral("website"), tr("\"%1\" is not an http(s) address.").arg(p.website));
    p.apiSupported = f.boolean(*root, {}, "api_supported");
    p.notes = f.string(*root, {}, "notes", true);
    p.notesZh = f.string(*root, {}, "notes_zh", true);
    p.regions = f.stringList(*root, {}, "regions");

    const QJsonArray tiers = f.array(*root, {}, "tiers");
    QSet<QString> tierIds;
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        const QString path = Fields::item("tiers", i);
        if (!tiers.at(i).isObject()) {
            f.error(path, tr("Must be an object."));
            continue;
        }
        const QJsonObject o = tiers.at(i).toObject();
        f.allowOnly(o, path, {"id", "name", "name_zh", "gpu", "gpu_count", "price", "regions"});

        GpuTier t;
        t.providerId = p.id;
        t.id = f.id(o, path, "id");
        if (!t.id.isEmpty() && tierIds.contains(t.id))
            f.error(Fields::join(path, "id"), tr("Duplicate tier id \"%1\".").arg(t.id));
        tierIds.insert(t.id);
        t.name = f.string(o, path, "name");
        if (o.contains(QLatin1String("name_zh")))
            t.nameZh = f.string(o, path, "name_zh");

        const auto gpu = f.nullableString(o, path, "gpu");
        t.gpuCount = f.count(o, path, "gpu_count");
        if (gpu) {
            if (const GpuModel *m = m_catalog.gpuModel(*gpu)) {
                t.gpuId = m->id;
                t.gpuModel = m->name;
                t.vramGiB = m->vramGiB;
                t.computeCapability = m->computeCapability;
                t.fp32Tflops = m->fp32Tflops;
                t.fp16Tflops = m->fp16Tflops;
                t.bf16Tflops = m->bf16Tflops;
                t.engineSupported = m->engineSupported;
            } else {
                f.error(Fields::join(path, "gpu"),
                        tr("Unknown GPU model \"%1\": it must be an id from the GPU model file.")
                            .arg(*gpu));
            }
            if (t.gpuCount < 1)
                f.error(Fields::join(path, "gpu_count"), tr("A GPU tier needs at least one GPU."));
        } else {
            if (t.gpuCount != 0)
                f.error(Fields::join(path, "gpu_count"),
                        tr("A tier without a GPU model (\"gpu\": null) must have gpu_count 0."));
            t.engineSupported = true; // CPU-only: the engine has a CPU backend
        }

        if (const auto price = f.required(o, path, "price"); price && !price->isNull()) {
            const QString pp = Fields::join(path, "price");
            if (!price->isObject()) {
                f.error(pp, tr("Must be an object or null."));
            } else {
                const QJsonObject po = price->toObject();
                f.allowOnly(po, pp, {"hourly", "min", "max", "currency", "source", "date", "note"});
                const int errorsBefore = f.errors();
                t.hourlyPrice = f.nonNegativeOrNull(po, pp, "hourly", true);
                t.priceMin = f.nonNegativeOrNull(po, pp, "min", false);
                t.priceMax = f.nonNegativeOrNull(po, pp, "max", false);
                if (!t.hasAnyPrice() && f.errors() == errorsBefore)
                    f.error(pp,
                            tr("A price without any figure must be written as \"price\": null."));
                const bool freeOfCharge = t.hourlyPrice == 0.0 && !t.priceMin && !t.priceMax;
                if (const auto currency = f.nullableString(po, pp, "currency")) {
                    if (!isKnownCurrency(*currency))
                        f.error(Fields::join(pp, "currency"),
                                tr("Unknown currency \"%1\"; use one of: %2.")
                                    .arg(*currency, knownCurrencies().join(QLatin1String(", "))));
                    t.currency = *currency;
                } else if (!freeOfCharge && po.contains(QLatin1String("currency"))) {
                    f.error(Fields::join(pp, "currency"),
                            tr("A price other than zero needs a currency."));
                }
                t.priceSource = f.string(po, pp, "source");
                t.priceDate = f.date(po, pp, "date");
                if (po.contains(QLatin1String("note")))
                    t.priceNote = f.string(po, pp, "note", true);
                if (t.priceMin && t.priceMax && *t.priceMin > *t.priceMax)
                    f.error(Fields::join(pp, "min"),
                            tr("The minimum price is greater than the maximum."));
                if (t.hourlyPrice && ((t.priceMin && *t.hourlyPrice < *t.priceMin) ||
                                      (t.priceMax && *t.hourlyPrice > *t.priceMax)))
                    f.error(Fields::join(pp, "hourly"),
                            tr("The hourly price lies outside the minimum and maximum."));
            }
        }

        t.regions = f.stringList(o, path, "regions");
        for (const QString &region : std::as_const(t.regions)) {
            if (!p.regions.contains(region))
                f.error(Fields::join(path, "regions"),
                        tr("Region \"%1\" is not one of the provider's regions.").arg(region));
        }
        p.tiers.append(t);
    }

    // A provider file is all or nothing: a half-loaded provider would show tiers without prices
    // or with the wrong ones and nobody would notice.
    if (f.errors() > 0) {
        m_catalog.m_skippedFiles.append(fileName);
        return;
    }
    m_catalog.m_providers.append(p);
}

} // namespace td
