#include "config/managedblock.h"

#include "config/editplanner.h"

#include <QHash>

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

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
           || c == '.';
}

qsizetype nameLength(QByteArrayView text)
{
    qsizetype n = 0;
    while (n < text.size() && isNameChar(text[n]))
        ++n;
    return n;
}

bool isComment(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::Comment;
}

bool opensTable(const ConfigLine &line)
{
    return line.kind == ConfigLine::Kind::Table || line.kind == ConfigLine::Kind::ArrayTable;
}

} // namespace

Marker classifyMarker(QByteArrayView line)
{
    if (line == QByteArrayView(BlockBeginMarker))
        return {Marker::Kind::SandboxBegin, {}};
    if (line == QByteArrayView(BlockEndMarker))
        return {Marker::Kind::SandboxEnd, {}};
    const QByteArrayView begin(NamedBeginPrefix);
    if (line.startsWith(begin)) {
        const QByteArrayView rest = line.sliced(begin.size());
        const qsizetype length = nameLength(rest);
        const QByteArrayView after = rest.sliced(length);
        if (length > 0 && (after.isEmpty() || (after.startsWith(QByteArrayView(" (")) && after.endsWith(')'))))
            return {Marker::Kind::NamedBegin, rest.first(length)};
        return {};
    }
    const QByteArrayView end(NamedEndPrefix);
    if (line.startsWith(end)) {
        const QByteArrayView rest = line.sliced(end.size());
        if (!rest.isEmpty() && nameLength(rest) == rest.size())
            return {Marker::Kind::NamedEnd, rest};
    }
    return {};
}

bool daemonHoists(QStringView name)
{
    return name == QLatin1String("multi-agent") || name == QLatin1String("memory-feature")
           || name == QLatin1String("memory-config");
}

bool daemonReadsAsMarker(QByteArrayView line)
{
    return line.startsWith(QByteArrayView("# BEGIN multica-managed"))
           || line.startsWith(QByteArrayView("# END multica-managed"));
}

namespace {

// Named blocks as the daemon's lazy regular expressions find them, each BEGIN
// with the next END of its name; every line of a block is marked in inNamed.
// Linear: a cursor per name walks that name's END lines once.
void locateNamedBlocks(const ConfigDocument &doc, BlockLayout &layout)
{
    const QList<ConfigLine> &lines = doc.lines;
    QHash<QByteArrayView, QList<int>> ends;  // views into doc.body, which outlives them
    for (int i = 0; i < lines.size(); ++i) {
        if (!isComment(lines[i]))
            continue;
        const Marker marker = classifyMarker(doc.text(lines[i]));
        if (marker.kind == Marker::Kind::NamedEnd)
            ends[marker.name].append(i);
    }
    if (ends.isEmpty() && !doc.body.contains(NamedBeginPrefix))
        return;
    QHash<QByteArrayView, qsizetype> cursors;
    for (int i = 0; i < lines.size(); ++i) {
        if (!isComment(lines[i]))
            continue;
        const Marker marker = classifyMarker(doc.text(lines[i]));
        if (marker.kind == Marker::Kind::NamedEnd) {
            layout.strayNamed.append(i);  // an END that no BEGIN before it took
            continue;
        }
        if (marker.kind != Marker::Kind::NamedBegin)
            continue;
        const QList<int> nameEnds = ends.value(marker.name);
        qsizetype &cursor = cursors[marker.name];
        while (cursor < nameEnds.size() && nameEnds[cursor] <= i)
            ++cursor;
        if (cursor == nameEnds.size()) {
            layout.strayNamed.append(i);
            continue;
        }
        const int end = nameEnds[cursor++];
        BlockLayout::Named block{QString::fromUtf8(marker.name), i, end, false};
        for (int k = i; k <= end; ++k) {
            layout.inNamed[k] = true;
            block.opensTable = block.opensTable || opensTable(lines[k]);
        }
        block.heads = !block.opensTable && daemonHoists(block.name);
        layout.named.append(block);
        i = end;
    }
}

} // namespace

BlockLayout locateBlocks(const ConfigDocument &doc, const SandboxPolicy &policy)
{
    BlockLayout layout;
    const QList<ConfigLine> &lines = doc.lines;
    layout.inNamed.fill(false, lines.size());
    locateNamedBlocks(doc, layout);

    int open = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (!isComment(lines[i]) || layout.inNamed[i])
            continue;
        const Marker marker = classifyMarker(doc.text(lines[i]));
        if (marker.kind == Marker::Kind::SandboxBegin) {
            if (open >= 0)
                layout.strayBegins.append(open);
            open = i;
        } else if (marker.kind == Marker::Kind::SandboxEnd) {
            if (open >= 0)
                layout.blocks.append({open, i});
            else
                layout.strayEnds.append(i);
            open = -1;
        }
    }
    if (open >= 0)
        layout.strayBegins.append(open);

    // Today's daemon puts its multi-agent and memory blocks above ours on every
    // run (each is prepended after the sandbox block is written): blank lines and
    // such blocks at the top are the head the sandbox block follows. A named block
    // that opens a table ends the head, as the table would capture the block's keys.
    qsizetype nextNamed = 0;
    while (layout.headEnd < lines.size()) {
        if (lines[layout.headEnd].kind == ConfigLine::Kind::Blank) {
            ++layout.headEnd;
            continue;
        }
        while (nextNamed < layout.named.size() && layout.named[nextNamed].begin < layout.headEnd)
            ++nextNamed;
        if (nextNamed < layout.named.size() && layout.named[nextNamed].begin == layout.headEnd
            && layout.named[nextNamed].heads) {
            layout.headEnd = layout.named[nextNamed].end + 1;
            continue;
        }
        break;
    }

    if (!layout.hasMarkers()) {
        layout.state = BlockState::Absent;
        return layout;
    }
    if (layout.blocks.size() != 1 || !layout.strayBegins.isEmpty() || !layout.strayEnds.isEmpty()) {
        layout.state = BlockState::Damaged;
        int first = static_cast<int>(lines.size());  // files are capped at 8 MiB
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
    const int header = lines[block.begin].section;
    if (header >= 0) {
        layout.state = BlockState::Misplaced;
        layout.tableAbove = header;
        return layout;
    }
    for (int i = layout.headEnd; i < block.begin && layout.firstAbove < 0; ++i) {
        if (lines[i].kind != ConfigLine::Kind::Blank)
            layout.firstAbove = i;
    }
    const QList<QByteArray> wanted = managedKeyLines(policy);
    bool current = block.end - block.begin - 1 == wanted.size();
    for (int k = 0; current && k < wanted.size(); ++k)
        current = doc.text(lines[block.begin + 1 + k]) == wanted[k];
    layout.state = current ? BlockState::Current : BlockState::Stale;
    return layout;
}

} // namespace SandboxDoctor
