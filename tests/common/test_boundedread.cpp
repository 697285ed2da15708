#include "common/boundedread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace SandboxDoctor;

class TestBoundedRead final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write the fixture");
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void read_returnsTheWholeRegularFile()
    {
        const QByteArray bytes = QByteArray(100000, 'x') + "end";
        const auto read = readRegularFile(write(QStringLiteral("a.toml"), bytes), 1 << 20, QStringLiteral("a.toml"));
        QVERIFY(read.hasValue());
        QCOMPARE(read.value(), bytes);
    }

    void read_acceptsAFileOfExactlyTheCap()
    {
        const auto read = readRegularFile(write(QStringLiteral("cap"), QByteArray(64, 'y')), 64, QStringLiteral("cap"));
        QVERIFY(read.hasValue());
        QCOMPARE(read->size(), 64);
    }

    void read_refusesAFileOverTheCapNamingTheCap()
    {
        const QString path = write(QStringLiteral("big"), QByteArray(65, 'y'));
        const auto read = readRegularFile(path, 64, QStringLiteral("the backup"));
        QVERIFY(!read.hasValue());
        QCOMPARE(read.error().kind, Error::Kind::Refused);
        QCOMPARE(read.error().path, path);
        QVERIFY2(read.error().message.contains(QLatin1String("64 bytes")), qPrintable(read.error().message));
        QVERIFY(read.error().message.startsWith(QLatin1String("the backup")));
    }

    void read_reportsAMissingFileAsNotFound()
    {
        const auto read = readRegularFile(m_dir.filePath(QStringLiteral("nothing")), 64, QStringLiteral("x"));
        QVERIFY(!read.hasValue());
        QCOMPARE(read.error().kind, Error::Kind::NotFound);
    }

    void read_refusesAFolder()
    {
        const auto read = readRegularFile(m_dir.path(), 64, QStringLiteral("config.toml"));
        QVERIFY(!read.hasValue());
        QCOMPARE(read.error().kind, Error::Kind::Refused);
        QVERIFY(read.error().message.contains(QLatin1String("folder")));
        QVERIFY(!read.error().hint.isEmpty());
    }

#ifdef Q_OS_UNIX
    void read_refusesAFifoWithoutWaitingForAWriter()
    {
        const QString path = m_dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        QElapsedTimer clock;
        clock.start();
        const auto read = readRegularFile(path, 64, QStringLiteral("config.toml"));
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(!read.hasValue());
        QCOMPARE(read.error().kind, Error::Kind::Refused);
        QVERIFY(read.error().message.contains(QLatin1String("FIFO")));
    }

    void read_refusesALinkToADevice()
    {
        const QString link = m_dir.filePath(QStringLiteral("zero"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), link));
        const auto read = readRegularFile(link, 1 << 20, QStringLiteral("config.toml"));
        QVERIFY(!read.hasValue());
        QCOMPARE(read.error().kind, Error::Kind::Refused);
        QVERIFY(read.error().message.contains(QLatin1String("device")));
    }

    void read_followsALinkToARegularFile()
    {
        const QString target = write(QStringLiteral("target"), "k = 1\n");
        const QString link = m_dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(target, link));
        const auto read = readRegularFile(link, 64, QStringLiteral("config.toml"));
        QVERIFY(read.hasValue());
        QCOMPARE(read.value(), QByteArray("k = 1\n"));
    }
#endif
};

QTEST_GUILESS_MAIN(TestBoundedRead)
#include "test_boundedread.moc"
