#pragma once

#include "homes/homebatch.h"
#include "homes/homespage.h"
#include "homesnapshot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSemaphore>

#include <memory>

// Helpers for the Repair/Apply batch tests of the "Per-task homes" page.
namespace BatchFixtures {

using HomeFixtures::snapshot;

using HomeSnapshots = QMap<QString, QMap<QString, QByteArray>>;

// snapshot() of each home, keyed by its path: what a batch test compares after.
inline HomeSnapshots snapshotHomes(const QStringList &homes)
{
    HomeSnapshots snapshots;
    for (const QString &home : homes)
        snapshots.insert(home, snapshot(home));
    return snapshots;
}

// Holds a batch's worker right after its Nth home (a direct connection to
// HomeBatch::progress runs on the worker, before it looks at the cancel flag
// again), so a test can act in the GUI thread at a known point. Never holds
// it for more than a minute, and lets it go when destroyed, so a failing test
// cannot leave the page's destructor waiting forever.
class BatchGate final
{
public:
    BatchGate(SandboxDoctor::Ui::HomesPage *page, int holdAfter)
    {
        QObject::connect(
            page, &SandboxDoctor::Ui::HomesPage::batchStarted, page,
            [reached = m_reached, resume = m_resume, holdAfter](SandboxDoctor::Ui::HomeBatch *batch) {
                QObject::connect(
                    batch, &SandboxDoctor::Ui::HomeBatch::progress, batch,
                    [reached, resume, holdAfter](int done, int) {
                        if (done != holdAfter)
                            return;
                        reached->release();
                        resume->tryAcquire(1, 60000);
                    },
                    Qt::DirectConnection);
            },
            Qt::DirectConnection);
    }
    ~BatchGate() { release(); }

    bool waitUntilHeld() { return m_reached->tryAcquire(1, 30000); }
    void release() { m_resume->release(); }

private:
    // Shared with the worker's slot, which may still be waking up when the gate goes.
    std::shared_ptr<QSemaphore> m_reached = std::make_shared<QSemaphore>();
    std::shared_ptr<QSemaphore> m_resume = std::make_shared<QSemaphore>();
};

} // namespace BatchFixtures
