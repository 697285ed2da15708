#include "homes/homescanner.h"

#include "common/logging.h"
#include "homes/homescan.h"

#include <QThread>

namespace SandboxDoctor {

HomeScanner::HomeScanner(QObject *parent) : QObject(parent)
{
    // Reports cross threads through queued connections.
    qRegisterMetaType<SandboxDoctor::HomeReport>();
    qRegisterMetaType<SandboxDoctor::ScanSummary>();
}

HomeScanner::~HomeScanner()
{
    cancel();
    wait();
    delete m_thread;
}

void HomeScanner::start(const QString &path, const InspectOptions &options)
{
    if (m_thread) {
        // One scan at a time: the old one stops between two homes, and its
        // finished() is queued before anything the new scan sends.
        cancel();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }

    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;

    // The worker emits this object's signals from its own thread; Qt queues
    // them to receivers living in other threads (the GUI's).
    m_thread = QThread::create([this, path, options, cancelFlag] {
        emit started(path);
        ScanCallbacks callbacks;
        callbacks.keepReports = false;
        callbacks.onReport = [this](const HomeReport &report) { emit homeInspected(report); };
        callbacks.onProgress = [this](int done, int total) { emit progress(done, total); };
        const HomeScan scan = scanHomes(path, options, cancelFlag.get(), callbacks);
        ScanSummary summary = scan.summary;
        summary.cancelled = summary.cancelled || cancelFlag->load();
        emit finished(summary);
    });
    m_thread->setObjectName(QStringLiteral("HomeScanner"));
    m_thread->start(QThread::LowPriority);
}

void HomeScanner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool HomeScanner::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

bool HomeScanner::wait(int msecs)
{
    if (!m_thread)
        return true;
    return msecs < 0 ? m_thread->wait() : m_thread->wait(QDeadlineTimer(msecs));
}

} // namespace SandboxDoctor
