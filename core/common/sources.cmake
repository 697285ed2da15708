sandboxdoctor_core_area(common)
target_sources(sandboxdoctor_core_common PRIVATE
    common/boundedread.h common/boundedread.cpp
    common/codexhomefolder.h common/codexhomefolder.cpp
    common/error.h
    common/expected.h
    common/finding.h common/finding.cpp
    common/logging.h common/logging.cpp
    common/platform.h common/platform.cpp
    common/userhome.h common/userhome.cpp
    common/policy.h common/policy.cpp
    common/policycost.h common/policycost.cpp
    common/policypreset.h common/policypreset.cpp
    common/processoutcome.h
    common/processrunner.h common/processrunner.cpp
    common/processtree.h common/processtree.cpp
    common/sandboxmode.h
    common/sandboxsettings.h common/sandboxsettings.cpp
    common/tomlversion.h common/tomlversion.cpp
    common/version.h common/version.cpp
)
