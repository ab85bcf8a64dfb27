// Reads and validates the catalog files of one directory (see resources/catalog/README.md).
// Used by Catalog; separate so the parsing rules live in one place.
#pragma once

#include "core/catalog/Catalog.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace td {

class CatalogLoader
{
    Q_DECLARE_TR_FUNCTIONS(td::Catalog)

public:
    explicit CatalogLoader(const QString &directory);
    Catalog load();

private:
    std::optional<QJsonObject> readObject(const QString &fileName);
    void loadGpuModels(const QString &fileName);
    void loadProvider(const QString &fileName);
    void report(const QString &file, const QString &field, const QString &message);

    QString m_directory;
    Catalog m_catalog;
};

} // namespace td
