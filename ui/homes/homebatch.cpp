#include "homebatch.h"

#include "homes/sharedhome.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace SandboxDoctor::Ui {

HomeBatch::HomeBatch(QList<HomeJobTarget> targets, Step step, InspectOptions options, QObject *parent)
    : QObject(parent), m_targets(std::move(targets)), m_step(std::move(step)), m_options(std::move(options))
{
}

HomeBatch::~HomeBatch()
{
    // The worker reads the members and emits on this object: it must end first.
    cancel();
    wait();
}

void HomeBatch::start()
{
    m_cancel.store(false);
    auto *watcher = new QFutureWatcher<HomeBatchResult>(this);
    connect(watcher, &QFutureWatcher<HomeBatchResult>::finished, this, [this, watcher]() {
        m_result = watcher->result();
        watcher->deleteLater();
        emit finished();
    });
    m_future = QtConcurrent::run([this]() { return run(); });
    watcher->setFuture(m_future);
}

void HomeBatch::cancel()
{
    m_cancel.store(true);
}

bool HomeBatch::isRunning() const
{
    return m_future.isRunning();
}

void HomeBatch::wait()
{
    // Not QFuture::cancel(): that would drop the results of homes already written.
    m_future.waitForFinished();
}

HomeBatchResult HomeBatch::run()
{
    HomeBatchResult result;
    for (const HomeJobTarget &target : m_targets) {
        // The only place a cancel is honoured: before a home, never inside its write.
        if (m_cancel.load()) {
            result.untouched << target.path;
            continue;
        }
        result.outcomes << m_step(target);
        emit progress(int(result.outcomes.size()), total());
    }
    // Inspect after every write, against one fresh read of the shared home
    // (a repair may have made its sessions folder). Homes left untouched
    // are as the table shows them.
    const SharedHome shared = SharedHome::load(m_options.sharedHome);
    for (HomeJobOutcome &outcome : result.outcomes)
        outcome.report = inspectHome(outcome.path, shared, m_options);
    return result;
}

} // namespace SandboxDoctor::Ui
