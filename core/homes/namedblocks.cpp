#include "homes/namedblocks.h"

#include "config/configdocument.h"
#include "config/managedblock.h"

namespace SandboxDoctor {

namespace {

constexpr QByteArrayView BeginPrefix("# BEGIN multica-managed ");

} // namespace

bool mayCarryNamedBlock(const QByteArray &configBytes)
{
    return configBytes.contains(BeginPrefix);
}

bool carriesDaemonNamedBlock(const ConfigDocument &document)
{
    // The engine's own pairing (locateBlocks), so inspect and status agree on
    // what a named block is. The policy only shapes the sandbox block's state.
    return !locateBlocks(document, SandboxPolicy{}).named.isEmpty();
}

bool carriesDaemonNamedBlock(const QByteArray &configBytes)
{
    // Most files hold no marker at all: a substring search spares them the lexer.
    if (!mayCarryNamedBlock(configBytes))
        return false;
    const Expected<ConfigDocument> doc = loadConfigDocument(configBytes);
    return doc && carriesDaemonNamedBlock(*doc);  // not UTF-8: no daemon wrote it as it stands
}

} // namespace SandboxDoctor
