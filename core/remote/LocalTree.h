#pragma once

#include "core/remote/UploadManifest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace td {

struct LocalFile
{
    ManifestEntry entry; // sha256 empty until hashed
    QString absolutePath;
};

struct LocalTreeScan
{
    QList<LocalFile> files;
    QStringList skipped; // relative paths not uploaded (special files, symlinked folders)
    QString error;       // a source that does not exist or cannot be read
};

// Lists the files to upload. One folder source uploads its contents; several sources (or a
// file) each land under their own name. .gitignore and .traindeckignore are honoured in every
// folder; ".git" folders are never uploaded. Symlinks to files upload the file's content;
// symlinks to folders are skipped (they may loop or leave the tree).
LocalTreeScan scanLocalTree(const QStringList &sources);

} // namespace td
