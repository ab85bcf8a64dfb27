// The engine's CMake project (gpu/), compiled into the application as a resource, so that a
// machine with CMake and nvcc can build the engine itself for its own driver and GPU.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace td {

struct EngineSourceFile
{
    QString path; // relative to gpu/, '/' separated, e.g. "src/cli/main.cpp"
    QByteArray content;
};

using EngineSourceTree = QList<EngineSourceFile>;

class EngineSource
{
public:
    // Every file under the ":/engine-src" resource, sorted by path. Empty if the resource is
    // missing (a build without it).
    static EngineSourceTree embedded();
    // SHA-256 (lowercase hex) over the files sorted by path, each as path, NUL, size, NUL,
    // content: the same tree always gives the same hash whatever the input order, and moving
    // bytes between a name and a content cannot collide.
    static QByteArray treeHash(const EngineSourceTree &tree);
    // Replaces or adds files (path -> content); the result stays sorted.
    static EngineSourceTree patched(EngineSourceTree tree, const QMap<QString, QByteArray> &patch);
};

} // namespace td
