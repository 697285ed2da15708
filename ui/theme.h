#pragma once

#include <QPalette>

namespace SandboxDoctor::Ui {

// A dark Fusion palette, for checking that every colour follows the palette
// (--dark) and for systems whose style offers no dark palette of its own.
QPalette darkPalette();

} // namespace SandboxDoctor::Ui
