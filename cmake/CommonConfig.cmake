# Compile options and Qt defines every target of ours shares (qBittorrent's
# CommonConfig pattern): one INTERFACE target, linked PRIVATE everywhere.
add_library(sandboxdoctor_common_options INTERFACE)
add_library(SandboxDoctor::CommonOptions ALIAS sandboxdoctor_common_options)

target_compile_definitions(sandboxdoctor_common_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    SANDBOXDOCTOR_VERSION="${PROJECT_VERSION}"
)

if(MSVC)
    target_compile_options(sandboxdoctor_common_options INTERFACE /W4 /permissive- /utf-8)
    if(SANDBOXDOCTOR_WARNINGS_AS_ERRORS)
        target_compile_options(sandboxdoctor_common_options INTERFACE /WX)
    endif()
else()
    target_compile_options(sandboxdoctor_common_options INTERFACE -Wall -Wextra -Wpedantic)
    # qCDebug(category) with no message is Qt's documented use, but an empty
    # __VA_ARGS__ is a GNU extension before C++20, which clang's -Wpedantic reports.
    target_compile_options(sandboxdoctor_common_options INTERFACE
        $<$<CXX_COMPILER_ID:Clang,AppleClang>:-Wno-gnu-zero-variadic-macro-arguments>)
    if(SANDBOXDOCTOR_WARNINGS_AS_ERRORS)
        target_compile_options(sandboxdoctor_common_options INTERFACE -Werror)
    endif()
endif()

find_program(SANDBOXDOCTOR_CCACHE ccache)
if(SANDBOXDOCTOR_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${SANDBOXDOCTOR_CCACHE}")
endif()
