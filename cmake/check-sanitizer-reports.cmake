# cmake -DREPORTS=DIR -P check-sanitizer-reports.cmake
# Fails, printing each one, when a sanitized program wrote a report into DIR
# (ASan, UBSan and LeakSanitizer write there: see cmake/Sanitizers.cmake).
file(GLOB reports "${REPORTS}/report.*")
if(NOT reports)
    message(STATUS "No sanitizer reports in ${REPORTS}.")
    return()
endif()
list(LENGTH reports count)
foreach(report IN LISTS reports)
    file(READ "${report}" text)
    message("---- ${report} ----\n${text}")
endforeach()
message(FATAL_ERROR "${count} sanitizer report(s) in ${REPORTS} (printed above): fix the code they point at; "
    "suppress only third-party code, with the reason, in cmake/sanitizer-suppressions/.")
