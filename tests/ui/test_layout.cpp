// #13.3: a layout that fits. At 800x600 and at 1024x640, on every page and in
// the states with the longest texts, no visible widget overlaps a sibling,
// leaves its parent (and so the window) or is cut off; pages scroll instead.
// CTest runs this suite twice: as is, and at QT_SCALE_FACTOR=2.
#include "uitestsupport.h"

#include "shortcuttext.h"
#include "widgets/textlabel.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace SandboxDoctor;
using namespace SandboxDoctor::Ui;
using SandboxDoctor::Ui::Testing::FixtureOptions;
using SandboxDoctor::Ui::Testing::WindowFixture;

namespace {

const QByteArray UserConfig = "model = \"o3\"\n\n[tui]\nnotifications = true\n";
constexpr int Timeout = 30000;
const QStringList Pages = {QStringLiteral("overview"), QStringLiteral("preview"), QStringLiteral("verify"),
                           QStringLiteral("homes")};

QString describe(const QWidget *widget)
{
    QStringList chain;
    for (const QWidget *w = widget; w && !w->isWindow(); w = w->parentWidget())
        chain.prepend(QStringLiteral("%1(%2)").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName()));
    const QRect g = widget->geometry();
    return chain.join(QStringLiteral(" > "))
           + QStringLiteral(" at %1,%2 %3x%4").arg(g.x()).arg(g.y()).arg(g.width()).arg(g.height());
}

bool isScrolledContent(const QWidget *widget)
{
    // A page inside a scroll area's viewport may be larger than the viewport: it scrolls.
    const QWidget *parent = widget->parentWidget();
    const auto *area = parent ? qobject_cast<const QAbstractScrollArea *>(parent->parentWidget()) : nullptr;
    return area && area->viewport() == parent;
}

QString textOf(const QLabel *label)
{
    if (const auto *text = qobject_cast<const TextLabel *>(label))
        return text->fullText();
    return label->text();
}

// What a person would call broken, for one widget and its children.
void collectProblems(const QWidget *parent, QStringList &problems)
{
    QList<const QWidget *> visible;
    for (const QObject *object : parent->children()) {
        const auto *child = qobject_cast<const QWidget *>(object);
        if (child && !child->isWindow() && child->isVisible() && !child->geometry().isEmpty())
            visible << child;
    }
    for (const QWidget *child : std::as_const(visible)) {
        // Leaves its parent (and so, level by level, the window).
        if (!isScrolledContent(child) && !parent->rect().contains(child->geometry()))
            problems << QStringLiteral("outside its parent: ") + describe(child);

        // Cut off: a wrapped label shorter than its text, a one-line label or
        // a button narrower than its text.
        if (const auto *label = qobject_cast<const QLabel *>(child); label && !textOf(label).isEmpty()) {
            if (label->wordWrap()) {
                if (label->height() + 1 < label->heightForWidth(label->width()))
                    problems << QStringLiteral("text cut off (needs %1 px high): ").arg(label->heightForWidth(label->width()))
                                    + describe(label) + QStringLiteral(" \"%1\"").arg(textOf(label).left(60));
            } else if (label->width() + 1 < label->minimumSizeHint().width()) {
                problems << QStringLiteral("text cut off (needs %1 px wide): ").arg(label->minimumSizeHint().width())
                                + describe(label) + QStringLiteral(" \"%1\"").arg(textOf(label).left(60));
            }
        }
        if (const auto *button = qobject_cast<const QAbstractButton *>(child); button && !button->text().isEmpty()) {
            const QSize needed = button->minimumSizeHint();
            if (button->width() + 1 < needed.width() || button->height() + 1 < needed.height())
                problems << QStringLiteral("button cut off (needs %1x%2): ").arg(needed.width()).arg(needed.height())
                                + describe(button);
        }
        collectProblems(child, problems);
    }
    // Overlaps a sibling. A toolbar's extension button stands over the
    // actions it hides (they are not visible then).
    for (qsizetype i = 0; i < visible.size(); ++i) {
        for (qsizetype k = i + 1; k < visible.size(); ++k) {
            if (visible.at(i)->geometry().intersects(visible.at(k)->geometry()))
                problems << QStringLiteral("overlaps: ") + describe(visible.at(i)) + QStringLiteral("  and  ")
                                + describe(visible.at(k));
        }
    }
}

QStringList problemsIn(const QWidget *window)
{
    QStringList problems;
    collectProblems(window, problems);
    return problems;
}

enum class State { MacOsChange, NoCodexFound, NoChangeNeeded, FirstStart, Overridden, AlreadyRight, ZeroFilled };

// The overview's sandbox states (#11): a setting overriding the policy's block,
// the policy holding without a block, a zero-filled file with a good backup.
const QByteArray OverriddenConfig = "# BEGIN multica-managed (do not edit; regenerated by daemon)\n"
                                    "sandbox_mode = \"danger-full-access\"\n"
                                    "# END multica-managed\n\n"
                                    "model = \"o3\"\n"
                                    "default_permissions = \":workspace\"\n";
const QByteArray AlreadyRightConfig = "model = \"o3\"\nsandbox_mode = \"workspace-write\"\n\n"
                                      "[sandbox_workspace_write]\nnetwork_access = true\n";

void onLinux171(StartupOptions &startup)
{
    startup.platform = Platform::Linux;
    startup.codexPath.reset();
    startup.codexVersionText = QStringLiteral("0.171.0");
}

} // namespace

class TestLayout final : public QObject
{
    Q_OBJECT

    std::unique_ptr<WindowFixture> open(State state)
    {
        FixtureOptions options;
        const QByteArray *config = &UserConfig;
        switch (state) {
        case State::MacOsChange: break;
        case State::NoCodexFound:
            // The longest text the Codex card shows: everything that was searched.
            options.startup = [](StartupOptions &startup) {
                startup.codexPath.reset();
                startup.detect.searchKnownLocations = true;
                startup.detect.environment.insert(
                    QStringLiteral("PATH"), QStringLiteral("/opt/a-rather-long-install-prefix/of-some-package-manager/"
                                                           "versions/node/v22.11.0/bin:/usr/local/nothing-here/bin"));
            };
            break;
        case State::NoChangeNeeded: config = &m_current; break;
        case State::FirstStart: options.createHome = false; config = nullptr; break;
        case State::Overridden: config = &OverriddenConfig; break;
        case State::AlreadyRight: config = &AlreadyRightConfig; options.startup = onLinux171; break;
        case State::ZeroFilled: config = &m_zeroFilled; options.startup = onLinux171; break;
        }
        if (state == State::ZeroFilled) {
            // The backup first: the window's first analysis looks for it.
            options.show = false;
            auto fixture = std::make_unique<WindowFixture>(nullptr, QProcessEnvironment(), options);
            QFile backup(fixture->home + QStringLiteral("/config.toml.bak-20250101T101500Z"));
            if (!backup.open(QIODevice::WriteOnly))
                qFatal("cannot write the backup");
            backup.write(m_current);
            backup.close();
            fixture->writeConfig(m_zeroFilled);
            fixture->session()->reanalyse();
            fixture->window->show();
            if (!QTest::qWaitFor([&]() { return fixture->window->isSettled() && fixture->session()->diagnosis()
                                                && fixture->session()->diagnosis()->analysis.restoreCandidate; },
                                 Timeout))
                qFatal("the window did not offer the backup");
            return fixture;
        }
        auto fixture = std::make_unique<WindowFixture>(config, QProcessEnvironment(), options);
        if (!QTest::qWaitFor([&]() { return fixture->window->isSettled(); }, Timeout))
            qFatal("the window did not settle");
        return fixture;
    }

    QByteArray m_current;
    const QByteArray m_zeroFilled = QByteArray(1400, '\0');

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        WindowFixture first(&UserConfig);
        QTRY_VERIFY_WITH_TIMEOUT(first.window->isSettled(), Timeout);
        m_current = first.session()->diagnosis()->proposal->after;
    }

    void window_minimumSizeIsAtMost800x600()
    {
        WindowFixture fixture(&UserConfig);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.window->isSettled(), Timeout);
        for (const QString &page : Pages) {
            QVERIFY(fixture.window->showPage(page));
            const QSize minimum = fixture.window->minimumSizeHint().expandedTo(fixture.window->minimumSize());
            QVERIFY2(minimum.width() <= 800 && minimum.height() <= 600,
                     qPrintable(QStringLiteral("%1: %2x%3").arg(page).arg(minimum.width()).arg(minimum.height())));
        }
        fixture.window->resize(800, 600);
        QTRY_COMPARE(fixture.window->size(), QSize(800, 600));
    }

    void pages_fitWithoutOverlapOrClipping_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QSize>("size");
        const QList<std::pair<const char *, State>> states = {{"macos-change", State::MacOsChange},
                                                               {"no-codex", State::NoCodexFound},
                                                               {"no-change", State::NoChangeNeeded},
                                                               {"first-start", State::FirstStart},
                                                               {"overridden", State::Overridden},
                                                               {"already-right", State::AlreadyRight},
                                                               {"zero-filled", State::ZeroFilled}};
        for (const auto &[name, state] : states) {
            for (const QSize size : {QSize(800, 600), QSize(1024, 640)}) {
                QTest::addRow("%s-%dx%d", name, size.width(), size.height()) << int(state) << size;
            }
        }
    }

    void pages_fitWithoutOverlapOrClipping()
    {
        QFETCH(int, state);
        QFETCH(QSize, size);
        auto fixture = open(State(state));
        fixture->window->resize(size);
        QTRY_COMPARE(fixture->window->size(), size);
        for (const QString &page : Pages) {
            QVERIFY(fixture->window->showPage(page));
            QTRY_VERIFY(fixture->window->currentPageId() == page);
            // The page lays itself out over a few posted layout requests.
            QStringList problems;
            const bool settled = QTest::qWaitFor([&]() { return (problems = problemsIn(fixture->window.get())).isEmpty(); }, 2000);
            Q_UNUSED(settled)  // the problems, if any, are listed below
            for (const QString &problem : std::as_const(problems))
                qWarning("%s: %s", qPrintable(page), qPrintable(problem));
            QVERIFY2(problems.isEmpty(), qPrintable(page));
        }
    }

    // Tooltips name each shortcut as the platform writes it; Refresh also
    // answers the platform's own Refresh key (Cmd+R on macOS).
    void tooltips_nameShortcutsNatively_andRefreshAnswersThePlatformKey()
    {
        WindowFixture fixture(&UserConfig);
        for (QAction *action : fixture.window->findChildren<QAction *>()) {
            if (action->shortcut().isEmpty() || action->toolTip().isEmpty() || action->objectName().startsWith(QLatin1String("showPage_")))
                continue;
            const QString native = action->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(action->toolTip().endsWith(QStringLiteral("(%1)").arg(native)),
                     qPrintable(action->objectName() + QStringLiteral(": ") + action->toolTip()));
        }
        auto *refresh = fixture.window->findChild<QAction *>(QStringLiteral("refreshAction"));
        for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Refresh))
            QVERIFY2(refresh->shortcuts().contains(key), qPrintable(key.toString(QKeySequence::NativeText)));
        QCOMPARE(refresh->shortcuts().constFirst(),
                 QKeySequence::keyBindings(QKeySequence::Refresh).value(0, QKeySequence(Qt::Key_F5)));
    }

    // The whole of a long text is one right-click away, however it is shown.
    void longText_isWrappedAndCopiable()
    {
        auto fixture = open(State::NoCodexFound);
        fixture->window->resize(800, 600);
        auto *warning = fixture->window->findChild<TextLabel *>(QStringLiteral("codexWarningLabel"));
        QVERIFY(warning);
        QTRY_VERIFY(warning->isVisible());
        QVERIFY(warning->fullText().contains(QLatin1String("Searched:")));
        QVERIFY(warning->wordWrap());
        QVERIFY(!warning->fullText().contains(QChar(0x200B)));
        QVERIFY2(warning->text().contains(QChar(0x200B)), "long paths get break opportunities");
    }
};

QTEST_MAIN(TestLayout)
#include "test_layout.moc"
