# -DSANDBOXDOCTOR_SANITIZE=ON: every target of this tree (libraries, both
# executables, the suites and their fakes) is built with AddressSanitizer and
# UndefinedBehaviorSanitizer. Undefined behaviour aborts instead of printing and
# going on (-fno-sanitize-recover), so a suite that hits it fails; LeakSanitizer
# runs at exit of every sanitized program (ASan's default on Linux).
#
# The run-time options each test gets are in SANDBOXDOCTOR_SANITIZER_ENVIRONMENT
# (tests/SandboxDoctorTesting.cmake adds them); the suppressions for third-party
# code are in cmake/sanitizer-suppressions/, each with its reason.
#
# Include before the first add_subdirectory, so every target is compiled alike.

option(SANDBOXDOCTOR_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer (GCC or Clang)" OFF)

set(SANDBOXDOCTOR_SANITIZER_ENVIRONMENT "")
if(NOT SANDBOXDOCTOR_SANITIZE)
    return()
endif()

if(MSVC)
    message(FATAL_ERROR "SANDBOXDOCTOR_SANITIZE needs GCC or Clang (MSVC has no UndefinedBehaviorSanitizer).")
endif()

set(sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_compile_options(${sanitize_flags})
add_link_options(${sanitize_flags})
list(JOIN sanitize_flags " " shown)
message(STATUS "Sanitizers on: ${shown}")

# Where every sanitized program writes its reports (one file per process, named
# by its pid): a report from a child the test started (the CLI, a fake Codex)
# counts as much as one from the suite. The test sanitizer_noReports fails on any.
set(SANDBOXDOCTOR_SANITIZER_REPORTS "${PROJECT_BINARY_DIR}/sanitizer-reports")
set(suppressions ${CMAKE_CURRENT_LIST_DIR}/sanitizer-suppressions)
# detect_leaks: on (Linux's default, stated so a reader need not know it).
# check_initialization_order/strict_init_order: a static constructor that reads
# another file's global. detect_stack_use_after_return: a pointer to a local
# kept past its function. abort_on_error: a report ends the program with
# SIGABRT, which CTest counts as a failure.
set(SANDBOXDOCTOR_SANITIZER_ENVIRONMENT
    "ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:abort_on_error=1:log_path=${SANDBOXDOCTOR_SANITIZER_REPORTS}/report"
    "LSAN_OPTIONS=suppressions=${suppressions}/lsan.supp:print_suppressions=0"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=${SANDBOXDOCTOR_SANITIZER_REPORTS}/report:suppressions=${suppressions}/ubsan.supp")
