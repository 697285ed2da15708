#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace SandboxDoctor {

// A file config.toml names by a root key that the multica daemon (v0.4.32,
// syncCodexReferencedFiles) copies into a per-task home so the copy keeps
// resolving: a relative path is relative to CODEX_HOME.
struct ConfigReference final
{
    QString key;    // "model_instructions_file", "experimental_instructions_file", "model_catalog_json"
    QString value;  // as written (unescaped), trimmed

    bool isRelative() const;  // not absolute, not ~-rooted: Codex resolves it inside CODEX_HOME
    // Codex 0.171 refuses to start when this file is missing ("failed to read
    // model instructions file …"); the deprecated experimental_instructions_file
    // it no longer reads.
    bool requiredByCodex() const;
};

// The root-level references in `configBytes`, in file order. Only plain
// one-line strings count (what a person or the daemon writes); anything the
// lexer cannot read is skipped, never guessed.
QList<ConfigReference> configReferences(const QByteArray &configBytes);

// What a per-task home's inspection needs from config.toml's text beyond the
// engine's analysis, from one pass of the lexer (and none for a file that
// mentions neither): whether it carries one of the daemon's named blocks
// (namedblocks.h) and the files it names.
struct ConfigMarks final
{
    bool namedBlock = false;
    QList<ConfigReference> references;
};
ConfigMarks scanConfigMarks(const QByteArray &configBytes);

// `value` made absolute against `base` (a CODEX_HOME), "~/" against `userHome`;
// empty when it cannot be placed (`~user`).
QString resolveReference(const QString &value, const QString &base, const QString &userHome);

// A relative reference that stays below its base once cleaned (no "..", not empty).
bool isLocalReference(const QString &value);

} // namespace SandboxDoctor
