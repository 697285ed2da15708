// One JSON shape per type (issue 13.8): a Finding printed by status, apply,
// inspect (both of its writers) and verify's fallback is the same object, with
// `line` and `fix` present and null when absent; and the shared serializers of
// errors and policies keep the members the contract and docs/schema/ name.

#include "homes/homejsontext.h"
#include "homes/homesreport.h"
#include "report/jsonshapes.h"
#include "report/statusreport.h"
#include "verify/verifyjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace SandboxDoctor;

namespace {

Finding bareFinding()
{
    return Finding{QStringLiteral("block-absent"), Severity::Warning, QStringLiteral("no block"), 0, {}};
}

Finding fullFinding()
{
    return Finding{QStringLiteral("legacy-directive"), Severity::Error, QStringLiteral("sandbox_mode outside"), 3,
                   QStringLiteral("Run apply.")};
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestJsonShapes : public QObject
{
    Q_OBJECT

private slots:
    void findingMembersAreAlwaysPresent()
    {
        const QStringList keys{QStringLiteral("code"), QStringLiteral("fix"), QStringLiteral("line"),
                               QStringLiteral("message"), QStringLiteral("severity")};
        const QJsonObject bare = findingToJson(bareFinding());
        QCOMPARE(sortedKeys(bare), keys);
        QVERIFY(bare.value(QStringLiteral("line")).isNull());
        QVERIFY(bare.value(QStringLiteral("fix")).isNull());
        QCOMPARE(bare.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));

        const QJsonObject full = findingToJson(fullFinding());
        QCOMPARE(sortedKeys(full), keys);
        QCOMPARE(full.value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(full.value(QStringLiteral("fix")).toString(), QStringLiteral("Run apply."));
    }

    // status, inspect (the object and the streamed text) and verify's fallback
    // print the very object findingToJson() makes: before, inspect left line
    // and fix out and status printed fix as "".
    void everyReportPrintsTheSameFinding()
    {
        const QList<Finding> findings{bareFinding(), fullFinding()};
        const QJsonArray expected = findingsToJson(findings);

        Diagnosis diagnosis;
        diagnosis.codexHome = QStringLiteral("/nowhere");
        diagnosis.analysis.findings = findings;
        QCOMPARE(statusToJson(diagnosis).value(QStringLiteral("config")).toObject().value(QStringLiteral("findings"))
                     .toArray(),
                 expected);

        HomeReport home;
        home.path = QStringLiteral("/w/t/codex-home");
        home.findings = findings;
        QCOMPARE(homeReportToJson(home).value(QStringLiteral("findings")).toArray(), expected);
        QJsonParseError error;
        const QJsonDocument streamed = QJsonDocument::fromJson(homeReportJsonText(home), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(streamed.object().value(QStringLiteral("findings")).toArray(), expected);

        VerifyResult verify;
        ConfigAnalysis fallback;
        fallback.findings = findings;
        verify.fallback = fallback;
        QCOMPARE(verifyResultToJson(verify).value(QStringLiteral("fallback")).toObject()
                     .value(QStringLiteral("findings")).toArray(),
                 expected);
    }

    void errorObject()
    {
        const Error usage{Error::Kind::Usage, QStringLiteral("Unknown option 'x'."), {}, 0, 0, {}};
        const QJsonObject failure = failureToJson(usage);
        QCOMPARE(sortedKeys(failure), (QStringList{QStringLiteral("error"), QStringLiteral("exit_code")}));
        QCOMPARE(failure.value(QStringLiteral("exit_code")).toInt(), 2);
        const QJsonObject object = failure.value(QStringLiteral("error")).toObject();
        QCOMPARE(sortedKeys(object),
                 (QStringList{QStringLiteral("column"), QStringLiteral("hint"), QStringLiteral("kind"),
                              QStringLiteral("line"), QStringLiteral("message"), QStringLiteral("path")}));
        QCOMPARE(object.value(QStringLiteral("kind")).toString(), QStringLiteral("usage"));
        QVERIFY(object.value(QStringLiteral("path")).isNull());
        QVERIFY(object.value(QStringLiteral("line")).isNull());
        QVERIFY(object.value(QStringLiteral("hint")).isNull());

        const Error invalid{Error::Kind::Refused, QStringLiteral("bad"), QStringLiteral("/h/config.toml"), 4, 7,
                            QStringLiteral("Fix line 4.")};
        const QJsonObject refused = errorToJson(invalid);
        QCOMPARE(refused.value(QStringLiteral("kind")).toString(), QStringLiteral("refused"));
        QCOMPARE(refused.value(QStringLiteral("line")).toInt(), 4);
        QCOMPARE(refused.value(QStringLiteral("column")).toInt(), 7);
        QCOMPARE(failureToJson(invalid).value(QStringLiteral("exit_code")).toInt(), 3);
        QCOMPARE(errorKindName(Error::Kind::Io), QStringLiteral("io"));
        QCOMPARE(errorKindName(Error::Kind::NotFound), QStringLiteral("not-found"));
        QCOMPARE(errorKindName(Error::Kind::Process), QStringLiteral("process"));
    }

    // network_access means something only under workspace-write: one rule for
    // status, inspect and verify (verify printed the raw flag before).
    void policyObject()
    {
        SandboxPolicy full;
        full.mode = SandboxMode::DangerFullAccess;
        full.networkAccess = true;
        full.reason = QStringLiteral("why");
        const QJsonObject object = policyToJson(full, Platform::Linux, false, QStringLiteral("custom:linux=read-only"));
        QCOMPARE(object.value(QStringLiteral("network_access")).toBool(true), false);
        QCOMPARE(object.value(QStringLiteral("platform")).toString(), QStringLiteral("linux"));
        QCOMPARE(object.value(QStringLiteral("preset_source")).toString(), QStringLiteral("default"));
        QVERIFY2(!object.contains(QStringLiteral("custom")), "custom is only for a custom preset");
        QVERIFY(object.contains(QStringLiteral("cost")));

        SandboxPolicy workspace;
        workspace.mode = SandboxMode::WorkspaceWrite;
        workspace.networkAccess = true;
        workspace.preset = PolicyPreset::Custom;
        const QJsonObject custom = policyToJson(workspace, Platform::MacOS, true, QStringLiteral("custom:macos=x"));
        QCOMPARE(custom.value(QStringLiteral("network_access")).toBool(), true);
        QCOMPARE(custom.value(QStringLiteral("preset_source")).toString(), QStringLiteral("chosen"));
        QCOMPARE(custom.value(QStringLiteral("custom")).toString(), QStringLiteral("custom:macos=x"));
        QVERIFY(custom.value(QStringLiteral("cost")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestJsonShapes)
#include "test_jsonshapes.moc"
