#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace SandboxDoctor {

// What the engine reads before it refuses a config.toml. A CODEX_HOME may hold
// a hostile or damaged file (issue 12: 200,000 '[' after `a = ` crashed the
// lexer), so every dimension that costs stack, memory or time is bounded, and
// going past a limit is a Refused error (exit 3) naming the line and the limit,
// never a crash. Each limit lies far beyond any real config: the 1 MiB
// benchmark config (9,548 tables) has about 48,000 lines, values of a few
// hundred bytes and nesting of 2; Codex 0.171 itself refuses nesting deeper
// than 80 ("cannot recurse further; max recursion depth met") and dotted keys
// of 100 parts ("recursion limit").

// Arrays and inline tables inside one another. toml++ stops at the same depth
// (TOML_MAX_NESTED_VALUES, 256; tomltree.cpp asserts they agree), so the lexer
// and the parser always accept and refuse the same nesting.
inline constexpr int MaxValueNesting = 256;

// Parts of one key or table header (`a.b.c` has 3). Each part is one more level
// of tables, which toml++ and our own tree walks descend recursively; toml++ has
// no limit of its own here, so ours matches its value nesting limit.
inline constexpr int MaxKeyParts = 256;

// Bytes of one value (a string, an array, an inline table), from its first to
// its last character. Real values are instructions or path lists of a few KiB.
inline constexpr qsizetype MaxValueBytes = 1024 * 1024;

// Lines in the file. Half a million lines of 16 bytes is the 8 MiB file cap.
inline constexpr qsizetype MaxLines = 500'000;

// True when `text` cannot go past any limit above, decided by counting bytes:
// more than MaxKeyParts parts need as many dots, deeper nesting as many '[' or
// '{', too many lines or too long a value that many bytes. Most files pass, and
// are then handed to toml++ without the lexer's pass (which finds the line of
// the limit for the rest).
bool withinLimitsAtAGlance(const QByteArray &text);

} // namespace SandboxDoctor
