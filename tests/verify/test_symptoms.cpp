#include "verify/symptoms.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace SandboxDoctor;

// Each symptom as a user would paste it; Codex's own messages as 0.171.0 prints them.
class TestSymptoms final : public QObject
{
    Q_OBJECT

private:
    SymptomCatalog m_catalog;

    QStringList idsFor(const QString &text) const
    {
        QStringList ids;
        for (const SymptomMatch &match : m_catalog.explain(text).matches)
            ids << match.symptom.id;
        return ids;
    }

private slots:
    void initTestCase()
    {
        Expected<SymptomCatalog> catalog = SymptomCatalog::builtIn();
        QVERIFY2(catalog.hasValue(), qPrintable(catalog ? QString() : catalog.error().toText()));
        m_catalog = *catalog;
    }

    void builtIn_hasEveryKnownSymptomInOrderOfSpecificity()
    {
        QStringList ids;
        for (const Symptom &symptom : m_catalog.symptoms()) {
            ids << symptom.id;
            QVERIFY2(!symptom.cause.isEmpty() && !symptom.explanation.isEmpty() && !symptom.fix.isEmpty(),
                     qPrintable(symptom.id));
        }
        const QStringList expected{QStringLiteral("legacy-profile"), QStringLiteral("zero-filled-config"),
                                   QStringLiteral("config-type-error"), QStringLiteral("network-disabled-env"),
                                   QStringLiteral("dns-blocked"), QStringLiteral("socket-denied"),
                                   QStringLiteral("sandbox-operation-not-permitted"),
                                   QStringLiteral("connection-refused"), QStringLiteral("io-timeout"),
                                   QStringLiteral("tls-unknown-ca"), QStringLiteral("unauthorized-401"),
                                   QStringLiteral("read-only-file-system"),
                                   QStringLiteral("windows-blocked-by-policy"), QStringLiteral("node-missing"),
                                   QStringLiteral("local-network-permission")};
        QCOMPARE(ids, expected);
    }

    void builtIn_isTheResourceFile()
    {
        // The embedded table is resources/symptoms.json, not a copy that could drift.
        QFile source(qEnvironmentVariable("SANDBOXDOCTOR_SOURCE_DIR") + QStringLiteral("/resources/symptoms.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile embedded(QStringLiteral(":/sandboxdoctor/symptoms.json"));
        QVERIFY(embedded.open(QIODevice::ReadOnly));
        QCOMPARE(embedded.readAll(), source.readAll());
    }

    void explain_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("fixId");

        const QString apply = QStringLiteral("apply-managed-block");
        QTest::newRow("go no such host")
            << "Error: Get \"https://api.openai.com/v1/models\": dial tcp: lookup api.openai.com: no such host"
            << "dns-blocked" << apply;
        QTest::newRow("curl could not resolve") << "curl: (6) Could not resolve host: github.com" << "dns-blocked" << apply;
        QTest::newRow("glibc temporary failure")
            << "socket.gaierror: [Errno -3] Temporary failure in name resolution" << "dns-blocked" << apply;
        QTest::newRow("node ENOTFOUND") << "Error: getaddrinfo ENOTFOUND registry.npmjs.org" << "dns-blocked" << apply;
        QTest::newRow("connection refused")
            << "dial tcp 127.0.0.1:5432: connect: connection refused" << "connection-refused" << "";
        QTest::newRow("i/o timeout") << "dial tcp 140.82.112.3:443: i/o timeout" << "io-timeout" << "";
        QTest::newRow("x509 unknown authority")
            << "tls: failed to verify certificate: x509: certificate signed by unknown authority" << "tls-unknown-ca" << "";
        QTest::newRow("socket operation not permitted")
            << "socket(): Operation not permitted" << "socket-denied" << apply;
        QTest::newRow("python socket EPERM")
            << "  File \"/usr/lib/python3.11/socket.py\", line 232, in __init__\n"
               "PermissionError: [Errno 1] Operation not permitted" << "socket-denied" << apply;
        QTest::newRow("read-only file system")
            << "touch: cannot touch '/etc/x': Read-only file system" << "read-only-file-system" << "";
        QTest::newRow("windows blocked by policy")
            << "exec command rejected: blocked by policy" << "windows-blocked-by-policy" << apply;
        QTest::newRow("node missing")
            << "env: node: No such file or directory" << "node-missing" << "";
        QTest::newRow("node missing, exit 127") << "codex exited with exit code 127" << "node-missing" << "";
        QTest::newRow("no route to host")
            << "dial tcp 192.168.1.20:8080: connect: no route to host" << "local-network-permission" << "";
        // Codex 0.171.0's own words (`codex sandbox -- true` with such a config.toml).
        QTest::newRow("legacy profile line")
            << "Error: legacy `profile = \"work\"` config is no longer supported; use `--profile work` with "
               "`work.config.toml` instead"
            << "legacy-profile" << "";
        QTest::newRow("zero-filled config.toml")
            << "Error: /Users/me/.codex/config.toml:1:201: key with no value, expected `=`" << "zero-filled-config" << "";
        QTest::newRow("zero-filled, older quoting")
            << "config.toml:1:9: key with no value, expected '='" << "zero-filled-config" << "";
        QTest::newRow("type error")
            << "Error: invalid type: string \"yes\", expected a boolean\nin `sandbox_workspace_write.network_access`"
            << "config-type-error" << "";
        QTest::newRow("network disabled in the environment")
            << "$ env | grep CODEX\nCODEX_SANDBOX=seatbelt\nCODEX_SANDBOX_NETWORK_DISABLED=1" << "network-disabled-env" << apply;
        QTest::newRow("seatbelt refuses to nest")
            << "sandbox-exec: sandbox_apply: Operation not permitted" << "sandbox-operation-not-permitted" << "";
        QTest::newRow("seatbelt refuses a write")
            << "touch: /Users/me/.zshrc: Operation not permitted" << "sandbox-operation-not-permitted" << "";
        QTest::newRow("401")
            << "unexpected status 401 Unauthorized: Missing bearer or basic authentication in header"
            << "unauthorized-401" << "";
    }

    void explain()
    {
        QFETCH(QString, text);
        QFETCH(QString, id);
        QFETCH(QString, fixId);
        const Explanation explanation = m_catalog.explain(text);
        QVERIFY2(!explanation.matches.isEmpty(), qPrintable(text));
        const SymptomMatch &first = explanation.matches.first();
        QCOMPARE(first.symptom.id, id);
        QCOMPARE(first.symptom.fixId, fixId);
        QVERIFY(!first.matchedText.isEmpty());
        QCOMPARE(text.mid(first.offset, first.matchedText.size()), first.matchedText);
    }

    void explain_unrelatedTextMatchesNothing()
    {
        QVERIFY(idsFor(QStringLiteral("All 42 tests passed.")).isEmpty());
        QVERIFY(idsFor(QString()).isEmpty());
    }

    void explain_permissionDeniedOnAFileIsNotTheNetworkSandbox()
    {
        QVERIFY(!idsFor(QStringLiteral("rm: cannot remove 'x': Operation not permitted")).contains(QStringLiteral("socket-denied")));
    }

    void explain_networkDisabledIsNamedBeforeTheDnsFailureItCauses()
    {
        const QString text = QStringLiteral("CODEX_SANDBOX_NETWORK_DISABLED=1\ncurl: (6) Could not resolve host: a.example\n");
        QCOMPARE(idsFor(text).value(0), QStringLiteral("network-disabled-env"));
        QVERIFY(idsFor(text).contains(QStringLiteral("dns-blocked")));
    }

    void explain_textsNameButtonsNotThisAppsCommandLine()
    {
        // The explainer shows these on the Verify page: a person acts with buttons there.
        static const QRegularExpression command(
            QStringLiteral("codex-sandbox-doctor-cli|`(?:apply|restore|verify|status|inspect|prepare|diff)\\b|\\brun apply\\b"),
            QRegularExpression::CaseInsensitiveOption);
        for (const Symptom &symptom : m_catalog.symptoms()) {
            for (const QString &text : {symptom.cause, symptom.explanation, symptom.fix})
                QVERIFY2(!command.match(text).hasMatch(), qPrintable(symptom.id + QLatin1String(": ") + text));
        }
    }

    void explain_reportsEachSymptomOnceInCatalogOrder()
    {
        const QString text = QStringLiteral("curl: (6) Could not resolve host: a.example\n"
                                            "curl: (7) Failed to connect: Connection refused\n"
                                            "curl: (6) Could not resolve host: b.example\n");
        QCOMPARE(idsFor(text), (QStringList{QStringLiteral("dns-blocked"), QStringLiteral("connection-refused")}));
    }

    void extractHost_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::newRow("go") << "dial tcp: lookup api.openai.com: no such host" << "api.openai.com";
        QTest::newRow("go with server") << "dial tcp: lookup proxy.golang.org on 192.168.1.1:53: no such host"
                                        << "proxy.golang.org";
        QTest::newRow("curl") << "curl: (6) Could not resolve host: github.com" << "github.com";
        QTest::newRow("curl quoted, trailing dot") << "Could not resolve host: 'files.pythonhosted.org'." << "files.pythonhosted.org";
        QTest::newRow("node") << "getaddrinfo ENOTFOUND registry.npmjs.org" << "registry.npmjs.org";
        QTest::newRow("url only") << "error sending request for url (https://api.openai.com:443/v1/responses): "
                                     "dns error: failed to lookup address information"
                                  << "api.openai.com";
        QTest::newRow("none") << "Temporary failure in name resolution" << "";
    }

    void extractHost()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QCOMPARE(SandboxDoctor::extractHost(text), host);
        QCOMPARE(m_catalog.explain(text).host, host);
    }

    void fromJson_refusesMalformedTables_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{") << "not JSON";
        QTest::newRow("no rows") << QByteArray("{\"symptoms\": []}") << "symptoms";
        QTest::newRow("row without cause")
            << QByteArray("{\"symptoms\": [{\"id\": \"x\", \"patterns\": [\"a\"]}]}") << "\"x\"";
        QTest::newRow("bad regex")
            << QByteArray("{\"symptoms\": [{\"id\": \"x\", \"cause\": \"c\", \"patterns\": [\"(\"]}]}") << "invalid pattern";
    }

    void fromJson_refusesMalformedTables()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const Expected<SymptomCatalog> catalog = SymptomCatalog::fromJson(json);
        QVERIFY(!catalog.hasValue());
        QCOMPARE(catalog.error().kind, Error::Kind::Refused);
        QVERIFY2(catalog.error().message.contains(mentions), qPrintable(catalog.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSymptoms)
#include "test_symptoms.moc"
