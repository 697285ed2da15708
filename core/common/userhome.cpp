#include "common/userhome.h"

#include <QDir>

namespace SandboxDoctor {

QString userHomeDirectory(const QProcessEnvironment &environment)
{
#ifdef Q_OS_WIN
    const QString home = environment.value(QStringLiteral("USERPROFILE"));
#else
    const QString home = environment.value(QStringLiteral("HOME"));
#endif
    return QDir::cleanPath(home.isEmpty() ? QDir::homePath() : QDir::fromNativeSeparators(home));
}

} // namespace SandboxDoctor
