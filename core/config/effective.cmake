# The sandbox Codex will actually enforce: the effective sandbox by Codex
# 0.171's rules, the values Codex refuses, and the analysis checks built on them.
target_sources(sandboxdoctor_core_config PRIVATE
    config/effectivesandbox.h config/effectivesandbox_p.h config/effectivesandbox.cpp
    config/configrefusals_p.h config/configrefusals.cpp
    config/permissionprofiles_p.h config/permissionprofiles.cpp
    config/keychecks_p.h config/keychecks.cpp
    config/sandboxchecks_p.h config/sandboxchecks.cpp
    config/zerofilled.h config/zerofilled.cpp
)
