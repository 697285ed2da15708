// libFuzzer target: the TOML lexer behind every edit (loadConfigDocument).
// Oracle: no crash, hang or sanitizer report, and the document it returns is
// the input cut into lines exactly as configdocument.h describes them: the BOM
// split off, lines that cover the body end to end, offsets inside the line.

#include "config/configdocument.h"

#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

using namespace SandboxDoctor;

namespace {

void checkDocument(const QByteArray &input, const ConfigDocument &doc)
{
    if (doc.bom != input.startsWith(Utf8Bom) || doc.body != (doc.bom ? input.mid(3) : input))
        FuzzCheck::fail("the body is the input without its leading BOM", input, doc.body);
    const int n = int(doc.body.size());
    int expectedStart = 0;
    for (qsizetype i = 0; i < doc.lines.size(); ++i) {
        const ConfigLine &line = doc.lines.at(i);
        const QByteArray where = "line index " + QByteArray::number(i);
        if (line.start != expectedStart || line.end < line.start || line.end > n)
            FuzzCheck::fail("lines cover the body end to end, in order", input, QByteArray(), where);
        if (line.eolLength < 0 || line.eolLength > 2 || line.end + line.eolLength > n
            || (line.eolLength == 0 && i != doc.lines.size() - 1))
            FuzzCheck::fail("only the last line may lack a line ending", input, QByteArray(), where);
        for (const int offset : {line.keyStart, line.valueStart, line.valueEnd, line.headerEnd}) {
            if (offset != -1 && (offset < 0 || offset > n))
                FuzzCheck::fail("key, value and header offsets lie inside the body", input, QByteArray(), where);
        }
        if (line.section < -1 || line.section > i || line.owner < -1 || line.owner >= i
            || line.lastLine < -1 || line.lastLine >= doc.lines.size())
            FuzzCheck::fail("section, owner and lastLine name existing lines", input, QByteArray(), where);
        expectedStart = line.end + line.eolLength;
    }
    if (expectedStart != n)
        FuzzCheck::fail("the lines end where the body ends", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto doc = loadConfigDocument(input);
    if (doc)
        checkDocument(input, *doc);
    else if (doc.error().kind != Error::Kind::Refused || doc.error().line < 1)
        FuzzCheck::fail("a refused document names the line", input, doc.error().toText().toUtf8());
    return 0;
}
