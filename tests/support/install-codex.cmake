# cmake -DPREFIX=DIR -DVERSION=X.Y.Z -P install-codex.cmake
# Installs the real Codex CLI from npm into PREFIX once; later runs reuse it.
if(EXISTS "${PREFIX}/.installed-${VERSION}" AND EXISTS "${PREFIX}/bin/codex")
    message(STATUS "Codex ${VERSION} already installed in ${PREFIX}")
    return()
endif()
find_program(NPM npm REQUIRED)
file(REMOVE_RECURSE "${PREFIX}")
file(MAKE_DIRECTORY "${PREFIX}")
execute_process(
    COMMAND "${NPM}" install -g --no-fund --no-audit --prefix "${PREFIX}" "@openai/codex@${VERSION}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "npm could not install @openai/codex@${VERSION} into ${PREFIX}:\n${output}")
endif()
file(TOUCH "${PREFIX}/.installed-${VERSION}")
message(STATUS "Installed Codex ${VERSION} into ${PREFIX}")
