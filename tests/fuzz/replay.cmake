# cmake -DFUZZER=… -DFOLDER=… -P replay.cmake
# Runs a fuzz target once on each file in FOLDER (libFuzzer's replay: no
# mutation) and fails naming every file that crashed or failed an oracle, with
# the oracle's or the sanitizer's first line. libFuzzer given the folder itself
# would stop at the first bad file.
file(GLOB inputs LIST_DIRECTORIES false "${FOLDER}/*")
if(NOT inputs)
    message(STATUS "No inputs in ${FOLDER}.")
    return()
endif()
set(failed "")
foreach(input IN LISTS inputs)
    execute_process(COMMAND ${FUZZER} -timeout=30 -rss_limit_mb=2048 ${input}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        get_filename_component(name ${input} NAME)
        string(REGEX MATCH "ERROR: fuzz oracle failed: [^\n]*|ERROR: [A-Za-z]+Sanitizer: [^\n]*|runtime error: [^\n]*|ERROR: libFuzzer: [^\n]*" why "${output}")
        list(APPEND failed "${name}: ${why}")
        message("---- ${name} (exit ${result}) ----\n${output}")
    endif()
endforeach()
list(LENGTH inputs count)
if(failed)
    list(LENGTH failed failures)
    list(JOIN failed "\n  " failed)
    message(FATAL_ERROR "${failures} of ${count} inputs in ${FOLDER} fail ${FUZZER}:\n  ${failed}")
endif()
message(STATUS "All ${count} inputs in ${FOLDER} pass.")
