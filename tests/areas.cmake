# Each area's suites; one folder per area so areas never edit each other's files.
foreach(area common config apply cli detect homes verify ui ui_homes ui_verify packaging portability)
    if(NOT area STREQUAL "common" AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${area}/CMakeLists.txt)
        add_subdirectory(${area})
    endif()
endforeach()

# Benchmarks: each tests/benchmarks/<name>/ is its own folder with its own CMakeLists.
if(SANDBOXDOCTOR_BUILD_BENCHMARKS)
    file(GLOB benchmark_dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/benchmarks/*)
    foreach(dir IN LISTS benchmark_dirs)
        if(EXISTS ${dir}/CMakeLists.txt)
            add_subdirectory(${dir})
        endif()
    endforeach()
endif()
