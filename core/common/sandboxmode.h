#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace SandboxDoctor {

// Codex's `sandbox_mode` values.
enum class SandboxMode { ReadOnly, WorkspaceWrite, DangerFullAccess };

QString sandboxModeName(SandboxMode mode);  // "read-only", "workspace-write", "danger-full-access"
std::optional<SandboxMode> parseSandboxMode(QStringView name);

} // namespace SandboxDoctor
