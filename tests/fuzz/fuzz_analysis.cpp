// libFuzzer target: the analysis behind `status` and `inspect` (analyzeConfig,
// readWindowsSandboxSetting), in both policies. Oracle: no crash, hang or
// sanitizer report; every finding is well formed; and the block is "current"
// exactly when proposeEdit would change nothing (editoracle.h).

#include "editoracle.h"

#include <cstddef>
#include <cstdint>

using namespace SandboxDoctor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype lines = input.count('\n') + 1;
    (void)readWindowsSandboxSetting(input);
    for (const SandboxPolicy &policy : {FuzzCheck::workspaceWriteWithNetwork(), FuzzCheck::dangerFullAccess()}) {
        const ConfigAnalysis analysis = analyzeConfig(input, true, policy);
        for (const Finding &finding : analysis.findings) {
            if (finding.code.isEmpty() || finding.message.isEmpty() || finding.line < 0 || finding.line > lines)
                FuzzCheck::fail("a finding has a code, a message and a line inside the file (or 0)", input,
                                QByteArray(), (finding.code + QLatin1String(": ") + finding.message).toUtf8());
        }
        FuzzCheck::checkAnalysisAgrees(input, policy, proposeEdit(input, policy));
    }
    return 0;
}
