#include "core/providers/EngineSource.h"

#include "core/remote/Sha256.h"

#include <QDirIterator>
#include <QFile>

#include <algorithm>

namespace td {

namespace {

const QString kResourceRoot = QStringLiteral(":/engine-src");

void sortByPath(EngineSourceTree *tree)
{
    std::sort(tree->begin(), tree->end(), [](const EngineSourceFile &a, const EngineSourceFile &b) {
        // Byte order of the UTF-8 names, so the hash does not depend on the locale.
        return a.path.toUtf8() < b.path.toUtf8();
    });
}

} // namespace

EngineSourceTree EngineSource::embedded()
{
    EngineSourceTree tree;
    QDirIterator it(kResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString full = it.next();
        QFile f(full);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        tree.append({full.mid(kResourceRoot.size() + 1), f.readAll()});
    }
    sortByPath(&tree);
    return tree;
}

QByteArray EngineSource::treeHash(const EngineSourceTree &tree)
{
    EngineSourceTree sorted = tree;
    sortByPath(&sorted);
    Sha256 sha;
    for (const EngineSourceFile &f : std::as_const(sorted)) {
        sha.addData(f.path.toUtf8());
        sha.addData(QByteArray(1, '\0'));
        sha.addData(QByteArray::number(f.content.size()));
        sha.addData(QByteArray(1, '\0'));
        sha.addData(f.content);
    }
    return sha.hexResult();
}

EngineSourceTree EngineSource::patched(EngineSourceTree tree,
                                       const QMap<QString, QByteArray> &patch)
{
    for (auto it = patch.cbegin(); it != patch.cend(); ++it) {
        auto existing = std::find_if(tree.begin(), tree.end(),
                                     [&](const EngineSourceFile &f) { return f.path == it.key(); });
        if (existing != tree.end())
            existing->content = it.value();
        else
            tree.append({it.key(), it.value()});
    }
    sortByPath(&tree);
    return tree;
}

} // namespace td
