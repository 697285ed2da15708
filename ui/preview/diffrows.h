#pragma once

#include "config/textdiff.h"

#include <QList>
#include <QString>

namespace SandboxDoctor::Ui {

// One line of a diff as a view shows it: hunk headers and, side by side,
// fillers that keep the two columns aligned.
struct DiffRow final
{
    enum class Kind { Context, Removed, Added, Header, Filler };
    Kind kind = Kind::Context;
    int oldLine = 0;  // 1-based; 0 when the row has no old line
    int newLine = 0;  // 1-based; 0 when the row has no new line
    QString text;
};

QList<DiffRow> unifiedRows(const QList<DiffHunk> &hunks);

struct SideBySideRows final
{
    QList<DiffRow> left;   // the current file: context and removed lines
    QList<DiffRow> right;  // the proposed file: context and added lines
};

// Removed and added runs are paired line by line; the shorter run is padded
// with fillers so that both columns have as many rows.
SideBySideRows sideBySideRows(const QList<DiffHunk> &hunks);

} // namespace SandboxDoctor::Ui
