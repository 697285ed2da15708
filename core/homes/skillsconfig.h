#pragma once

#include <QByteArray>

namespace SandboxDoctor {

// config.toml without its `[[skills.config]]` tables, as today's daemon
// (v0.4.32, codex_skill_strip.go) leaves the copy in a per-task home: Codex
// Desktop writes entries without `path` that a stricter Codex refuses
// ("missing field path"), and the task's skills live in codex-home/skills/
// anyway. Each such table goes from its header to the next header; every
// other line is kept byte for byte. Unchanged when there is none (or when the
// file is not UTF-8: then nothing is touched).
QByteArray withoutSkillsConfig(const QByteArray &configBytes);

} // namespace SandboxDoctor
