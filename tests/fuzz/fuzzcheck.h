#pragma once

// What a fuzz target does when one of its oracles fails: print which oracle, the
// input and the output to stderr, then abort(). libFuzzer counts the abort as a
// crash and saves the input as crash-<sha1> in its artifact folder; CTest, which
// replays the corpus and tests/fuzz/findings/, counts it as a failed test.

#include "common/policy.h"

#include <QByteArray>

#include <cstdio>
#include <cstdlib>

namespace FuzzCheck {

inline SandboxDoctor::SandboxPolicy workspaceWriteWithNetwork()
{
    SandboxDoctor::SandboxPolicy policy;
    policy.mode = SandboxDoctor::SandboxMode::WorkspaceWrite;
    policy.networkAccess = true;
    return policy;
}

inline SandboxDoctor::SandboxPolicy dangerFullAccess()
{
    SandboxDoctor::SandboxPolicy policy;
    policy.mode = SandboxDoctor::SandboxMode::DangerFullAccess;
    policy.networkAccess = false;
    return policy;
}

inline void printBytes(const char *title, const QByteArray &bytes)
{
    std::fprintf(stderr, "-- %s (%lld bytes) --\n", title, static_cast<long long>(bytes.size()));
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fprintf(stderr, "\n-- end of %s --\n", title);
}

[[noreturn]] inline void fail(const char *oracle, const QByteArray &input, const QByteArray &output = QByteArray(),
                              const QByteArray &detail = QByteArray())
{
    // "ERROR:" makes libFuzzer's fork mode copy the line into its own log.
    std::fprintf(stderr, "\n==== ERROR: fuzz oracle failed: %s\n", oracle);
    if (!detail.isEmpty())
        std::fprintf(stderr, "%s\n", detail.constData());
    printBytes("input", input);
    if (!output.isNull())
        printBytes("output", output);
    std::fflush(stderr);
    std::abort();
}

} // namespace FuzzCheck
