sandboxdoctor_core_area(common)
target_sources(sandboxdoctor_core_common PRIVATE
    common/error.h
    common/expected.h
    common/finding.h common/finding.cpp
    common/logging.h common/logging.cpp
    common/platform.h common/platform.cpp
    common/userhome.h common/userhome.cpp
    common/policy.h common/policy.cpp
    common/version.h common/version.cpp
)
