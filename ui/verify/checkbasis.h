#pragma once

#include "common/policy.h"

#include <QByteArray>
#include <QString>

namespace SandboxDoctor {
struct Diagnosis;
}

namespace SandboxDoctor::Ui {

// What a check on the Verify page ran against. Kept beside its result so the
// page can tell, once the session has read config.toml again (after Apply,
// Undo, an edit elsewhere, another home, Codex or policy), whether the result
// still describes what is there now.
struct CheckBasis final
{
    QString codexHome;
    QString codexProgram;
    QByteArray configBytes;
    bool configExists = true;
    bool proposed = false;   // the bytes were what Apply would write
    SandboxPolicy policy;
};

enum class CheckCurrency {
    Current,           // the same config, Codex and policy as now
    NowOnDisk,         // a proposed config, and config.toml now holds exactly it
    HomeChanged,       // stale: another CODEX_HOME is open
    CodexChanged,      // stale: another Codex is chosen
    PolicyChanged,     // stale: the chosen policy is another one
    ConfigChanged,     // stale: config.toml is not what was checked
    ProposalChanged,   // stale: Apply would now write something else
    ConfigUnreadable,  // stale: config.toml can no longer be read
};

// `codexProgram`: the program a check would run now (empty when none).
CheckCurrency judgeCheck(const CheckBasis &basis, const Diagnosis &now, const QString &codexProgram);

inline bool isStale(CheckCurrency currency)
{
    return currency != CheckCurrency::Current && currency != CheckCurrency::NowOnDisk;
}

} // namespace SandboxDoctor::Ui
