#pragma once

#include "homejobs.h"

#include <QFuture>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>

namespace SandboxDoctor::Ui {

struct HomeBatchResult final
{
    QList<HomeJobOutcome> outcomes;  // the homes written, in order, each inspected again
    QStringList untouched;           // the homes a cancel left as they were, in order

    int total() const { return int(outcomes.size() + untouched.size()); }
    bool stopped() const { return !untouched.isEmpty(); }
};

// One Repair or Apply over many homes, on Qt Concurrent's pool, one home at a
// time. cancel() takes effect between two homes: the home being written is
// finished first (each write is atomic in core, and is never cut short), the
// rest are left untouched. Each home written is inspected again right after
// its write, so a cancelled batch finishes with the home in hand.
//
//   auto *batch = new HomeBatch(targets, [](const HomeJobTarget &t) { return applyBlock(t); }, options, this);
//   connect(batch, &HomeBatch::progress, this, ...);   // queued to this thread
//   connect(batch, &HomeBatch::finished, this, [batch] { use(batch->result()); });
//   batch->start();
//
// The destructor cancels and waits (for at most the home being written).
class HomeBatch final : public QObject
{
    Q_OBJECT

public:
    using Step = std::function<HomeJobOutcome(const HomeJobTarget &target)>;
    // How a home is looked at again after its write (default: inspectHome against
    // a fresh read of the shared home); tests count the calls.
    using Inspect = std::function<HomeReport(const QString &path)>;

    HomeBatch(QList<HomeJobTarget> targets, Step step, InspectOptions options, QObject *parent = nullptr);
    ~HomeBatch() override;

    void setInspect(Inspect inspect) { m_inspect = std::move(inspect); }  // before start()
    void start();
    // Any thread: a flag the worker reads before each home.
    void cancel();
    bool isCancelRequested() const { return m_cancel.load(); }
    bool isRunning() const;
    void wait();
    int total() const { return int(m_targets.size()); }
    const HomeBatchResult &result() const { return m_result; }  // once finished() came

signals:
    // After each home (written and inspected again), from the worker thread (receivers in other threads get it queued;
    // a direct receiver runs before the worker looks at the cancel flag again).
    void progress(int done, int total);
    void finished();  // in this object's thread, once per start()

private:
    HomeBatchResult run();

    const QList<HomeJobTarget> m_targets;
    const Step m_step;
    const InspectOptions m_options;
    Inspect m_inspect;
    std::atomic_bool m_cancel{false};
    QFuture<HomeBatchResult> m_future;
    HomeBatchResult m_result;
};

} // namespace SandboxDoctor::Ui
