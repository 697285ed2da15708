# Signs the installed macOS bundle inside out with a Developer ID and the
# hardened runtime (both needed for notarization). Included by an install(CODE)
# rule after macdeployqt has copied Qt in, with:
#   SANDBOXDOCTOR_CODESIGN_IDENTITY  codesign identity
#   SANDBOXDOCTOR_BUNDLE             absolute path of the installed .app
#   SANDBOXDOCTOR_CLI_NAME           file name of the CLI in Contents/MacOS
function(sandboxdoctor_codesign path)
    execute_process(
        COMMAND codesign --force --timestamp --options runtime
                --sign "${SANDBOXDOCTOR_CODESIGN_IDENTITY}" "${path}"
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign could not sign ${path} with identity "
            "'${SANDBOXDOCTOR_CODESIGN_IDENTITY}':\n${output}\n"
            "Check `security find-identity -v -p codesigning` lists that identity, "
            "or configure with -DSANDBOXDOCTOR_CODESIGN_IDENTITY= to build unsigned.")
    endif()
endfunction()

set(contents "${SANDBOXDOCTOR_BUNDLE}/Contents")
if(NOT EXISTS "${contents}/MacOS/${SANDBOXDOCTOR_CLI_NAME}")
    message(FATAL_ERROR "codesign: ${contents}/MacOS/${SANDBOXDOCTOR_CLI_NAME} is missing; "
        "the install step that puts the CLI into the bundle did not run.")
endif()

# Innermost first: plugins and loose dylibs, then frameworks, then the CLI, then
# the bundle, whose signature seals everything inside it.
file(GLOB_RECURSE dylibs LIST_DIRECTORIES false
    "${contents}/PlugIns/*.dylib" "${contents}/Frameworks/*.dylib")
foreach(lib IN LISTS dylibs)
    sandboxdoctor_codesign("${lib}")
endforeach()
file(GLOB frameworks LIST_DIRECTORIES true "${contents}/Frameworks/*.framework")
foreach(framework IN LISTS frameworks)
    sandboxdoctor_codesign("${framework}")
endforeach()
sandboxdoctor_codesign("${contents}/MacOS/${SANDBOXDOCTOR_CLI_NAME}")
sandboxdoctor_codesign("${SANDBOXDOCTOR_BUNDLE}")

execute_process(
    COMMAND codesign --verify --deep --strict --verbose=2 "${SANDBOXDOCTOR_BUNDLE}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "codesign --verify rejects ${SANDBOXDOCTOR_BUNDLE}:\n${output}")
endif()
message(STATUS "Signed ${SANDBOXDOCTOR_BUNDLE} as '${SANDBOXDOCTOR_CODESIGN_IDENTITY}'")
