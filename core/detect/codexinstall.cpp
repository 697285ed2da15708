#include "detect/codexinstall.h"

namespace SandboxDoctor {

QString codexSourceName(CodexSource source)
{
    switch (source) {
    case CodexSource::Explicit: return QStringLiteral("explicit");
    case CodexSource::Path: return QStringLiteral("path");
    case CodexSource::LoginShell: return QStringLiteral("login-shell");
    case CodexSource::KnownLocation: return QStringLiteral("known-location");
    case CodexSource::AppBundle: return QStringLiteral("app-bundle");
    case CodexSource::NpmPackage: return QStringLiteral("npm-package");
    }
    return QStringLiteral("unknown");
}

bool CodexDetection::versionsDisagree() const
{
    // An install that did not answer cannot be said to differ.
    if (!chosen || !chosen->version)
        return false;
    for (const CodexInstall &install : installs) {
        if (install.version && *install.version != *chosen->version)
            return true;
    }
    return false;
}

} // namespace SandboxDoctor
