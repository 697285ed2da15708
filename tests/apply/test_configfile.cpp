#include "config/configfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace SandboxDoctor;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestConfigFile final : public QObject
{
    Q_OBJECT

private slots:
    void readConfig_missingFileIsAnEmptySnapshot()
    {
        QTemporaryDir home;
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(snapshot);
        QVERIFY(!snapshot->exists);
        QVERIFY(snapshot->bytes.isEmpty());
        QCOMPARE(snapshot->path, QDir(home.path()).filePath(QStringLiteral("config.toml")));
        QCOMPARE(snapshot->writePath, snapshot->path);
        QCOMPARE(snapshot->sha256Hex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void readConfig_readsBytesUntouched()
    {
        QTemporaryDir home;
        const QByteArray bytes = "\xEF\xBB\xBFmodel = \"o3\"\r\n[tui]\r\ntheme = \"x\"";
        writeFile(home.filePath(QStringLiteral("config.toml")), bytes);
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(snapshot);
        QVERIFY(snapshot->exists);
        QCOMPARE(snapshot->bytes, bytes);
        QCOMPARE(snapshot->sha256Hex(), sha256Hex(bytes));
        QCOMPARE(sha256Hex("abc"), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void readConfig_missingCodexHomeIsRefused()
    {
        QTemporaryDir parent;
        const QString missing = parent.filePath(QStringLiteral("nope"));
        const Expected<ConfigSnapshot> snapshot = readConfig(missing);
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QCOMPARE(snapshot.error().path, missing);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("does not exist")));
        QVERIFY(!snapshot.error().hint.isEmpty());
        QVERIFY(!QFileInfo::exists(missing));  // nothing was created
    }

    void readConfig_codexHomeThatIsAFileIsRefused()
    {
        QTemporaryDir parent;
        const QString file = parent.filePath(QStringLiteral("home"));
        writeFile(file, "x");
        const Expected<ConfigSnapshot> snapshot = readConfig(file);
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("not a folder")));
    }

    void readConfig_directoryInPlaceOfConfigIsRefused()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkdir(QStringLiteral("config.toml")));
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("folder")));
        QCOMPARE(snapshot.error().exitCode(), 3);
        QVERIFY(snapshot.error().hint.contains(QStringLiteral("Move that folder away")));
    }

    // FIFOs and symbolic links made by hand are POSIX things; on Windows
    // QFile::link makes a .lnk shortcut, which is no link to follow.
#ifdef Q_OS_UNIX
    void readConfig_fifoIsRefusedWithoutBlocking()
    {
        QTemporaryDir home;
        const QString path = home.filePath(QStringLiteral("config.toml"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("not a regular file")));
        QVERIFY(snapshot.error().message.contains(QStringLiteral("config.toml")));
        QCOMPARE(snapshot.error().path, path);
        QVERIFY(!snapshot.error().hint.isEmpty());
    }

    // A link to a device that never ends, or to a pipe: refused at once, never read.
    void readConfig_linkToADeviceOrAPipeIsRefusedUnread_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("kind");
        QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero") << QStringLiteral("a device");
        QTest::newRow("/dev/null") << QStringLiteral("/dev/null") << QStringLiteral("a device");
        QTest::newRow("fifo") << QString() << QStringLiteral("FIFO");
        QTest::newRow("folder") << QStringLiteral("/") << QStringLiteral("a folder");
    }

    void readConfig_linkToADeviceOrAPipeIsRefusedUnread()
    {
        QFETCH(QString, target);
        QFETCH(QString, kind);
        QTemporaryDir home;
        if (target.isEmpty()) {
            target = home.filePath(QStringLiteral("pipe"));
            QCOMPARE(::mkfifo(QFile::encodeName(target).constData(), 0600), 0);
        }
        QVERIFY(QFile::link(target, home.filePath(QStringLiteral("config.toml"))));
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QCOMPARE(snapshot.error().exitCode(), 3);
        QVERIFY2(snapshot.error().message.contains(kind), qPrintable(snapshot.error().toText()));
        QVERIFY(snapshot.error().message.contains(QStringLiteral("config.toml")));
        QCOMPARE(snapshot.error().path, QDir::cleanPath(target));  // where it really is
        QVERIFY(snapshot.error().hint.contains(QStringLiteral("Nothing was read or changed")));
    }

    void readConfig_stampsTheFileItRead()
    {
        QTemporaryDir home;
        const QString path = home.filePath(QStringLiteral("config.toml"));
        writeFile(path, "model = \"o3\"\n");
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(snapshot);
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(snapshot->stamp.inode, quint64(st.st_ino));
        QCOMPARE(snapshot->stamp.size, qint64(13));
        QCOMPARE(snapshot->stamp.type, FileStamp::Type::Regular);
    }
#endif

    void readHomeFile_readsAProfileFileAndNothingElse()
    {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral("work.config.toml")), "model = \"o3\"\n");
        const Expected<ConfigSnapshot> work = readHomeFile(home.path(), QStringLiteral("work.config.toml"));
        QVERIFY(work && work->exists);
        QCOMPARE(work->bytes, QByteArray("model = \"o3\"\n"));
        for (const QString &name : {QStringLiteral("../work.config.toml"), QStringLiteral("auth.json"),
                                    QStringLiteral(".config.toml"), QStringLiteral("a/b.config.toml")}) {
            const Expected<ConfigSnapshot> refused = readHomeFile(home.path(), name);
            QVERIFY2(!refused, qPrintable(name));
            QCOMPARE(refused.error().kind, Error::Kind::Usage);
        }
    }

    void readConfig_fileOverEightMiBIsRefused()
    {
        QTemporaryDir home;
        writeFile(home.filePath(QStringLiteral("config.toml")), QByteArray(MaxConfigBytes + 1, '#'));
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("8 MiB")));

        writeFile(home.filePath(QStringLiteral("config.toml")), QByteArray(MaxConfigBytes, '#'));
        QVERIFY(readConfig(home.path()));  // the limit itself is accepted
    }

#ifdef Q_OS_UNIX
    void readConfig_symlinkReadsAndWritesTheFinalTarget()
    {
        QTemporaryDir root;
        QDir(root.path()).mkpath(QStringLiteral("home"));
        QDir(root.path()).mkpath(QStringLiteral("shared"));
        const QString target = root.filePath(QStringLiteral("shared/real.toml"));
        writeFile(target, "model = \"o3\"\n");
        // Two hops, the first relative: both are followed.
        QVERIFY(QFile::link(target, root.filePath(QStringLiteral("shared/hop.toml"))));
        QCOMPARE(::symlink("../shared/hop.toml", QFile::encodeName(root.filePath(QStringLiteral("home/config.toml")))
                                                     .constData()),
                 0);
        const Expected<ConfigSnapshot> snapshot = readConfig(root.filePath(QStringLiteral("home")));
        QVERIFY(snapshot);
        QVERIFY(snapshot->exists);
        QCOMPARE(snapshot->bytes, QByteArray("model = \"o3\"\n"));
        QCOMPARE(snapshot->path, root.filePath(QStringLiteral("home/config.toml")));
        QCOMPARE(snapshot->writePath, target);
    }

    void readConfig_danglingSymlinkNamesWhereToCreate()
    {
        QTemporaryDir root;
        const QString target = root.filePath(QStringLiteral("real.toml"));
        QDir(root.path()).mkpath(QStringLiteral("home"));
        QVERIFY(QFile::link(target, root.filePath(QStringLiteral("home/config.toml"))));
        const Expected<ConfigSnapshot> snapshot = readConfig(root.filePath(QStringLiteral("home")));
        QVERIFY(snapshot);
        QVERIFY(!snapshot->exists);
        QCOMPARE(snapshot->writePath, target);
    }

    void readConfig_symlinkLoopIsRefused()
    {
        QTemporaryDir home;
        QVERIFY(QFile::link(home.filePath(QStringLiteral("b.toml")), home.filePath(QStringLiteral("config.toml"))));
        QVERIFY(QFile::link(home.filePath(QStringLiteral("config.toml")), home.filePath(QStringLiteral("b.toml"))));
        const Expected<ConfigSnapshot> snapshot = readConfig(home.path());
        QVERIFY(!snapshot);
        QCOMPARE(snapshot.error().kind, Error::Kind::Refused);
        QVERIFY(snapshot.error().message.contains(QStringLiteral("loop")));
    }
#endif
};

QTEST_GUILESS_MAIN(TestConfigFile)
#include "test_configfile.moc"
