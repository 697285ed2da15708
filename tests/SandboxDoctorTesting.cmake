# sandboxdoctor_add_test(NAME SOURCES files... [LIBS libs... (default: all of core; name
# one area, e.g. SandboxDoctor::Core::config, to build only what the suite needs)] [LABELS labels...] [TIMEOUT s])
# Builds a Qt Test executable and registers it with CTest, offscreen, with its
# source and build folders in the environment (SANDBOXDOCTOR_SOURCE_DIR, _BUILD_DIR).
# A suite that links no widgets (no SandboxDoctor::Ui) is a core or CLI suite:
# it gets the label core-cli and is a dependency of the target
# sandboxdoctor_core_suites, so a sanitizer tree can build and run just those
# (.ci/run does: `--target sandboxdoctor_core_suites`, then `ctest -L core-cli`).
# Scratch CODEX_HOMEs for tests that run Codex: never under /tmp, where Codex
# refuses to make its helper links. The build tree when it is not under /tmp
# (a clone may well be), else a folder of this build tree's own in the user's cache.
if(PROJECT_BINARY_DIR MATCHES "^/tmp(/|$)")
    if(DEFINED ENV{HOME} AND NOT "$ENV{HOME}" STREQUAL "" AND NOT "$ENV{HOME}" MATCHES "^/tmp(/|$)")
        set(scratch_parent "$ENV{HOME}/.cache/codex-sandbox-doctor-tests")
    else()
        set(scratch_parent "/var/tmp/codex-sandbox-doctor-tests")
    endif()
    string(MD5 build_id "${PROJECT_BINARY_DIR}")
    set(SANDBOXDOCTOR_TEST_SCRATCH_DIR "${scratch_parent}/${build_id}")
else()
    set(SANDBOXDOCTOR_TEST_SCRATCH_DIR "${PROJECT_BINARY_DIR}/test-scratch")
endif()

function(sandboxdoctor_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    if(NOT ARG_LIBS)
        set(ARG_LIBS SandboxDoctor::Core)
    endif()
    target_link_libraries(${name} PRIVATE Qt6::Test SandboxDoctor::CommonOptions ${ARG_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    if(NOT "SandboxDoctor::Ui" IN_LIST ARG_LIBS)
        list(APPEND ARG_LABELS core-cli)
        set_property(GLOBAL APPEND PROPERTY SANDBOXDOCTOR_CORE_SUITES ${name})
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SANDBOXDOCTOR_SOURCE_DIR=${PROJECT_SOURCE_DIR};SANDBOXDOCTOR_BUILD_DIR=${PROJECT_BINARY_DIR};SANDBOXDOCTOR_SCRATCH_DIR=${SANDBOXDOCTOR_TEST_SCRATCH_DIR}/${name};${ARG_ENVIRONMENT}")
    if(SANDBOXDOCTOR_SANITIZE)
        # The sanitizers' run-time options (cmake/Sanitizers.cmake), and the check
        # after the run that no program wrote a report.
        set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT ${SANDBOXDOCTOR_SANITIZER_ENVIRONMENT})
        set_property(TEST ${name} APPEND PROPERTY FIXTURES_REQUIRED sanitizer_reports)
    endif()
endfunction()

# In a sanitizer tree: the reports folder is emptied before the first suite, and
# sanitizer_noReports, after the last, fails printing every report written by
# any sanitized program: a suite, or a child it started whose exit it ignored.
if(SANDBOXDOCTOR_SANITIZE)
    add_test(NAME sanitizer_clearReports
        COMMAND ${CMAKE_COMMAND} -E rm -rf ${SANDBOXDOCTOR_SANITIZER_REPORTS})
    add_test(NAME sanitizer_noReports
        COMMAND ${CMAKE_COMMAND} -DREPORTS=${SANDBOXDOCTOR_SANITIZER_REPORTS}
                -P ${PROJECT_SOURCE_DIR}/cmake/check-sanitizer-reports.cmake)
    set_tests_properties(sanitizer_clearReports PROPERTIES FIXTURES_SETUP sanitizer_reports LABELS core-cli)
    set_tests_properties(sanitizer_noReports PROPERTIES FIXTURES_CLEANUP sanitizer_reports LABELS core-cli)
    # The check itself, on a folder holding one (LeakSanitizer) report: it must fail, naming it.
    add_test(NAME sanitizer_noReportsFailsOnAReport
        COMMAND ${CMAKE_COMMAND} -DREPORTS=${PROJECT_SOURCE_DIR}/cmake/sanitizer-report-sample
                -P ${PROJECT_SOURCE_DIR}/cmake/check-sanitizer-reports.cmake)
    set_tests_properties(sanitizer_noReportsFailsOnAReport PROPERTIES LABELS core-cli
        PASS_REGULAR_EXPRESSION "report\\.4242.*detected memory leaks.*1 sanitizer report\\(s\\) in")
endif()

# The real Codex CLI from npm, the judge of what Codex accepts. Installed once
# per build tree by a CTest fixture; a failed install fails every test that
# needs it (they are not run, which CTest counts as failed).
set(SANDBOXDOCTOR_CODEX_VERSION "0.171.0" CACHE STRING "Codex CLI version the integration tests pin")
# Another tree's folder may be named (scripts/dev points the sanitizer tree at
# the main build's) so a second tree does not download Codex again.
set(SANDBOXDOCTOR_CODEX_INSTALL_DIR "${PROJECT_BINARY_DIR}" CACHE PATH
    "Folder that holds the npm install of the real Codex CLI (codex-npm-<version>)")
set(SANDBOXDOCTOR_CODEX_PREFIX "${SANDBOXDOCTOR_CODEX_INSTALL_DIR}/codex-npm-${SANDBOXDOCTOR_CODEX_VERSION}")
add_test(NAME codex_npm_install
    COMMAND ${CMAKE_COMMAND} -DPREFIX=${SANDBOXDOCTOR_CODEX_PREFIX} -DVERSION=${SANDBOXDOCTOR_CODEX_VERSION}
            -P ${CMAKE_CURRENT_LIST_DIR}/support/install-codex.cmake)
set_tests_properties(codex_npm_install PROPERTIES FIXTURES_SETUP codex_npm TIMEOUT 600 LABELS integration)

# sandboxdoctor_needs_real_codex(TEST) — the test gets SANDBOXDOCTOR_CODEX_PREFIX
# (bin/codex is the npm shim; the native binary is inside lib/node_modules).
function(sandboxdoctor_needs_real_codex name)
    set_property(TEST ${name} APPEND PROPERTY FIXTURES_REQUIRED codex_npm)
    set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT
        "SANDBOXDOCTOR_CODEX_PREFIX=${SANDBOXDOCTOR_CODEX_PREFIX};SANDBOXDOCTOR_CODEX_VERSION=${SANDBOXDOCTOR_CODEX_VERSION}")
    set_property(TEST ${name} APPEND PROPERTY LABELS integration)
endfunction()
