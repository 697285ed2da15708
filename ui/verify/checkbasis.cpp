#include "checkbasis.h"

#include "report/diagnosis.h"
#include "verify/verifyinput.h"

#include <QDir>

namespace SandboxDoctor::Ui {

CheckCurrency judgeCheck(const CheckBasis &basis, const Diagnosis &now, const QString &codexProgram)
{
    if (QDir::cleanPath(now.codexHome) != QDir::cleanPath(basis.codexHome))
        return CheckCurrency::HomeChanged;
    if (codexProgram != basis.codexProgram)
        return CheckCurrency::CodexChanged;
    if (now.policy != basis.policy)
        return CheckCurrency::PolicyChanged;  // the verdict compared with the old one
    if (!now.config)
        return CheckCurrency::ConfigUnreadable;
    const ConfigSnapshot &disk = *now.config;
    const bool sameAsDisk = disk.exists == basis.configExists && disk.bytes == basis.configBytes;
    if (!basis.proposed)
        return sameAsDisk ? CheckCurrency::Current : CheckCurrency::ConfigChanged;
    if (sameAsDisk)
        return CheckCurrency::NowOnDisk;
    // The file changed, but Apply may still write the same bytes (an edit it would strip anyway).
    const Expected<VerifyInput> proposal = verifyInputFor(disk, now.policy, true);
    return proposal && proposal->bytes == basis.configBytes ? CheckCurrency::Current : CheckCurrency::ProposalChanged;
}

} // namespace SandboxDoctor::Ui
