# sandboxdoctor_add_windows_resources(TARGET NAME DESCRIPTION [ICON file.ico])
# Gives a Windows executable its version resource (from project(VERSION), so
# Explorer's Properties > Details shows the same version as --version) and,
# with ICON, the icon Explorer, the taskbar and the Start menu show.
function(sandboxdoctor_add_windows_resources target)
    cmake_parse_arguments(ARG "" "NAME;DESCRIPTION;ICON" "" ${ARGN})
    if(NOT WIN32)
        return()
    endif()
    set(SANDBOXDOCTOR_RC_NAME "${ARG_NAME}")
    set(SANDBOXDOCTOR_RC_DESCRIPTION "${ARG_DESCRIPTION}")
    if(ARG_ICON)
        # The rc compiler wants forward slashes or doubled backslashes.
        file(TO_CMAKE_PATH "${ARG_ICON}" icon)
        set(SANDBOXDOCTOR_RC_ICON "IDI_APP_ICON ICON \"${icon}\"")
    else()
        set(SANDBOXDOCTOR_RC_ICON "")
    endif()
    set(rc "${CMAKE_CURRENT_BINARY_DIR}/${target}.rc")
    configure_file("${PROJECT_SOURCE_DIR}/installers/windows/app.rc.in" "${rc}" @ONLY)
    target_sources(${target} PRIVATE "${rc}")
endfunction()
