# sandboxdoctor_signtool(files...) — Authenticode-signs Windows files with
# signtool from the Windows SDK. Reads:
#   SANDBOXDOCTOR_SIGNTOOL_CERT    SHA-1 thumbprint of a certificate in the
#                                  user's store, or the path of a .pfx file
#                                  (its password in env SANDBOXDOCTOR_SIGNTOOL_PASSWORD)
#   SANDBOXDOCTOR_TIMESTAMP_URL    RFC 3161 timestamp server
# Used by an install(CODE) rule (the .exe files) and by sign-msi.cmake.
function(sandboxdoctor_signtool)
    set(program_files_x86 "ProgramFiles(x86)") # the parentheses cannot stand inside $ENV{}
    file(TO_CMAKE_PATH "$ENV{${program_files_x86}}" program_files_x86)
    file(GLOB kits LIST_DIRECTORIES true "${program_files_x86}/Windows Kits/10/bin/*/x64")
    list(SORT kits COMPARE NATURAL ORDER DESCENDING) # the newest SDK first
    find_program(SANDBOXDOCTOR_SIGNTOOL signtool HINTS ${kits})
    if(NOT SANDBOXDOCTOR_SIGNTOOL)
        message(FATAL_ERROR "signtool.exe was not found on PATH nor in the Windows 10/11 SDK "
            "folders; install the Windows SDK or put signtool on PATH.")
    endif()
    if(SANDBOXDOCTOR_SIGNTOOL_CERT MATCHES "\\.pfx$")
        set(identity /f "${SANDBOXDOCTOR_SIGNTOOL_CERT}")
        if(DEFINED ENV{SANDBOXDOCTOR_SIGNTOOL_PASSWORD})
            list(APPEND identity /p "$ENV{SANDBOXDOCTOR_SIGNTOOL_PASSWORD}")
        endif()
    else()
        set(identity /sha1 "${SANDBOXDOCTOR_SIGNTOOL_CERT}")
    endif()
    execute_process(
        COMMAND "${SANDBOXDOCTOR_SIGNTOOL}" sign ${identity} /fd SHA256
                /tr "${SANDBOXDOCTOR_TIMESTAMP_URL}" /td SHA256 ${ARGN}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "signtool could not sign ${ARGN}:\n${output}\n"
            "Check the certificate '${SANDBOXDOCTOR_SIGNTOOL_CERT}' (thumbprint in "
            "certmgr, or .pfx path and password), or configure with "
            "-DSANDBOXDOCTOR_SIGNTOOL_CERT= to build unsigned.")
    endif()
    message(STATUS "Signed ${ARGN}")
endfunction()
