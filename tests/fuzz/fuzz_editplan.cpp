// libFuzzer target: the edit plan and its rendering (proposeEdit), in both
// policies the block can hold: workspace-write with the network, and
// danger-full-access. Oracle: editoracle.h.

#include "editoracle.h"

#include <cstddef>
#include <cstdint>

using namespace SandboxDoctor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const SandboxPolicy &policy : {FuzzCheck::workspaceWriteWithNetwork(), FuzzCheck::dangerFullAccess()}) {
        const auto edit = proposeEdit(input, policy);
        FuzzCheck::checkEdit(input, policy, edit);
    }
    return 0;
}
