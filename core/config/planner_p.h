#pragma once

// Private to core/config: decides, line by line, what stays, what goes and what
// is rewritten, then assembles the result (the daemon's header-free named blocks,
// then our block, then the user's content).

#include "common/error.h"
#include "common/finding.h"
#include "common/policy.h"
#include "config/configdocument.h"
#include "config/managedblock.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <optional>

namespace SandboxDoctor {

class LinePlanner final
{
public:
    LinePlanner(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy);

    void run();
    QByteArray assemble();

    const QList<Finding> &findings() const { return m_findings; }
    const QList<Finding> &notes() const { return m_notes; }
    // An input the edit will not touch, described (config-invalid): a root
    // sandbox_mode or sandbox_workspace_write of a type Codex cannot accept.
    const std::optional<Error> &refusal() const { return m_refusal; }
    // Lines the edit takes out of the user's TOML (markers, block lines, legacy
    // root keys, keys an old block's table header held, which move): blanking them
    // leaves the user's own TOML.
    const QList<bool> &managedLines() const { return m_managed; }
    bool hasManagedLines() const { return m_anyManaged; }
    bool hadLegacyMode() const { return m_legacyMode; }
    // Lines (0-based) whose sandbox_mode or sandbox_workspace_write.network_access
    // the edit removes on purpose: the value check may skip those keys there.
    const QList<bool> &removesSandboxKeys() const { return m_removesKey; }
    // Keys an old-format block held under a table header of its own, as the root
    // dotted keys they become (the value check adds them to the user's TOML).
    const QByteArray &keysMovedFromBlock() const { return m_movedFromBlock; }
    // An old-format block held table headers of its own: the input parsed as it
    // is puts keys in tables they were not meant for.
    bool blockHeldTables() const { return !m_groupHeaders.isEmpty(); }
    const QList<int> &movedFromBlockLines() const { return m_movedFromBlockLines; }

    // After assemble(): where the new block stands in the result (1-based lines of
    // the body, BOM excluded), and how many bytes of the result (BOM included) run
    // from the start through the block and the blank line after it.
    int blockFirstLine() const { return m_blockFirstLine; }
    int blockLastLine() const { return m_blockLastLine; }
    qsizetype blockPrefixBytes() const { return m_blockPrefixBytes; }
    // Per line of the result (body): the input line (0-based) it was, or -1 for a
    // line the edit wrote.
    const QList<int> &resultSource() const { return m_resultSource; }

private:
    struct Generated final
    {
        QByteArray text;  // may hold line breaks of a multi-line value
        QByteArray eol;   // empty: the result's line ending
    };

    void collectOldBlockTables();
    void planNamedBlocks();
    void planBlocks();
    void planBlock(const BlockLayout::Block &block);
    void planStatements();
    bool plannedWithTable(int section) const;
    void planKeyValue(int line, const QStringList &full);
    QList<int> tableLines(int header, int *named) const;
    void planSandboxTable(int header);
    void planFlattenedTable(int header);
    void planInlineSandboxTable(int line);
    void checkType(int line, const QStringList &full);
    bool dropsSandboxKey(int line, const QStringList &full, bool inSandboxTable);
    void checkHeaderType(int line);
    void refuse(int line, const QString &what, const QString &expected);
    void drop(int line, bool managed = false);
    void dropStatement(int line, bool managed = false);
    void markRemovesKey(int line);
    bool movesKey(int line, const QStringList &full);
    int sectionOf(int line) const;
    QStringList fullPath(int line) const;
    bool flattens(const QStringList &table) const;
    QByteArray headerKeyText(int header) const;
    QList<Generated> movedStatement(int line, const QByteArray &prefix) const;
    void noteLegacy(int line, const QString &what);
    void noteTrapped(int line, const QStringList &path);
    QByteArray indentation(int line) const;
    QByteArray trailingComment(int from, int lineIndex);
    QByteArray chooseEol() const;

    const ConfigDocument &m_doc;
    const BlockLayout &m_layout;
    const SandboxPolicy &m_policy;
    bool m_dottedBlock = false;  // the block defines sandbox_workspace_write by a dotted key
    QList<bool> m_drop;
    QList<bool> m_managed;
    QList<bool> m_inBlock;
    QList<bool> m_removesKey;
    QList<bool> m_keep;                            // lone named markers: the daemon's lines, never moved
    QList<bool> m_namedOpensTableAt;               // BEGIN lines of named blocks that hold a table header
    QHash<int, qsizetype> m_namedBegins;           // BEGIN line -> index in m_layout.named
    QHash<int, int> m_groupHeaders;                // table header in an old block -> that block's BEGIN
    QList<QStringList> m_flatten;                  // tables rewritten as root dotted keys
    QHash<int, QList<Generated>> m_replacements;  // generated lines standing where a line was
    // Lines moved to the end of the root section, by the input line they come
    // from (a table's header, a key's own line): they stand in file order there.
    QList<std::pair<int, QList<Generated>>> m_rootChunk;
    QByteArray m_movedFromBlock;
    QList<int> m_movedFromBlockLines;
    QList<Finding> m_findings;
    QList<Finding> m_notes;
    std::optional<Error> m_refusal;
    bool m_anyManaged = false;
    bool m_legacyMode = false;
    int m_blockFirstLine = 0;
    int m_blockLastLine = 0;
    qsizetype m_blockPrefixBytes = 0;
    QList<int> m_resultSource;
};

} // namespace SandboxDoctor
