#pragma once

// Private to core/config: decides, line by line, what stays, what goes and what
// is rewritten, then assembles the result (block on top, the user's content after).

#include "common/finding.h"
#include "common/policy.h"
#include "config/configdocument.h"
#include "config/managedblock.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <deque>

namespace SandboxDoctor {

class LinePlanner final
{
public:
    LinePlanner(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy);

    void run();
    QByteArray assemble();

    const QList<Finding> &findings() const { return m_findings; }
    const QList<Finding> &notes() const { return m_notes; }
    // Lines that belong to the block's business (markers, block lines, legacy root keys):
    // blanking them must leave the user's own TOML.
    const QList<bool> &managedLines() const { return m_managed; }
    bool hasManagedLines() const { return m_anyManaged; }
    bool hadLegacyMode() const { return m_legacyMode; }

private:
    struct Generated final
    {
        QByteArray text;  // may hold line breaks of a multi-line value
        QByteArray eol;   // empty: the document's line ending
    };

    void planBlocks();
    void planStatements();
    void planSandboxTable(int header);
    void planInlineSandboxTable(int line);
    void drop(int line, bool managed = false);
    void dropStatement(int line, bool managed = false);
    QStringList fullPath(int line) const;
    void noteLegacy(int line, const QString &what);
    void noteTrapped(int line, const QStringList &path);
    QByteArray indentation(int line) const;
    QByteArray trailingComment(int from, int lineIndex) const;

    const ConfigDocument &m_doc;
    const BlockLayout &m_layout;
    const SandboxPolicy &m_policy;
    bool m_dottedBlock = false;  // the block defines sandbox_workspace_write by a dotted key
    QList<bool> m_drop;
    QList<bool> m_managed;
    QList<bool> m_inBlock;
    QHash<int, QList<Generated>> m_replacements;  // generated lines standing where a line was
    QList<Generated> m_rootChunk;                 // moved to the end of the root section
    QList<Finding> m_findings;
    QList<Finding> m_notes;
    bool m_anyManaged = false;
    bool m_legacyMode = false;
};

} // namespace SandboxDoctor
