#pragma once

#include "common/policy.h"

#include <QByteArray>
#include <QList>

namespace TestSupport {

inline SandboxDoctor::SandboxPolicy workspaceWrite()
{
    return {SandboxDoctor::SandboxMode::WorkspaceWrite, true, {}, {}};
}

inline SandboxDoctor::SandboxPolicy fullAccess()
{
    return {SandboxDoctor::SandboxMode::DangerFullAccess, false, {}, {}};
}

// The lines with something on them, line endings dropped.
inline QList<QByteArray> nonBlankLines(const QByteArray &text)
{
    QList<QByteArray> out;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            out.append(line);
    }
    return out;
}

} // namespace TestSupport
