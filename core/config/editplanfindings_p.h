#pragma once

// Private to core/config: the findings and notes planEdit reports about the
// block's state and the daemon's next run.

#include "common/finding.h"
#include "common/policy.h"
#include "config/configdocument.h"
#include "config/managedblock.h"

#include <QList>
#include <QString>

namespace SandboxDoctor {

// Why a block whose lines are right is not `current`: "current" means that apply
// leaves the file as it is, so status and apply always agree.
enum class Demotion {
    None,
    Position,   // the block is not where and how the daemon writes it (first, one blank line after)
    Elsewhere,  // the block is right and in place; other sandbox lines still change
};

void addBlockStateFindings(const ConfigDocument &doc, const BlockLayout &layout, const SandboxPolicy &policy,
                           Demotion demotion, QList<Finding> &findings, QList<Finding> &notes);

// Why the block moves although Codex reads it where it stands (a preview note).
void addPositionNote(const ConfigDocument &doc, const BlockLayout &layout, const QList<bool> &managed,
                     QList<Finding> &notes);

// named-block-unpaired, once for all lone named markers.
void addNamedBlockFindings(const ConfigDocument &doc, const BlockLayout &layout, QList<Finding> &findings);

// Why the daemon's next run would change `result` (its document and layout).
QString daemonDamageReason(const ConfigDocument &result, const BlockLayout &layout);

} // namespace SandboxDoctor
