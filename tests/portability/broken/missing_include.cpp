// Deliberately broken (portability_fastChecksCatchBrokenSources): uses QDir
// without including it. Every other source of its cluster may include <QDir>;
// the shared precompiled header must not lend it to this one.
#include <QString>

QString home()
{
    return QDir::homePath();
}
