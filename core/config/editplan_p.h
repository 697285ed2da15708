#pragma once

// Private to core/config: the edit plan shared by analyzeConfig and proposeEdit,
// so that both see the same document, block layout, findings and result.

#include "common/finding.h"
#include "common/policy.h"
#include "config/configdocument.h"
#include "config/managedblock.h"
#include "config/tomltree_p.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

namespace SandboxDoctor {

struct EditPlan final
{
    ConfigDocument doc;
    BlockLayout layout;
    QByteArray after;               // the whole proposed file, BOM included
    QList<Finding> notes;           // what the edit does (for ProposedEdit::notes)
    QList<Finding> findings;        // what is wrong with the current file (for ConfigAnalysis)
    std::optional<Error> invalid;   // the user's content is not valid TOML
    std::shared_ptr<toml::table> before;  // toml++ view of the input (repaired view when the
                                          // input was invalid only because of managed lines)
    bool repairedParse = false;     // `before` comes from the input minus managed lines
};

// Everything short of validating the result. An Error (Refused) only for text that
// is not UTF-8; invalid TOML is reported through `invalid`.
Expected<EditPlan> planEdit(const QByteArray &bytes, const SandboxPolicy &policy);

} // namespace SandboxDoctor
