#pragma once

#include <QDir>
#include <QTest>
#include <QWidget>

// Saves `widget` as <build>/screenshots/NAME.png, for a person to look at
// after the run; false when it could not be written.
inline bool saveHomesShot(QWidget *widget, const QString &name)
{
    const QString shots = QDir(qEnvironmentVariable("SANDBOXDOCTOR_BUILD_DIR")).filePath(QStringLiteral("screenshots"));
    if (!QDir().mkpath(shots))
        return false;
    QTest::qWait(50);  // the last layout and paint events
    return widget->grab().save(shots + QLatin1Char('/') + name + QLatin1String(".png"));
}
