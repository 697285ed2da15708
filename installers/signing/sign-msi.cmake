# CPACK_POST_BUILD_SCRIPTS hook (Windows, only when SANDBOXDOCTOR_SIGNTOOL_CERT
# is set): signs each .msi CPack made. The .exe files inside were signed at
# install time (installers/CMakeLists.txt).
set(SANDBOXDOCTOR_SIGNTOOL_CERT "${CPACK_SANDBOXDOCTOR_SIGNTOOL_CERT}")
set(SANDBOXDOCTOR_TIMESTAMP_URL "${CPACK_SANDBOXDOCTOR_TIMESTAMP_URL}")
include("${CPACK_SANDBOXDOCTOR_SIGNING_DIR}/signtool.cmake")
foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(package MATCHES "\\.msi$")
        sandboxdoctor_signtool("${package}")
    endif()
endforeach()
