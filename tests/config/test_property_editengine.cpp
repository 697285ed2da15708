// Property tests over generated inputs (fixed seeds, so every run sees the same
// cases). Config files through proposeEdit: each result must be valid TOML, keep
// every user value (compared with the tests' own QVariant view, not the engine's
// check), set the policy, be idempotent, keep BOM and CRLF, agree with status
// (`current` exactly when nothing changes) and agree with the daemon reference
// (today's daemon, for files carrying its named blocks) on whether the daemon's
// next run changes it. And the value check's fast walk (sameUserValues) against
// its plain definition (removeManagedKeys, then sameValues), in every build.

#include "config/configanalysis.h"
#include "config/editplan_p.h"
#include "config/editplanner.h"
#include "config/tomltree_p.h"

#include "daemonreference.h"
#include "testsupport.h"
#include "tomlcheck.h"

#include <QRandomGenerator>
#include <QTest>

using namespace SandboxDoctor;
using namespace TestSupport;

namespace {

class ConfigGenerator final
{
public:
    explicit ConfigGenerator(quint32 seed) : m_rng(seed) {}

    bool m_crlf = false;
    bool m_bom = false;
    bool m_today = false;

    QByteArray generate()
    {
        m_crlf = chance(20);
        m_bom = chance(10);
        QList<QByteArray> lines;
        const int blockAt = int(m_rng.bounded(5));  // 0: none, 1: top current, 2: top stale, 3: end, 4: none
        if (blockAt == 1)
            lines << DaemonReference::render(workspaceWrite()).trimmed().split('\n') << "";
        if (blockAt == 2)
            lines << DaemonReference::render(fullAccess()).trimmed().split('\n') << "";
        if (chance(30))
            lines << "# a comment at the top" << "";

        // Root section.
        if (blockAt == 0 || blockAt >= 3) {
            if (chance(30))
                lines << "sandbox_mode = \"read-only\"";
            if (chance(20))
                lines << "  sandbox_mode=\"workspace-write\" # legacy";
        }
        for (int i = 0, n = int(m_rng.bounded(4)); i < n; ++i)
            lines << keyValue();
        const int spelling = int(m_rng.bounded(9));
        const bool blockOnTop = blockAt == 1 || blockAt == 2;
        if (spelling == 1 && !blockOnTop)
            lines << "sandbox_workspace_write.network_access = false"
                  << "sandbox_workspace_write.writable_roots = [\"/w/a\", \"/w/b\"]";
        if (spelling == 2 && !blockOnTop)
            lines << "sandbox_workspace_write = { writable_roots = [\"/w\"], network_access = true, "
                     "exclude_slash_tmp = false } # inline";
        if (spelling == 3)
            lines << "default_permissions = \"dev\"";

        // Tables.
        const int tables = int(m_rng.bounded(7));
        for (int t = 0; t < tables; ++t) {
            lines << "";
            lines << tableHeader(t);
            for (int i = 0, n = int(m_rng.bounded(5)); i < n; ++i)
                lines << keyValue();
            if (chance(10))
                lines << "sandbox_mode = \"read-only\"  # trapped";
        }
        if (spelling >= 4 && spelling <= 7 && !blockOnTop) {
            static const char *const headers[] = {"[sandbox_workspace_write]", "[ sandbox_workspace_write ]",
                                                  "[\"sandbox_workspace_write\"]",
                                                  "[sandbox_workspace_write] # my roots"};
            lines << "" << headers[spelling - 4];
            if (chance(70))
                lines << "writable_roots = [\"/repo\", \"/tmp/é\"]";
            if (chance(50))
                lines << "network_access = " + QByteArray(chance(50) ? "true" : "false");
            if (chance(40))
                lines << "exclude_tmpdir_env_var = true # keep";
            if (chance(20))
                lines << "sandbox_mode = \"x\"";
        }
        for (int p = 0, n = int(m_rng.bounded(3)); p < n; ++p)
            lines << "" << "[profiles.p" + QByteArray::number(p) + "]" << "sandbox_mode = \"read-only\""
                  << keyValue();
        if (blockAt == 3)
            lines << "[permissions.trap]" << "allow = true" << "" << DaemonReference::render(workspaceWrite()).trimmed().split('\n');

        QByteArray text = lines.join('\n');
        if (!chance(15))
            text += '\n';
        // A per-task config.toml as today's daemon writes it (its named blocks, its
        // policy), sometimes with the user's [features] table.
        // (The daemon's line-based steps cut multi-line strings apart at times; such
        // an invalid result is the daemon's, not an input for this property.)
        m_today = false;
        if (chance(25)) {
            const QByteArray daemon = DaemonReference::prepareToday(
                chance(40) ? text + "\n[features]\nweb_search = true\n" : text, fullAccess());
            m_today = bool(TomlCheck::parse(daemon));
            if (m_today)
                text = daemon;
        }
        if (m_crlf)
            text.replace("\n", "\r\n");
        if (m_bom)
            text.prepend("\xEF\xBB\xBF");
        return text;
    }

private:
    bool chance(int percent) { return int(m_rng.bounded(100)) < percent; }

    QByteArray pick(const QList<QByteArray> &options) { return options[int(m_rng.bounded(int(options.size())))]; }

    QByteArray tableHeader(int t)
    {
        const QByteArray n = QByteArray::number(t);
        switch (m_rng.bounded(5)) {
        case 0: return "[projects.\"/home/u/" + n + " é\"]";
        case 1: return "[mcp_servers.server" + n + "]";
        case 2: return "[[arr" + n + "]]";
        case 3: return "[ tools . t" + n + " ] # spaced";
        default: return "[table" + n + "]";
        }
    }

    QByteArray key()
    {
        const QByteArray n = QByteArray::number(m_key++);
        switch (m_rng.bounded(4)) {
        case 0: return "\"quoted key " + n + "\"";
        case 1: return "dotted" + n + ".inner";
        default: return "key" + n;
        }
    }

    QByteArray trickyLines()
    {
        QList<QByteArray> lines;
        for (int i = 0, n = 1 + int(m_rng.bounded(4)); i < n; ++i) {
            lines << pick({DaemonReference::Begin, DaemonReference::End, "[sandbox_workspace_write]", "[x]",
                           "[[y]]", "sandbox_mode = \"danger-full-access\"", "key = v", "  network_access = true",
                           "unicode: é ü 漢字 🙂", "quote \" inside", "# comment-like", ""});
        }
        return lines.join('\n');
    }

    QByteArray value()
    {
        switch (m_rng.bounded(12)) {
        case 0: return QByteArray::number(qint64(m_rng.generate()) - 2000000000);
        case 1: return chance(50) ? "true" : "false";
        case 2: return "\"text with \\\"escapes\\\" and é\"";
        case 3: return "'literal [x] = y'";
        case 4: return "\"\"\"\n" + trickyLines() + "\n\"\"\"";
        case 5: return "'''\n" + trickyLines() + "'''";
        case 6: return "[1, 2, 3]";
        case 7: return "[\n  \"a\", # comment ]\n  \"[b]\",\n]";
        case 8: return "{ a = 1, b = \"two\", c = [true] }";
        case 9: return "1979-05-27T07:32:00Z";
        case 10: return "3.25";
        default: return "[ { name = \"x\" }, { name = \"y\" } ]";
        }
    }

    QByteArray keyValue() { return key() + " = " + value(); }

    QRandomGenerator m_rng;
    int m_key = 0;
};

} // namespace

class TestPropertyEditEngine final : public QObject
{
    Q_OBJECT

private slots:
    void generatedConfigs_areValidKeptAndIdempotent()
    {
        int cases = 0;
        int changed = 0;
        int daemonWarnings = 0;
        int today = 0;
        for (quint32 seed = 1; seed <= 400; ++seed) {
            ConfigGenerator generator(seed);
            const QByteArray input = generator.generate();
            const SandboxPolicy policy = seed % 3 == 0 ? fullAccess() : workspaceWrite();
            const QByteArray where = "seed " + QByteArray::number(seed) + ":\n" + input;

            const auto edit = proposeEdit(input, policy);
            if (!edit)
                QFAIL(QByteArray(where + "\n" + edit.error().toText().toUtf8()).constData());
            const QByteArray after = edit->after;
            changed += edit->changed ? 1 : 0;

            QString error;
            const auto out = TomlCheck::parse(after, &error);
            QVERIFY2(out, QByteArray(where + "\n=> invalid: " + error.toUtf8() + "\n" + after).constData());
            const auto in = TomlCheck::parse(input);
            if (in) {
                QVERIFY2(TomlCheck::withoutManagedKeys(*in) == TomlCheck::withoutManagedKeys(*out),
                         QByteArray(where + "\n=> values differ:\n" + after).constData());
            }
            QCOMPARE(out->value(QStringLiteral("sandbox_mode")).toString(),
                     QStringLiteral("s:") + sandboxModeName(policy.mode));
            if (policy.mode == SandboxMode::WorkspaceWrite) {
                QCOMPARE(out->value(QStringLiteral("sandbox_workspace_write")).toMap()
                             .value(QStringLiteral("network_access")), QVariant(true));
            }

            QCOMPARE(after.startsWith("\xEF\xBB\xBF"), generator.m_bom);
            const QByteArray body = generator.m_bom ? after.mid(3) : after;
            QByteArray block = renderManagedBlock(policy);
            if (generator.m_crlf)
                block.replace("\n", "\r\n");
            // The block opens the file, or follows the daemon's own blocks (no table above it).
            const qsizetype at = body.indexOf(block);
            QVERIFY2(at == 0 || (generator.m_today && at > 0 && !body.left(at).contains("\n[")), where.constData());
            if (generator.m_crlf)
                QCOMPARE(after.count('\n'), after.count("\r\n"));

            const auto again = proposeEdit(after, policy);
            QVERIFY2(again && !again->changed && again->after == after, QByteArray(where + "\n=> not idempotent:\n" + after).constData());

            // Status and apply agree: `current` exactly when nothing changes.
            QVERIFY2((analyzeConfig(input, true, policy).block == BlockState::Current) == !edit->changed,
                     QByteArray(where + "\n=> status and apply disagree").constData());
            QCOMPARE(analyzeConfig(after, true, policy).block, BlockState::Current);

            const bool warned = hasFinding(edit->notes, FindingCode::DaemonWillCorrupt);
            daemonWarnings += warned ? 1 : 0;
            QVERIFY2(warned == (DaemonReference::today(after, policy) != after),
                     QByteArray(where + "\n=> daemon-will-corrupt disagrees with the daemon reference\n" + after).constData());
            today += generator.m_today ? 1 : 0;
            ++cases;
        }
        QCOMPARE(cases, 400);
        QVERIFY(changed > 300);
        QVERIFY(daemonWarnings > 0);
        QVERIFY(today > 50);
        qInfo("%d cases, %d changed, %d with daemon-will-corrupt, %d written by today's daemon", cases, changed,
              daemonWarnings, today);
    }

    // The value check's fast walk against its plain definition, on the trees and
    // removed lines of real edits (equal by construction) and on generated trees
    // with random removed lines and one random change (mostly unequal). Before,
    // this cross-check ran only in Debug builds, which CI never makes.
    void sameUserValues_answersAsRemoveManagedKeysThenSameValues()
    {
        int equal = 0;
        int unequal = 0;
        // The trees come twice: the plain definition erases from its own pair, as
        // a copy would not do (toml++ copies drop the source lines removal goes by).
        auto check = [&](const toml::table &a, const RemovedKeyLines &ra, const toml::table &b,
                         const RemovedKeyLines &rb, toml::table &a2, toml::table &b2, const QByteArray &where) {
            removeManagedKeys(a2, ra);
            removeManagedKeys(b2, rb);
            QString path;
            int line = 0;
            const bool plain = sameValues(a2, b2, &path, &line);
            QVERIFY2(sameUserValues(a, ra, b, rb) == plain,
                     QByteArray(where + "\n=> plain comparison: " + (plain ? QByteArray("same") : QByteArray("differs at " + path.toUtf8())))
                         .constData());
            (plain ? equal : unequal) += 1;
        };

        for (quint32 seed = 1; seed <= 300; ++seed) {
            ConfigGenerator generator(seed);
            const QByteArray input = generator.generate();
            const SandboxPolicy policy = seed % 3 == 0 ? fullAccess() : workspaceWrite();
            auto plan = planEdit(input, policy);
            auto plan2 = planEdit(input, policy);
            QVERIFY(plan && plan2);
            if (plan->invalid)
                continue;
            const QByteArray body = plan->doc.bom ? plan->after.mid(3) : plan->after;
            const auto after = parseToml(body);
            const auto after2 = parseToml(body);
            QVERIFY(after && after2);
            check(*plan->before, RemovedKeyLines(&plan->removesKey), *after.value(),
                  RemovedKeyLines(plan->blockFirstLine, plan->blockLastLine), *plan2->before, *after2.value(),
                  "edit of seed " + QByteArray::number(seed));
        }

        QRandomGenerator rng(7);
        for (int round = 0; round < 1500; ++round) {
            const QList<QByteArray> a = treeLines(rng);
            QList<QByteArray> b = a;
            mutate(b, rng);
            const auto ta = parseToml(a.join('\n'));
            const auto tb = parseToml(b.join('\n'));
            if (!ta || !tb)
                continue;
            QList<bool> ra(a.size());
            QList<bool> rb(b.size());
            for (qsizetype i = 0; i < ra.size(); ++i)
                ra[i] = rng.bounded(3) == 0;
            for (qsizetype i = 0; i < rb.size(); ++i)
                rb[i] = rng.bounded(3) == 0;
            check(*ta.value(), RemovedKeyLines(&ra), *tb.value(), RemovedKeyLines(&rb), *parseToml(a.join('\n')).value(),
                  *parseToml(b.join('\n')).value(), "generated:\n" + a.join('\n') + "\n---\n" + b.join('\n'));
        }
        QVERIFY(equal > 300);
        QVERIFY(unequal > 300);
        qInfo("%d equal, %d unequal", equal, unequal);
    }

private:
    // A TOML text, one statement per line, rich in what the value check skips or
    // prunes: sandbox_mode and network_access in many places, tables that empty.
    static QList<QByteArray> treeLines(QRandomGenerator &rng)
    {
        static const QList<QByteArray> root = {
            "sandbox_mode = \"read-only\"", "sandbox_workspace_write.network_access = true",
            "sandbox_workspace_write.writable_roots = [\"/a\"]", "x.sandbox_mode = 1", "k = 1",
            "arr = [[1, { sandbox_mode = 2 }], { network_access = 3 }]", "profiles.p.sandbox_mode = \"x\"",
            "e = {}", "t.sub.sandbox_mode = true"};
        static const QList<QByteArray> tables = {
            "[sandbox_workspace_write]\nnetwork_access = false", "[t2]\nsandbox_mode = 2", "[t3]",
            "[[at]]\nsandbox_mode = 1", "[[at]]\nv = 2", "[t4.sandbox_workspace_write]\nnetwork_access = true",
            "[t5]\nnetwork_access = true\nv = [1, 2]", "[profiles.q]\nsandbox_mode = \"y\""};
        QList<QByteArray> lines;
        QList<QByteArray> pool = root;
        for (int i = 0, n = 1 + int(rng.bounded(5)); i < n && !pool.isEmpty(); ++i)
            lines << pool.takeAt(int(rng.bounded(int(pool.size()))));
        pool = tables;
        for (int i = 0, n = int(rng.bounded(4)); i < n && !pool.isEmpty(); ++i)
            lines += pool.takeAt(int(rng.bounded(int(pool.size())))).split('\n');
        return lines;
    }

    static void mutate(QList<QByteArray> &lines, QRandomGenerator &rng)
    {
        const int at = int(rng.bounded(int(lines.size())));
        switch (rng.bounded(4)) {
        case 0: break;  // unchanged: only the removed lines differ
        case 1: lines.removeAt(at); break;
        case 2:
            if (lines[at].contains(" = "))
                lines[at] = lines[at].left(lines[at].indexOf(" = ")) + " = 9";
            break;
        default: lines.insert(at, "added = 1"); break;
        }
    }
};

QTEST_GUILESS_MAIN(TestPropertyEditEngine)
#include "test_property_editengine.moc"
