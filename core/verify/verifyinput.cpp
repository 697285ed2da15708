#include "verify/verifyinput.h"

#include "config/editplanner.h"

namespace SandboxDoctor {

Expected<VerifyInput> verifyInputFor(const ConfigSnapshot &snapshot, const SandboxPolicy &policy, bool proposed)
{
    if (!proposed)
        return VerifyInput{snapshot.bytes, snapshot.exists, false};

    Expected<ProposedEdit> edit = proposeEdit(snapshot.exists ? snapshot.bytes : QByteArray(), policy);
    if (!edit) {
        Error error = edit.error();
        if (error.path.isEmpty())
            error.path = snapshot.path;
        return error;
    }
    // What apply writes always exists afterwards, even when the file did not.
    return VerifyInput{edit->after, true, true};
}

} // namespace SandboxDoctor
