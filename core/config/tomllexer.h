#pragma once

#include "config/configdocument.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

namespace SandboxDoctor {

// A TOML lexer just deep enough to say what each line is: keys and table
// headers in every spelling (bare, quoted, dotted, spaced, commented), and which
// lines start inside a multi-line value or string. It is linear, never recurses,
// never throws, and keeps going on invalid input (toml++ decides validity; this
// decides roles) up to the limits of configlimits.h.

// A limit of configlimits.h that the text goes past, and where.
struct LexLimit final
{
    enum class Kind { Nesting, KeyParts, ValueBytes };
    Kind kind = Kind::Nesting;
    int offset = 0;  // byte offset in the body
};

// Fills kind, path, offsets, lastLine, owner, section and inString of every line.
// Stops at the first limit passed and returns it (the lines are then incomplete).
std::optional<LexLimit> classifyLines(ConfigDocument &doc);

// A key path (`a . "b" .'c'`) starting at `pos` (leading spaces allowed); on
// success `pos` is just after the key (trailing spaces not skipped).
std::optional<QStringList> parseKeyPath(const QByteArray &text, int &pos);

// The offset just after the value that starts at `pos` (strings, arrays and
// inline tables may span lines).
int skipValue(const QByteArray &text, int pos);

// One `key = value` of an inline table, as source text.
struct InlineEntry final
{
    QStringList path;
    int start = 0;  // offset of the key
    int end = 0;    // offset just after the value
};

// The entries of the inline table whose '{' is at `pos`; nullopt when the text
// there is not a well-formed inline table.
std::optional<QList<InlineEntry>> splitInlineTable(const QByteArray &text, int pos);

} // namespace SandboxDoctor
