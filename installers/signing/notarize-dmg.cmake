# CPACK_POST_BUILD_SCRIPTS hook (macOS, only when SANDBOXDOCTOR_CODESIGN_IDENTITY
# is set): signs each .dmg CPack made and, when SANDBOXDOCTOR_NOTARY_PROFILE is
# set, has Apple notarize it and staples the ticket so Gatekeeper accepts it
# offline. The profile is made once with
#   xcrun notarytool store-credentials PROFILE --apple-id ... --team-id ...
foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(NOT package MATCHES "\\.dmg$")
        continue()
    endif()
    execute_process(
        COMMAND codesign --force --timestamp --sign "${CPACK_SANDBOXDOCTOR_CODESIGN_IDENTITY}" "${package}"
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign could not sign ${package}:\n${output}")
    endif()
    if(NOT CPACK_SANDBOXDOCTOR_NOTARY_PROFILE)
        message(STATUS "Signed ${package}; not notarized (SANDBOXDOCTOR_NOTARY_PROFILE is empty)")
        continue()
    endif()
    execute_process(
        COMMAND xcrun notarytool submit "${package}"
                --keychain-profile "${CPACK_SANDBOXDOCTOR_NOTARY_PROFILE}" --wait
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    # notarytool can exit 0 for a submission Apple rejected; the status line tells.
    if(NOT result EQUAL 0 OR NOT output MATCHES "status: Accepted")
        message(FATAL_ERROR "Apple did not accept ${package} for notarization:\n${output}\n"
            "Read the log with `xcrun notarytool log <submission id> "
            "--keychain-profile ${CPACK_SANDBOXDOCTOR_NOTARY_PROFILE}`.")
    endif()
    execute_process(
        COMMAND xcrun stapler staple "${package}"
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "stapler could not staple the notarization ticket to ${package}:\n${output}")
    endif()
    message(STATUS "Signed, notarized and stapled ${package}")
endforeach()
