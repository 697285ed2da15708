#pragma once

#include "common/expected.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace SandboxDoctor {

// Where scratch CODEX_HOMEs go by default: <CacheLocation>/verify. Never under
// /tmp when avoidable: Codex refuses its helper links there and warns.
QString defaultScratchBase();

// A fresh folder holding only config.toml (or nothing, for a missing config),
// removed when this object dies. Move-only.
class ScratchHome final
{
public:
    // `base` is created when missing; empty base means defaultScratchBase().
    static Expected<ScratchHome> create(const QString &base, const QByteArray &configBytes, bool configExists);

    ScratchHome(ScratchHome &&) noexcept;
    ScratchHome &operator=(ScratchHome &&) noexcept;
    ~ScratchHome();

    QString path() const;        // absolute; use as CODEX_HOME
    QString configPath() const;  // <path>/config.toml
    void setAutoRemove(bool remove);  // keep it for a person to look at

private:
    ScratchHome();
    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace SandboxDoctor
