#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// For the suites that plant FIFOs: a reader that opens one blocks until a
// writer comes, so a bug here would hang the suite until CTest kills it.
// finishesWithoutBlocking() runs the work on a thread instead and, if it has
// not finished in a generous while, opens each FIFO for writing (which wakes a
// blocked reader with end-of-file), so the test fails with a message and ends.
namespace NonBlocking {

inline bool makeFifo(const QString &path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

template <typename Work>
bool finishesWithoutBlocking(Work &&work, const QStringList &fifos)
{
    std::atomic_bool done{false};
    std::thread worker([&]() {
        work();
        done = true;
    });
    QDeadlineTimer deadline(20000);
    while (!done && !deadline.hasExpired())
        QThread::msleep(5);
    const bool finished = done;
    while (!done) {
        for (const QString &fifo : fifos) {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        QThread::msleep(5);
    }
    worker.join();
    return finished;
}

} // namespace NonBlocking
