# Each area's suites; one line per area so areas never edit each other's files.
foreach(area config detect homes verify ui cli packaging)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${area}/CMakeLists.txt)
        add_subdirectory(${area})
    endif()
endforeach()
if(SANDBOXDOCTOR_BUILD_BENCHMARKS AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/benchmarks/CMakeLists.txt)
    add_subdirectory(benchmarks)
endif()
