// Deliberately broken (portability_fastChecksCatchBrokenSources): a POSIX
// header outside a Q_OS_UNIX branch, which MSVC does not have.
#include <QtGlobal>

#include <unistd.h>

int processId()
{
    return int(getpid());
}
