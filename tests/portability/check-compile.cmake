# cmake -DCOMPILER=… -DTARGET_OS=windows|host -DCOMPILE_COMMANDS=…/compile_commands.json
#       -DTOMLPP_INCLUDE=… -DQT_INCLUDE_HERE=… [-DQT_INCLUDE=…] -DSOURCE_DIR=… -DFOLDERS=a,b
#       [-DONLY_PLATFORM_BRANCHES=ON] -DMIN_SOURCES=n -DWORK_DIR=… -P check-compile.cmake
# Compiles (-fsyntax-only, warnings as errors) the sources under FOLDERS, each
# with the definitions and include paths the real build gives it; TARGET_OS
# windows aims at Windows (x86_64, LLP64), QT_INCLUDE swaps this machine's Qt
# headers for another Qt's. Fails listing every diagnostic. See CMakeLists.txt.

if(NOT COMPILER)
    if(TARGET_OS STREQUAL "windows")
        set(package g++-mingw-w64-x86-64-posix)
    else()
        set(package clang)
    endif()
    message(FATAL_ERROR "The compiler for this check was not found. Install it (Debian: apt-get install ${package}; "
        "`scripts/dev deps` does) and reconfigure.")
endif()
if(QT_INCLUDE AND NOT EXISTS ${QT_INCLUDE}/QtCore/qglobal.h)
    message(FATAL_ERROR "${QT_INCLUDE} holds no Qt headers (QtCore/qglobal.h). Run scripts/fetch-newer-qt-headers "
        "and set SANDBOXDOCTOR_NEWER_QT_HEADERS to the folder it prints.")
endif()
if(NOT EXISTS ${COMPILE_COMMANDS})
    message(FATAL_ERROR "${COMPILE_COMMANDS} is missing: configure with a Ninja or Makefile generator "
        "(CMAKE_EXPORT_COMPILE_COMMANDS is on in CMakeLists.txt).")
endif()

# toml++ lives in /usr/include, which a Windows target must not search (glibc's
# headers are there): a folder holding only toml++ stands in.
file(MAKE_DIRECTORY ${WORK_DIR}/include ${WORK_DIR}/unmocced)
file(CREATE_LINK ${TOMLPP_INCLUDE}/toml++ ${WORK_DIR}/include/toml++ SYMBOLIC)

set(common -fsyntax-only -Werror -isystem ${WORK_DIR}/include)
if(TARGET_OS STREQUAL "windows")
    # mingw-w64 carries POSIX headers that MSVC lacks; stand-ins that stop the
    # compile make a use outside a Q_OS_UNIX branch fail here as it would there.
    set(posix_headers unistd.h dirent.h poll.h netdb.h libgen.h strings.h
        sys/socket.h sys/time.h sys/wait.h sys/mman.h sys/un.h arpa/inet.h netinet/in.h)
    foreach(header IN LISTS posix_headers)
        file(WRITE ${WORK_DIR}/posix-only/${header}
            "#error \"<${header}> is POSIX; MSVC has no such header: include it under #ifdef Q_OS_UNIX\"\n")
    endforeach()
    list(APPEND common -isystem ${WORK_DIR}/posix-only)
    # MSVC /W4's shadowing and narrowing warnings; what Qt's Windows targets
    # define; Windows 10 as the oldest supported.
    list(APPEND common -Wshadow -Wconversion -Wno-sign-conversion -DUNICODE -D_UNICODE -DWIN32 -D_WIN32_WINNT=0x0A00)
else()
    # As cmake/CommonConfig.cmake has it for clang (the build here is gcc's).
    list(APPEND common -Wno-gnu-zero-variadic-macro-arguments)
endif()

# The build's own arguments for one source, minus what names outputs or points
# at folders this target must not see.
function(check_arguments command out)
    separate_arguments(tokens UNIX_COMMAND "${command}")
    list(POP_FRONT tokens)  # the build's compiler
    set(kept "")
    set(skip_next OFF)
    set(include_next "")
    foreach(token IN LISTS tokens)
        if(skip_next)
            set(skip_next OFF)
            continue()
        endif()
        if(token MATCHES "^-(o|c|MF|MT|MQ)$")
            set(skip_next ON)
            continue()
        endif()
        if(token MATCHES "^-(MD|MMD|Werror)$" OR (TARGET_OS STREQUAL "windows" AND token MATCHES "^-(fPIC|pthread)$"))
            continue()
        endif()
        if(token STREQUAL "-isystem")
            set(include_next "-isystem")
            continue()
        endif()
        set(dir "")
        if(include_next)
            set(dir "${token}")
        elseif(token MATCHES "^-I(.+)$")
            set(dir "${CMAKE_MATCH_1}")
        endif()
        if(dir)
            set(flag "${include_next}")
            set(include_next "")
            if(dir MATCHES "/mkspecs/" OR dir STREQUAL "/usr/include")
                continue()  # Qt's linux-g++ mkspec; glibc's folder (toml++ has its stand-in)
            endif()
            if(dir MATCHES "_autogen/")
                continue()  # moc output, written for this Qt and for Linux
            endif()
            if(QT_INCLUDE)
                string(REPLACE "${QT_INCLUDE_HERE}" "${QT_INCLUDE}" dir "${dir}")
            endif()
            if(flag)
                list(APPEND kept -isystem "${dir}")
            else()
                list(APPEND kept "-I${dir}")
            endif()
            continue()
        endif()
        list(APPEND kept "${token}")
    endforeach()
    set(${out} "${kept}" PARENT_SCOPE)
endfunction()

string(REPLACE "," ";" FOLDERS "${FOLDERS}")
file(READ ${COMPILE_COMMANDS} database)
string(JSON entries LENGTH "${database}")
math(EXPR last "${entries} - 1")
set(checked 0)
set(failed "")
foreach(index RANGE ${last})
    string(JSON source GET "${database}" ${index} file)
    file(RELATIVE_PATH name ${SOURCE_DIR} ${source})
    set(wanted OFF)
    foreach(folder IN LISTS FOLDERS)
        if(name MATCHES "^${folder}/")
            set(wanted ON)
        endif()
    endforeach()
    if(NOT wanted)
        continue()  # autogen output lives in the build tree, outside every folder
    endif()
    if(ONLY_PLATFORM_BRANCHES)
        file(STRINGS ${source} branches LIMIT_COUNT 1
            REGEX "_WIN32|Q_OS_[A-Z]+|#include <(unistd|dirent|poll|netdb|sys/|arpa/|netinet/)")
        if(NOT branches)
            continue()
        endif()
    endif()
    string(JSON command GET "${database}" ${index} command)
    string(JSON directory GET "${database}" ${index} directory)
    check_arguments("${command}" arguments)

    get_filename_component(source_dir ${source} DIRECTORY)
    set(compiled ${source})
    # A Qt Test suite includes its moc output, which moc wrote for this Qt and
    # for Linux (a Q_OS_UNIX test slot is in it); a copy without it still checks
    # every line of ours.
    file(STRINGS ${source} moc_includes REGEX "^#include \"[^\"]+\\.moc\"")
    if(moc_includes)
        file(READ ${source} text)
        string(REGEX REPLACE "\n#include \"[^\"\n]+\\.moc\"" "\n// (moc output left out)" text "${text}")
        string(REPLACE "/" "_" flat "${name}")
        set(compiled ${WORK_DIR}/unmocced/${flat})
        file(WRITE ${compiled} "${text}")
    endif()
    execute_process(COMMAND ${COMPILER} ${arguments} ${common} -iquote ${source_dir} ${compiled}
        WORKING_DIRECTORY ${directory}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    math(EXPR checked "${checked} + 1")
    if(NOT result EQUAL 0 OR output MATCHES "warning:")
        list(APPEND failed ${name})
        message("---- ${name} ----\n${output}")
    endif()
endforeach()

if(checked LESS MIN_SOURCES)
    # Fewer than the files known to be there: the search itself is broken.
    message(FATAL_ERROR "Only ${checked} sources under ${FOLDERS} were found in ${COMPILE_COMMANDS}; "
        "expected at least ${MIN_SOURCES}.")
endif()
if(failed)
    list(LENGTH failed failures)
    string(REPLACE ";" "\n  " failed "${failed}")
    if(TARGET_OS STREQUAL "windows")
        set(what "for Windows (the Windows job builds with MSVC /W4)")
    else()
        set(what "against the Qt headers in ${QT_INCLUDE} (the macOS and Windows jobs' Qt)")
    endif()
    message(FATAL_ERROR "${failures} of ${checked} sources do not compile cleanly ${what}:\n  ${failed}\n"
        "Fix the diagnostics above.")
endif()
message(STATUS "${checked} sources under ${FOLDERS} compile cleanly.")
