# cmake -DCOMPILER=… -DTARGET_OS=windows|host -DCOMPILE_COMMANDS=…/compile_commands.json
#       -DTOMLPP_INCLUDE=… -DQT_INCLUDE_HERE=… [-DQT_INCLUDE=…] -DSOURCE_DIR=… -DFOLDERS=a,b
#       [-DONLY_PLATFORM_BRANCHES=ON] -DMIN_SOURCES=n -DWORK_DIR=… [-DPCH=OFF]
#       [-DEXTRA_SOURCES=a.cpp,b.cpp -DEXTRA_LIKE=core/x.cpp -DEXPECT=a.cpp:regex,b.cpp:regex]
#       -P check-compile.cmake
# Compiles (-fsyntax-only, warnings as errors) the sources under FOLDERS, each
# with the definitions and include paths the real build gives it; TARGET_OS
# windows aims at Windows (x86_64, LLP64), QT_INCLUDE swaps this machine's Qt
# headers for another Qt's. Fails listing every diagnostic. See CMakeLists.txt.
# Sources that agree in flags and heavy headers share a precompiled header
# (sharedheaders.cmake says what goes in it and why nothing is masked); PCH=OFF
# compiles every source on its own, as before, for comparison.

cmake_minimum_required(VERSION 3.21)  # this script's policies (IN_LIST, ...), as the project's

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

include(${CMAKE_CURRENT_LIST_DIR}/sharedheaders.cmake)

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

# First pass: the sources to check, each with its arguments and folder.
set(count 0)
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
    # Each suite's QT_TESTCASE_BUILDDIR/SOURCEDIR is a path string that only
    # QTEST_MAIN's expansion uses; one value for all lets the suites share a
    # precompiled QtTest (clang refuses a macro defined otherwise than in it).
    list(TRANSFORM arguments REPLACE "^-DQT_TESTCASE_(BUILD|SOURCE)DIR=.*" "-DQT_TESTCASE_\\1DIR=\"${SOURCE_DIR}\"")
    set(name_${count} "${name}")
    set(arguments_${count} ${arguments} ${common} -iquote ${source_dir})
    set(compiled_${count} "${compiled}")
    set(directory_${count} "${directory}")
    math(EXPR count "${count} + 1")
endforeach()
# EXTRA_SOURCES (comma-separated files) are checked too, each with the
# arguments and folder of the database source EXTRA_LIKE, and in the same
# clusters: the test that proves the checks still fail broken sources.
if(EXTRA_SOURCES)
    string(REPLACE "," ";" EXTRA_SOURCES "${EXTRA_SOURCES}")
    set(like "")
    if(count GREATER 0)
        math(EXPR top "${count} - 1")
        foreach(i RANGE ${top})
            if(name_${i} STREQUAL EXTRA_LIKE)
                set(like ${i})
            endif()
        endforeach()
    endif()
    if(like STREQUAL "")
        message(FATAL_ERROR "EXTRA_LIKE ${EXTRA_LIKE} is not among the sources under ${FOLDERS}.")
    endif()
    foreach(extra IN LISTS EXTRA_SOURCES)
        get_filename_component(name_${count} ${extra} NAME)
        set(arguments_${count} ${arguments_${like}})
        set(compiled_${count} ${extra})
        set(directory_${count} ${directory_${like}})
        math(EXPR count "${count} + 1")
    endforeach()
endif()
set(checked ${count})

# Second pass: which sources share a precompiled header (sharedheaders.cmake).
set(clusters "")
if(count GREATER 0 AND NOT PCH STREQUAL "OFF")
    if(QT_INCLUDE)
        set(system_roots ${QT_INCLUDE} ${WORK_DIR}/include)
    else()
        set(system_roots ${QT_INCLUDE_HERE} ${WORK_DIR}/include)
    endif()
    # Headers that cost the most to parse: sources that differ in these do not share.
    set(heavy toml++/toml.h QtTest/qtestcase.h QtWidgets/qwidget.h QtCore/qprocess.h QtCore/qobject.h
        QtCore/qstring.h)
    math(EXPR top "${count} - 1")
    foreach(i RANGE ${top})
        sandboxdoctor_pch_defines_before_include(${compiled_${i}} defines)
        if(defines)
            continue()
        endif()
        sandboxdoctor_pch_scan("${COMPILER}" "${arguments_${i}}" ${compiled_${i}} ${directory_${i}}
            "${system_roots}" closure_${i} entries_${i})
        if(NOT closure_${i})
            continue()  # does not even preprocess: compiled on its own, which says why
        endif()
        sandboxdoctor_pch_key("${arguments_${i}}" key)
        foreach(header IN LISTS heavy)
            string(FIND "${closure_${i}}" "/${header}|" at)
            if(at EQUAL -1)
                list(APPEND key "-${header}")
            else()
                list(APPEND key "+${header}")
            endif()
        endforeach()
        string(MD5 cluster "${key}")
        if(NOT DEFINED members_${cluster})
            list(APPEND clusters ${cluster})
            set(key_${cluster} "${key}")
            set(members_${cluster} "")
        endif()
        list(APPEND members_${cluster} ${i})
    endforeach()
endif()

# One precompiled header per cluster of two or more sources: the entries every
# member's closure holds, in the order the first member includes them.
set(pch_built 0)
foreach(cluster IN LISTS clusters)
    list(LENGTH members_${cluster} size)
    if(size LESS 2)
        continue()
    endif()
    set(shared "")
    foreach(i IN LISTS members_${cluster})
        foreach(header IN LISTS entries_${i})
            if(header IN_LIST shared)
                continue()
            endif()
            set(everywhere ON)
            foreach(j IN LISTS members_${cluster})
                string(FIND "${closure_${j}}" "|${header}|" at)
                if(at EQUAL -1)
                    set(everywhere OFF)
                    break()
                endif()
            endforeach()
            if(everywhere)
                list(APPEND shared "${header}")
            endif()
        endforeach()
    endforeach()
    list(LENGTH shared shared_count)
    message(STATUS "Cluster of ${size} sources: ${shared_count} shared headers")
    if(NOT shared)
        continue()
    endif()
    set(header_file ${WORK_DIR}/pch/${cluster}.h)
    list(TRANSFORM shared PREPEND "#include \"" OUTPUT_VARIABLE lines)
    list(TRANSFORM lines APPEND "\"")
    list(JOIN lines "\n" text)
    file(WRITE ${header_file} "// Shared by: ${members_${cluster}}\n${text}\n")
    set(pch_arguments "")
    foreach(token IN LISTS key_${cluster})
        if(NOT token MATCHES "^(-fsyntax-only|[-+].*/.*\\.h)$")
            list(APPEND pch_arguments "${token}")
        endif()
    endforeach()
    if(TARGET_OS STREQUAL "windows")
        set(pch_file ${header_file}.gch)  # GCC finds it beside the header named by -include
        set(use_pch -include ${header_file})
    else()
        set(pch_file ${header_file}.pch)
        set(use_pch -include-pch ${pch_file})
    endif()
    execute_process(COMMAND ${COMPILER} ${pch_arguments} -x c++-header ${header_file} -o ${pch_file}
        RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        # The sources then parse these headers themselves and report what is wrong.
        message("(no shared header for ${members_${cluster}}: ${output})")
        continue()
    endif()
    math(EXPR pch_built "${pch_built} + 1")
    foreach(i IN LISTS members_${cluster})
        set(pch_${i} ${use_pch})
    endforeach()
endforeach()

# Third pass: the checks themselves.
set(failed "")
set(with_pch 0)
if(count GREATER 0)
    math(EXPR top "${count} - 1")
    foreach(i RANGE ${top})
        if(pch_${i})
            math(EXPR with_pch "${with_pch} + 1")
        endif()
        execute_process(COMMAND ${COMPILER} ${arguments_${i}} ${pch_${i}} ${compiled_${i}}
            WORKING_DIRECTORY ${directory_${i}}
            RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
        if(NOT result EQUAL 0 OR output MATCHES "warning:")
            list(APPEND failed ${name_${i}})
            set(output_${name_${i}} "${output}")
            message("---- ${name_${i}} ----\n${output}")
        endif()
    endforeach()
endif()
message(STATUS "${with_pch} of ${checked} sources shared ${pch_built} precompiled headers.")

# EXPECT=name:regex,...: exactly these sources must fail, each with a
# diagnostic matching its regex (the broken-source test); then the check passes.
if(EXPECT)
    string(REPLACE "," ";" EXPECT "${EXPECT}")
    set(wrong "")
    set(expected_names "")
    foreach(item IN LISTS EXPECT)
        string(REGEX MATCH "^([^:]+):(.*)$" parts "${item}")
        set(expected_name "${CMAKE_MATCH_1}")
        set(pattern "${CMAKE_MATCH_2}")
        list(APPEND expected_names "${expected_name}")
        if(NOT expected_name IN_LIST failed)
            list(APPEND wrong "${expected_name} compiled cleanly; it must fail with /${pattern}/")
        elseif(NOT output_${expected_name} MATCHES "${pattern}")
            list(APPEND wrong "${expected_name} failed, but without a diagnostic matching /${pattern}/")
        endif()
    endforeach()
    foreach(name IN LISTS failed)
        if(NOT name IN_LIST expected_names)
            list(APPEND wrong "${name} failed, and it is not one of the broken sources")
        endif()
    endforeach()
    if(wrong)
        list(JOIN wrong "\n  " wrong)
        message(FATAL_ERROR "The check does not catch exactly the broken sources:\n  ${wrong}")
    endif()
    message(STATUS "Each broken source failed as expected: ${expected_names}")
    return()
endif()

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
