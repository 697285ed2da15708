#pragma once

// Private to core/config: the edit plan shared by analyzeConfig and proposeEdit,
// so that both see the same document, block layout, findings and result.

#include "common/finding.h"
#include "common/policy.h"
#include "config/configdocument.h"
#include "config/editplanner.h"
#include "config/effectivesandbox.h"
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
    bool changed = false;           // after differs from the input
    QList<Finding> notes;           // what the edit does (for ProposedEdit::notes)
    QList<Finding> findings;        // what is wrong with the current file (for ConfigAnalysis)
    std::optional<Error> invalid;   // the user's content is not valid TOML, or holds what the edit will not touch
    std::shared_ptr<toml::table> before;  // toml++ view of the input as the user meant it (the input
                                          // minus managed lines when those alone made it invalid,
                                          // or when an old block's table header captured keys)
    bool repairedParse = false;     // `before` is not the input parsed as it is
    QList<bool> removesKey;         // input lines (0-based) whose sandbox keys the edit removes
    int blockFirstLine = 0;         // the new block's lines in the result (1-based, body)
    int blockLastLine = 0;
    QList<int> resultSource;        // per result line (body): the input line it was, or -1
    int commentedOutLine = 0;       // input line (1-based) of the default_permissions the edit comments
                                    // out because it defeats the policy (defeatfix_p.h); 0: none
    std::optional<ProfileMigration> migration;  // a legacy `profile` moved out (profilemigration_p.h)
};

// Everything short of validating the result. An Error (Refused) only for text that
// is not UTF-8; invalid TOML is reported through `invalid`.
Expected<EditPlan> planEdit(const QByteArray &bytes, const SandboxPolicy &policy);

} // namespace SandboxDoctor
