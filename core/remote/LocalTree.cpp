#include "core/remote/LocalTree.h"

#include "core/remote/IgnoreMatcher.h"
#include "core/remote/RemoteTr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <dirent.h>
#include <sys/stat.h>

namespace td {

namespace {

void loadIgnoreFiles(const QString &absDir, const QString &relDir, IgnoreMatcher *matcher)
{
    for (const char *name : {".gitignore", ".traindeckignore"}) {
        QFile f(absDir + QLatin1Char('/') + QLatin1String(name));
        if (f.open(QIODevice::ReadOnly))
            matcher->addRules(relDir, f.readAll());
    }
}

bool statFile(const QString &path, LocalFile *out)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    out->absolutePath = path;
    out->entry.size = st.st_size;
    out->entry.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out->entry.mode = int(st.st_mode & 07777);
    return true;
}

// Names whose bytes are not valid in the file-name encoding (UTF-8) cannot be listed by QDir
// nor named again from a QString: they are reported as skipped instead of vanishing silently.
void reportUndecodableNames(const QString &absDir, const QString &relDir, LocalTreeScan *scan)
{
    DIR *dir = ::opendir(QFile::encodeName(absDir).constData());
    if (!dir)
        return;
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray name(e->d_name);
        if (name == "." || name == "..")
            continue;
        const QString decoded = QFile::decodeName(name);
        if (QFile::encodeName(decoded) != name)
            scan->skipped << (relDir.isEmpty() ? decoded : relDir + QLatin1Char('/') + decoded);
    }
    ::closedir(dir);
}

void walk(const QString &absDir, const QString &relDir, IgnoreMatcher matcher, LocalTreeScan *scan)
{
    reportUndecodableNames(absDir, relDir, scan);
    // The matcher is copied per folder so rules of one subtree never leak into a sibling.
    loadIgnoreFiles(absDir, relDir, &matcher);
    const QFileInfoList entries = QDir(absDir).entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : entries) {
        const QString rel =
            relDir.isEmpty() ? fi.fileName() : relDir + QLatin1Char('/') + fi.fileName();
        const bool isDir = fi.isDir();
        if (isDir && fi.fileName() == QLatin1String(".git"))
            continue;
        if (matcher.isIgnored(rel, isDir))
            continue;
        if (isDir) {
            if (fi.isSymLink()) {
                scan->skipped << rel;
                continue;
            }
            walk(fi.absoluteFilePath(), rel, matcher, scan);
            continue;
        }
        LocalFile file;
        if (!statFile(fi.absoluteFilePath(), &file)) {
            scan->skipped << rel;
            continue;
        }
        file.entry.path = rel;
        scan->files << file;
    }
}

} // namespace

LocalTreeScan scanLocalTree(const QStringList &sources)
{
    LocalTreeScan scan;
    for (const QString &source : sources) {
        const QFileInfo fi(source);
        if (!fi.exists()) {
            scan.error = RemoteTr::tr("%1 does not exist.").arg(source);
            return scan;
        }
        const bool contents = sources.size() == 1 && fi.isDir();
        if (fi.isDir()) {
            walk(fi.absoluteFilePath(), contents ? QString() : fi.fileName(), IgnoreMatcher(),
                 &scan);
        } else {
            LocalFile file;
            if (!statFile(fi.absoluteFilePath(), &file)) {
                scan.error = RemoteTr::tr("%1 is not a regular file.").arg(source);
                return scan;
            }
            file.entry.path = fi.fileName();
            scan.files << file;
        }
    }
    return scan;
}

} // namespace td
