#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace SandboxDoctor {

// A line-level diff for the CLI's unified output and the GUI's diff view.
struct DiffLine final
{
    enum class Kind { Context, Removed, Added };
    Kind kind = Kind::Context;
    int oldLine = 0;  // 1-based; 0 for an added line
    int newLine = 0;  // 1-based; 0 for a removed line
    QString text;     // without the line ending
};

struct DiffHunk final
{
    int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
    QList<DiffLine> lines;
};

// Hunks with `context` lines around each change; empty when a == b.
QList<DiffHunk> diffLines(const QByteArray &a, const QByteArray &b, int context = 3);

// `--- a/config.toml` / `+++ b/config.toml` unified text; empty when a == b.
QString unifiedDiff(const QByteArray &a, const QByteArray &b,
                    const QString &oldLabel = QStringLiteral("a/config.toml"),
                    const QString &newLabel = QStringLiteral("b/config.toml"), int context = 3);

} // namespace SandboxDoctor
