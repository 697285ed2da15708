#include "homebatch.h"

#include "homes/sharedhome.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace SandboxDoctor::Ui {

HomeBatch::HomeBatch(QList<HomeJobTarget> targets, Step step, InspectOptions options, QObject *parent)
    : QObject(parent), m_targets(std::move(targets)), m_step(std::move(step)), m_options(std::move(options))
{
    m_inspect = [options = m_options](const QString &path) {
        // A fresh read of the shared home: a repair may have made its sessions folder.
        return inspectHome(path, SharedHome::load(options.sharedHome), options);
    };
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
        HomeJobOutcome outcome = m_step(target);
        // Inspected again at once, not after the loop: after a cancel nothing is
        // left to do but report, so "Stopping…" ends with the home in hand.
        outcome.report = m_inspect(outcome.path);
        result.outcomes << std::move(outcome);
        emit progress(int(result.outcomes.size()), total());
    }
    return result;
}

} // namespace SandboxDoctor::Ui
