// `status` lists the multica daemon's named blocks (issue 14.1): the text under
// Config, and `config.named_blocks` in --json (docs/cli-contract.md).

#include "report/diagnosis.h"
#include "report/statusreport.h"

#include "todayfixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SandboxDoctor;

class TestStatusNamedBlocks final : public QObject
{
    Q_OBJECT

    static Diagnosis diagnoseFile(const QTemporaryDir &home, const QByteArray &config)
    {
        QFile file(QDir(home.path()).filePath(QStringLiteral("config.toml")));
        if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
            qFatal("cannot write the fixture");
        file.close();
        DiagnoseRequest request;
        request.codexHome = home.path();
        request.platform = Platform::Linux;
        request.codexVersionText = QStringLiteral("0.171.0");
        return diagnose(request, CodexDetection{});
    }

private slots:
    void json_carriesNamedBlocksUnderConfig()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QJsonObject config = statusToJson(diagnoseFile(home, TodayFixtures::DaemonFeatures))
                                       .value(QStringLiteral("config")).toObject();
        const QJsonArray blocks = config.value(QStringLiteral("named_blocks")).toArray();
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].toObject(), (QJsonObject{{QStringLiteral("name"), QStringLiteral("memory-config")},
                                                    {QStringLiteral("begin_line"), 1},
                                                    {QStringLiteral("end_line"), 4}}));
        QCOMPARE(blocks[2].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("multi-agent"));
        QCOMPARE(blocks[2].toObject().value(QStringLiteral("begin_line")).toInt(), 16);
        QCOMPARE(blocks[3].toObject().value(QStringLiteral("end_line")).toInt(), 29);
        for (const QJsonValue &finding : config.value(QStringLiteral("findings")).toArray())
            QVERIFY(finding.toObject().value(QStringLiteral("code")).toString() != QLatin1String("block-damaged"));
    }

    void json_hasAnEmptyListWithoutNamedBlocks()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QJsonObject config = statusToJson(diagnoseFile(home, "model = \"o3\"\n"))
                                       .value(QStringLiteral("config")).toObject();
        QVERIFY(config.value(QStringLiteral("named_blocks")).isArray());
        QVERIFY(config.value(QStringLiteral("named_blocks")).toArray().isEmpty());
    }

    void text_listsNamedBlocksWithTheirLines()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString text = statusToText(diagnoseFile(home, TodayFixtures::DaemonPlain));
        QVERIFY2(text.contains(QLatin1String("daemon blocks: memory-feature (lines 1-3), memory-config (lines 4-7), "
                                             "multi-agent (lines 9-11), shell-environment (lines 23-28)")),
                 qPrintable(text));
        QVERIFY(!statusToText(diagnoseFile(home, "m = 1\n")).contains(QLatin1String("daemon blocks")));
    }
};

QTEST_GUILESS_MAIN(TestStatusNamedBlocks)
#include "test_statusnamedblocks.moc"
