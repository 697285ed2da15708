#pragma once

#include "common/finding.h"

#include <QIcon>
#include <QString>

namespace SandboxDoctor::Ui::Icons {

// An icon from :/icons/<name>.svg, rendered at the exact size and device pixel
// ratio asked for (sharp on high-DPI screens). Monochrome icons draw in
// `currentColor`, which becomes the palette's text colour when painted, so
// they follow a light or a dark palette (and grey out when disabled).
QIcon icon(const QString &name);

// How many times an SVG has been rasterised so far: each name, size, scale,
// mode and palette colour once (for tests of the cache; never decreases).
int renderCount();

// ok / info / warning / error
QIcon severity(Severity severity);
QIcon ok();

} // namespace SandboxDoctor::Ui::Icons
