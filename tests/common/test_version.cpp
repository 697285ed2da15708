#include "common/version.h"

#include <QTest>

using SandboxDoctor::Version;

class TestVersion final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("codex-cli prefix") << "codex-cli 0.121.0" << true << "0.121.0";
        QTest::newRow("bare") << "0.121.0" << true << "0.121.0";
        QTest::newRow("v prefix") << "v1.2.3" << true << "1.2.3";
        QTest::newRow("prerelease kept") << "codex-cli 0.146.0-alpha.9.2" << true << "0.146.0-alpha.9.2";
        QTest::newRow("build metadata dropped") << "1.2.3+abc.5" << true << "1.2.3";
        QTest::newRow("trailing newline") << "codex-cli 0.171.0\n" << true << "0.171.0";
        QTest::newRow("unknown") << "unknown" << false << "";
        QTest::newRow("empty") << "" << false << "";
        QTest::newRow("two parts") << "1.2" << false << "";
        QTest::newRow("inside a word") << "x86_64.1.2.3" << false << "";
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        const auto version = Version::parse(text);
        QCOMPARE(version.has_value(), valid);
        if (valid)
            QCOMPARE(version->toString(), canonical);
    }

    void fromCommandOutput_skipsCodePageLine()
    {
        const auto version = Version::fromCommandOutput(u"Active code page: 65001\r\ncodex-cli 0.121.0\r\n");
        QVERIFY(version.has_value());
        QCOMPARE(version->toString(), QStringLiteral("0.121.0"));
    }

    void fromCommandOutput_noVersion()
    {
        QVERIFY(!Version::fromCommandOutput(u"error: unknown flag\n").has_value());
    }

    void compare_data()
    {
        QTest::addColumn<QString>("lower");
        QTest::addColumn<QString>("higher");
        QTest::newRow("patch") << "0.121.0" << "0.121.1";
        QTest::newRow("minor beats patch") << "0.99.9" << "0.100.0";
        QTest::newRow("major") << "0.999.0" << "1.0.0";
        QTest::newRow("prerelease below release") << "0.150.0-alpha.1" << "0.150.0";
        QTest::newRow("numeric identifiers numerically") << "0.146.0-alpha.9.2" << "0.146.0-alpha.10";
        QTest::newRow("numeric below alphanumeric") << "1.0.0-1" << "1.0.0-alpha";
        QTest::newRow("shorter prerelease lower") << "1.0.0-alpha" << "1.0.0-alpha.1";
        QTest::newRow("alpha below beta") << "1.0.0-alpha.beta" << "1.0.0-beta";
        QTest::newRow("huge numbers") << "1.0.0-99999999999999999998" << "1.0.0-99999999999999999999";
    }

    void compare()
    {
        QFETCH(QString, lower);
        QFETCH(QString, higher);
        const auto a = Version::parse(lower);
        const auto b = Version::parse(higher);
        QVERIFY(a && b);
        QVERIFY(*a < *b);
        QVERIFY(*b > *a);
        QVERIFY(*a != *b);
        QCOMPARE(Version::compare(*a, *a), 0);
    }

    void buildMetadataIgnoredInComparison()
    {
        QCOMPARE(*Version::parse(u"1.2.3+one"), *Version::parse(u"1.2.3+two"));
    }
};

QTEST_GUILESS_MAIN(TestVersion)
#include "test_version.moc"
