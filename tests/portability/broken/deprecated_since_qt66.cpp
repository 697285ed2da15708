// Deliberately broken (portability_fastChecksCatchBrokenSources): fine with
// Qt 6.4, deprecated in Qt 6.6, so the newer-Qt check must fail it.
#include <QLocale>
#include <QString>

QString germany()
{
    return QLocale::countryToString(QLocale::Germany);
}
