#pragma once

// Private to core/config: the only header that includes toml++ (it must never
// reach a public header). Debian's toml++ is built with exceptions.
#if __has_include(<toml++/toml.h>)
#include <toml++/toml.h>
#else
#include <toml.hpp>
#endif

#include "common/expected.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace SandboxDoctor {

// toml++'s view of a text, or the error (Refused, 1-based line and character
// column: toml++ counts code points) that stopped it.
Expected<std::shared_ptr<toml::table>> parseToml(const QByteArray &utf8Body);

// Where one side of a comparison had sandbox keys that the edit removes on
// purpose: the input's lines the planner took them from (legacy, trapped and
// block lines), or the result's managed block (a range of lines). Lines are
// 1-based, as toml++ counts them.
class RemovedKeyLines final
{
public:
    RemovedKeyLines() = default;
    explicit RemovedKeyLines(const QList<bool> *byLineIndex) : m_byLineIndex(byLineIndex) {}
    RemovedKeyLines(int first, int last) : m_first(first), m_last(last) {}

    bool contains(int line) const
    {
        if (m_byLineIndex)
            return line >= 1 && line <= m_byLineIndex->size() && m_byLineIndex->at(line - 1);
        return line >= m_first && line <= m_last;
    }

private:
    const QList<bool> *m_byLineIndex = nullptr;
    int m_first = 1;
    int m_last = 0;
};

// Takes away what the edit removes on purpose, so that the rest can be compared:
// a `sandbox_mode` (in any table) or a `network_access` directly in a table named
// sandbox_workspace_write, when it was defined on one of `removed`'s lines. The
// name rule is a second opinion on the planner: whatever lines it marks, no other
// key can vanish unnoticed. Then every empty table held by a key goes (both sides
// get the same treatment, so an emptied header and a vanished one compare equal);
// tables that are array elements stay, as dropping one would change the array.
void removeManagedKeys(toml::table &root, const RemovedKeyLines &removed);

// Deep equality (NaN equals NaN, types must match). On a difference, `where` gets
// the dotted path and `line` the line of the first differing node in `a` (or b).
bool sameValues(const toml::table &a, const toml::table &b, QString *where, int *line);

// What removeManagedKeys on copies of both trees and then sameValues would
// answer, without changing either tree: one walk in step, no erasing, no lookups.
bool sameUserValues(const toml::table &a, const RemovedKeyLines &removedA, const toml::table &b,
                    const RemovedKeyLines &removedB);

// Adds every key of `from` to `into`, tables merged key by key. A key both
// define (as anything but two tables) is a conflict: nothing more is added and
// the answer names it (dotted path, and the line of each definition).
struct MergeConflict final
{
    QString path;
    int intoLine = 0;
    int fromLine = 0;
};
std::optional<MergeConflict> mergeInto(toml::table &into, const toml::table &from);

} // namespace SandboxDoctor
