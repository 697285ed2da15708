// Deliberately broken (portability_fastChecksCatchBrokenSources): a local that
// shadows another, which MSVC /W4 reports (C4456) and the Windows check must fail.
#include <QString>

QString joined(const QString &first)
{
    QString result = first;
#ifdef Q_OS_WIN
    result += QLatin1Char('\\');
#endif
    {
        QString result = QStringLiteral("inner");
        return result;
    }
}
