// libFuzzer target: the version parser (Version::parse, Version::fromCommandOutput).
// Oracle: no crash or sanitizer report; a parsed version prints as text that
// parses back to the same version; comparison is reflexive and antisymmetric
// (the input is split at its first newline into two versions to compare).

#include "common/version.h"

#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

using namespace SandboxDoctor;

namespace {

int sign(int value)
{
    return (value > 0) - (value < 0);
}

void checkRoundTrip(const QByteArray &input, const Version &version)
{
    const QString text = version.toString();
    const auto again = Version::parse(text);
    if (!again || Version::compare(*again, version) != 0 || again->toString() != text)
        FuzzCheck::fail("a parsed version prints as text that parses back to it", input, text.toUtf8());
    if (version.major() < 0 || version.minor() < 0 || version.patch() < 0)
        FuzzCheck::fail("version numbers are not negative", input, text.toUtf8());
    if (Version::compare(version, version) != 0)
        FuzzCheck::fail("a version equals itself", input, text.toUtf8());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(input);
    if (const auto version = Version::parse(text))
        checkRoundTrip(input, *version);
    if (const auto version = Version::fromCommandOutput(text))
        checkRoundTrip(input, *version);

    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0) {
        const auto a = Version::parse(QStringView(text).left(newline));
        const auto b = Version::parse(QStringView(text).mid(newline + 1));
        if (a && b && sign(Version::compare(*a, *b)) != -sign(Version::compare(*b, *a)))
            FuzzCheck::fail("comparison is antisymmetric", input,
                            (a->toString() + QLatin1String(" vs ") + b->toString()).toUtf8());
    }
    return 0;
}
