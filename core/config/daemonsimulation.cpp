#include "config/daemonsimulation.h"

#include "config/editplanner.h"
#include "config/managedblock.h"

namespace SandboxDoctor {

namespace {

bool atLineStart(const QByteArray &data, qsizetype pos)
{
    return pos == 0 || data[pos - 1] == '\n';
}

// Go's regexp.ReplaceAllString(data, "") for (?ms)^BEGIN.*?^END\n*, with
// BEGIN/END the quoted markers. `found` tells whether any match existed.
QByteArray removeBlocks(const QByteArray &data, bool *found)
{
    const QByteArray begin(BlockBeginMarker);
    const QByteArray endWithNewline = '\n' + QByteArray(BlockEndMarker);
    QByteArray out;
    qsizetype copied = 0;
    qsizetype from = 0;
    *found = false;
    while (true) {
        qsizetype start = data.indexOf(begin, from);
        while (start >= 0 && !atLineStart(data, start))
            start = data.indexOf(begin, start + 1);
        if (start < 0)
            break;
        const qsizetype nl = data.indexOf(endWithNewline, start + begin.size() - 1);
        if (nl < 0)
            break;  // no END after this BEGIN, so none after any later BEGIN either
        qsizetype end = nl + endWithNewline.size();
        while (end < data.size() && data[end] == '\n')
            ++end;
        out += data.mid(copied, start - copied);
        copied = end;
        from = end;
        *found = true;
    }
    out += data.mid(copied);
    return out;
}

QByteArray stripLegacy(const QByteArray &data)
{
    const QList<QByteArray> lines = data.split('\n');
    QList<QByteArray> kept;
    bool inLegacy = false;
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith('[')) {
            inLegacy = trimmed == "[sandbox_workspace_write]";
            if (!inLegacy)
                kept.append(line);
            continue;
        }
        if (inLegacy)
            continue;
        if (trimmed.startsWith("sandbox_mode"))
            continue;
        kept.append(line);
    }
    return kept.join('\n');
}

} // namespace

QByteArray simulateDaemonRewrite(const QByteArray &data, const SandboxPolicy &policy)
{
    QByteArray content = data;
    bool found = false;
    if (!data.isEmpty()) {
        removeBlocks(data, &found);
        if (!found)
            content = stripLegacy(data);
    }
    content = removeBlocks(content, &found);
    qsizetype lead = 0;
    while (lead < content.size() && content[lead] == '\n')
        ++lead;
    content = content.mid(lead);
    const QByteArray block = renderManagedBlock(policy);
    return content.isEmpty() ? block : block + '\n' + content;
}

} // namespace SandboxDoctor
