#include "config/managedblock.h"

#include "config/editplanner.h"

#include <algorithm>

namespace SandboxDoctor {

QList<QByteArray> managedKeyLines(const SandboxPolicy &policy)
{
    QList<QByteArray> lines;
    lines.append("sandbox_mode = \"" + sandboxModeName(policy.mode).toUtf8() + '"');
    if (policy.mode == SandboxMode::WorkspaceWrite && policy.networkAccess)
        lines.append(QByteArrayLiteral("sandbox_workspace_write.network_access = true"));
    return lines;
}

QByteArray renderManagedBlock(const SandboxPolicy &policy, const QByteArray &eol)
{
    QByteArray block = QByteArray(BlockBeginMarker) + eol;
    for (const QByteArray &line : managedKeyLines(policy))
        block += line + eol;
    block += QByteArray(BlockEndMarker) + eol;
    return block;
}

QByteArray renderManagedBlock(const SandboxPolicy &policy)
{
    return renderManagedBlock(policy, QByteArrayLiteral("\n"));
}

BlockLayout locateBlocks(const ConfigDocument &doc, const SandboxPolicy &policy)
{
    BlockLayout layout;
    int open = -1;
    for (int i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines[i];
        if (line.kind != ConfigLine::Kind::Comment)
            continue;
        const QByteArrayView text = doc.text(line);
        if (text.startsWith(QByteArrayView(BlockBeginMarker))) {
            if (open >= 0)
                layout.strayBegins.append(open);
            open = i;
        } else if (text.startsWith(QByteArrayView(BlockEndMarker))) {
            if (open >= 0)
                layout.blocks.append({open, i});
            else
                layout.strayEnds.append(i);
            open = -1;
        }
    }
    if (open >= 0)
        layout.strayBegins.append(open);

    if (!layout.hasMarkers()) {
        layout.state = BlockState::Absent;
        return layout;
    }
    if (layout.blocks.size() != 1 || !layout.strayBegins.isEmpty() || !layout.strayEnds.isEmpty()) {
        layout.state = BlockState::Damaged;
        int first = static_cast<int>(doc.lines.size());  // files are capped at 8 MiB
        if (layout.blocks.size() > 1)
            first = layout.blocks[1].begin;
        for (int line : layout.strayBegins)
            first = std::min(first, line);
        for (int line : layout.strayEnds)
            first = std::min(first, line);
        layout.stateLine = first;
        return layout;
    }
    const BlockLayout::Block block = layout.blocks.constFirst();
    layout.stateLine = block.begin;
    // In TOML a key belongs to the table of the nearest header ([x] or [[x]]) above
    // it, or to the root when there is none. Comments, blank lines and root keys
    // (dotted ones too) above the block open no table, so the block's keys are
    // still root keys and Codex reads them: that block is not misplaced, even
    // though it does not open the file. The lexer's `section` is exactly that
    // nearest header (a '[' line inside a multi-line value is no header).
    const int header = doc.lines[block.begin].section;
    if (header >= 0) {
        layout.state = BlockState::Misplaced;
        layout.tableAbove = header;
        return layout;
    }
    for (int i = 0; i < block.begin && layout.firstAbove < 0; ++i) {
        if (doc.lines[i].kind != ConfigLine::Kind::Blank)
            layout.firstAbove = i;
    }
    const QList<QByteArray> wanted = managedKeyLines(policy);
    bool current = block.end - block.begin - 1 == wanted.size();
    for (int k = 0; current && k < wanted.size(); ++k)
        current = doc.text(doc.lines[block.begin + 1 + k]) == wanted[k];
    layout.state = current ? BlockState::Current : BlockState::Stale;
    return layout;
}

} // namespace SandboxDoctor
