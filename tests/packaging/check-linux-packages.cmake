# cmake -DCPACK=cpack -DCONFIG=<build>/CPackConfig.cmake -DWORK_DIR=DIR -DVERSION=X.Y.Z
#       -P check-linux-packages.cmake
# Builds the DEB and the TGZ from the build tree into WORK_DIR, unpacks each the
# way a user gets it (dpkg-deb -x, tar), and checks the installed tree: both
# executables run and print VERSION, the desktop entry passes
# desktop-file-validate and names a binary and an icon that are there, the
# icons have the sizes their folders claim, and the DEB's metadata carries the
# version and the Qt dependencies.
cmake_minimum_required(VERSION 3.21)

set(errors "")
macro(fail message)
    string(APPEND errors "  - ${message}\n")
endmacro()

function(run_or_die)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT result EQUAL 0)
        string(REPLACE ";" " " shown "${ARGN}")
        message(FATAL_ERROR "`${shown}` failed (${result}):\n${out}")
    endif()
endfunction()

# PNG width and height are big-endian 32-bit values at bytes 16..23.
function(png_size file out_var)
    file(READ "${file}" header LIMIT 24 HEX)
    string(SUBSTRING "${header}" 0 16 magic)
    if(NOT magic STREQUAL "89504e470d0a1a0a")
        set(${out_var} "not-a-png" PARENT_SCOPE)
        return()
    endif()
    string(SUBSTRING "${header}" 32 8 w)
    string(SUBSTRING "${header}" 40 8 h)
    math(EXPR w "0x${w}")
    math(EXPR h "0x${h}")
    set(${out_var} "${w}x${h}" PARENT_SCOPE)
endfunction()

# check_tree(LABEL ROOT): ROOT is the prefix (…/usr for the DEB).
# Appends to the caller's `errors`.
function(check_tree label root)
    foreach(exe codex-sandbox-doctor codex-sandbox-doctor-cli)
        set(path "${root}/bin/${exe}")
        if(NOT EXISTS "${path}")
            fail("${label}: bin/${exe} is missing")
            continue()
        endif()
        # offscreen: the GUI builds its QApplication before it reads --version.
        execute_process(
            COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen "${path}" --version
            RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
        if(NOT result EQUAL 0)
            fail("${label}: bin/${exe} --version exited ${result}: ${err}")
        elseif(NOT out STREQUAL "${exe} ${VERSION}\n")
            fail("${label}: bin/${exe} --version printed '${out}', expected '${exe} ${VERSION}'")
        else()
            message(STATUS "${label}: bin/${exe} --version -> ${exe} ${VERSION}")
        endif()
    endforeach()

    set(desktop "${root}/share/applications/codex-sandbox-doctor.desktop")
    if(NOT EXISTS "${desktop}")
        fail("${label}: share/applications/codex-sandbox-doctor.desktop is missing")
    else()
        execute_process(COMMAND "${tool_path_desktop-file-validate}" "${desktop}"
            RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
        if(NOT result EQUAL 0 OR NOT out STREQUAL "")
            fail("${label}: desktop-file-validate objects to the desktop entry: ${out}")
        endif()
        file(STRINGS "${desktop}" exec_line REGEX "^Exec=")
        file(STRINGS "${desktop}" icon_line REGEX "^Icon=")
        file(STRINGS "${desktop}" type_line REGEX "^Type=")
        string(REGEX REPLACE "^Exec=([^ ]+).*" "\\1" exec "${exec_line}")
        string(REGEX REPLACE "^Icon=" "" icon "${icon_line}")
        if(NOT type_line STREQUAL "Type=Application")
            fail("${label}: the desktop entry's Type is '${type_line}', expected Type=Application")
        endif()
        if(NOT exec OR NOT EXISTS "${root}/bin/${exec}")
            fail("${label}: the desktop entry runs '${exec}', which is not in bin/")
        endif()
        if(NOT icon OR NOT EXISTS "${root}/share/icons/hicolor/scalable/apps/${icon}.svg")
            fail("${label}: the desktop entry's icon '${icon}' has no hicolor/scalable/apps/${icon}.svg")
        endif()
        foreach(size 16 24 32 48 64 128 256 512)
            set(png "${root}/share/icons/hicolor/${size}x${size}/apps/${icon}.png")
            if(NOT EXISTS "${png}")
                fail("${label}: hicolor/${size}x${size}/apps/${icon}.png is missing")
                continue()
            endif()
            png_size("${png}" actual)
            if(NOT actual STREQUAL "${size}x${size}")
                fail("${label}: hicolor/${size}x${size}/apps/${icon}.png is ${actual}")
            endif()
        endforeach()
    endif()
    if(NOT EXISTS "${root}/share/doc/codex-sandbox-doctor/copyright")
        fail("${label}: share/doc/codex-sandbox-doctor/copyright (the licence) is missing")
    endif()
    set(errors "${errors}" PARENT_SCOPE)
endfunction()

foreach(var CPACK CONFIG WORK_DIR VERSION)
    if(NOT ${var})
        message(FATAL_ERROR "check-linux-packages.cmake needs -D${var}=...")
    endif()
endforeach()
foreach(tool dpkg-deb tar dpkg-shlibdeps desktop-file-validate)
    find_program(tool_path_${tool} ${tool})
    if(NOT tool_path_${tool})
        message(FATAL_ERROR "${tool} was not found; install dpkg-dev, tar and "
            "desktop-file-utils (scripts/dev deps does).")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/out" "${WORK_DIR}/deb" "${WORK_DIR}/tgz")
foreach(generator DEB TGZ)
    run_or_die("${CPACK}" --config "${CONFIG}" -G ${generator} -B "${WORK_DIR}/out")
endforeach()

file(GLOB debs "${WORK_DIR}/out/*.deb")
file(GLOB tgzs "${WORK_DIR}/out/*.tar.gz")
list(LENGTH debs deb_count)
list(LENGTH tgzs tgz_count)
if(NOT deb_count EQUAL 1 OR NOT tgz_count EQUAL 1)
    message(FATAL_ERROR "cpack made ${deb_count} .deb and ${tgz_count} .tar.gz in ${WORK_DIR}/out, expected one of each")
endif()

# The DEB: metadata, then its tree under /usr.
foreach(field Package Version Architecture Depends)
    execute_process(COMMAND dpkg-deb --field "${debs}" ${field}
        OUTPUT_VARIABLE deb_${field} OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
    message(STATUS "DEB ${field}: ${deb_${field}}")
endforeach()
if(NOT deb_Package STREQUAL "codex-sandbox-doctor")
    fail("DEB: Package is '${deb_Package}', expected codex-sandbox-doctor")
endif()
if(NOT deb_Version STREQUAL VERSION)
    fail("DEB: Version is '${deb_Version}', expected ${VERSION} (project(VERSION))")
endif()
# libqt6widgets6 and libqt6core6 come from dpkg-shlibdeps reading the ELF files;
# qt6-qpa-plugins from CPACK_DEBIAN_PACKAGE_DEPENDS (a plugin no ELF names).
foreach(dependency libqt6widgets6 libqt6core6 qt6-qpa-plugins)
    if(NOT deb_Depends MATCHES "(^|, )${dependency}( |,|$)")
        fail("DEB: Depends '${deb_Depends}' lacks ${dependency}")
    endif()
endforeach()
run_or_die(dpkg-deb -x "${debs}" "${WORK_DIR}/deb")
check_tree("DEB" "${WORK_DIR}/deb/usr")

# The TGZ: one top folder named after the package file, holding the prefix.
run_or_die("${CMAKE_COMMAND}" -E chdir "${WORK_DIR}/tgz" tar xzf "${tgzs}")
get_filename_component(tgz_top "${tgzs}" NAME)
string(REGEX REPLACE "\\.tar\\.gz$" "" tgz_top "${tgz_top}")
if(NOT tgz_top MATCHES "-${VERSION}-")
    fail("TGZ: file name ${tgz_top}.tar.gz does not carry the version ${VERSION}")
endif()
check_tree("TGZ" "${WORK_DIR}/tgz/${tgz_top}")

if(errors)
    message(FATAL_ERROR "The Linux packages are not right:\n${errors}")
endif()
message(STATUS "DEB and TGZ of version ${VERSION}: both executables run from the unpacked trees")
