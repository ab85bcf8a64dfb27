#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace td {

// .gitignore semantics for .gitignore and .traindeckignore files: comments, escapes, negation
// with "!", directory-only patterns ("dir/"), anchoring (a slash anywhere but at the end), "**",
// and nesting (a file applies to its own directory and below; deeper and later rules win).
// As in git, a file inside an ignored directory cannot be re-included.
class IgnoreMatcher
{
public:
    // baseDir: the directory holding the ignore file, relative to the upload root ("" = root).
    void addRules(const QString &baseDir, const QByteArray &content);
    void addRule(const QString &baseDir, const QString &line);
    // relPath uses '/' separators, relative to the upload root.
    bool isIgnored(const QString &relPath, bool isDir) const;
    int ruleCount() const { return int(m_rules.size()); }

private:
    struct Rule
    {
        QString base; // "" or "a/b/"
        QRegularExpression re;
        bool negate = false;
        bool dirOnly = false;
        bool matchBasename = false; // no slash in the pattern: matches at any depth
    };
    QList<Rule> m_rules;
};

// Translates one gitignore glob (without "!" and trailing "/") to an anchored regex.
QString gitGlobToRegex(const QString &glob);

} // namespace td
