# Precompiled headers for check-compile.cmake: the checks spend most of their
# time parsing the same Qt and toml++ headers once per source. Sources whose
# flags agree (up to our own macros and include folders, which no Qt header
# reads) and that pull in the same heavy headers share one precompiled header.
#
# Nothing a source could not see on its own goes into it: a shared header holds
# only headers that our code includes by name somewhere in the cluster AND that
# every source of the cluster includes (directly or through other headers) with
# the checked Qt, as the compiler's -H listing shows. So an include that the
# newer Qt no longer brings in transitively still fails the source that relies
# on it; the precompiled header only saves parsing what it would parse anyway.
# A source that #defines a macro before its last #include (NOMINMAX,
# WIN32_LEAN_AND_MEAN, _CRT_SECURE_NO_WARNINGS change what headers declare) is
# compiled on its own, as before.

# sandboxdoctor_pch_key(arguments out): the arguments with what no Qt, toml++
# or standard header depends on left out: -I and -iquote folders of ours (the
# shared headers come from -isystem folders) and the definitions of our own
# macros (which the compiler then adds on top of the precompiled header).
function(sandboxdoctor_pch_key arguments out)
    set(key "")
    set(skip_next OFF)
    foreach(token IN LISTS arguments)
        if(skip_next)
            set(skip_next OFF)
            continue()
        endif()
        if(token STREQUAL "-iquote")
            set(skip_next ON)
            continue()
        endif()
        if(token MATCHES "^-I" OR token MATCHES "^-D(SANDBOXDOCTOR_|FAKE_)")
            continue()
        endif()
        list(APPEND key "${token}")
    endforeach()
    set(${out} "${key}" PARENT_SCOPE)
endfunction()

# sandboxdoctor_pch_scan(compiler arguments source directory system_roots out_closure out_entries)
# Preprocesses the source (-E -H) and returns the headers under system_roots it
# includes at any depth (out_closure, one string "|a|b|...|" for fast searching)
# and those of them our own files include by name (out_entries, a list in order
# of first inclusion). Both are empty when preprocessing fails.
function(sandboxdoctor_pch_scan compiler arguments source directory system_roots out_closure out_entries)
    set(pp_arguments "")
    foreach(token IN LISTS arguments)
        if(NOT token MATCHES "^-(fsyntax-only|Werror)$")
            list(APPEND pp_arguments "${token}")
        endif()
    endforeach()
    execute_process(COMMAND ${compiler} ${pp_arguments} -E -H -o /dev/null ${source}
        WORKING_DIRECTORY ${directory} RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE listing)
    set(closure "|")
    set(entries "")
    set(forwarder OFF)
    if(result EQUAL 0)
        string(REPLACE ";" "\\;" listing "${listing}")
        string(REPLACE "\n" ";" lines "${listing}")
        foreach(line IN LISTS lines)
            if(NOT line MATCHES "^(\\.+) (.+)$")
                continue()  # "Multiple include guards may be useful for:" and its list
            endif()
            string(LENGTH "${CMAKE_MATCH_1}" depth)
            set(header "${CMAKE_MATCH_2}")
            math(EXPR up "${depth} - 1")
            set(system OFF)
            foreach(root IN LISTS system_roots)
                string(FIND "${header}" "${root}/" at)
                if(at EQUAL 0)
                    set(system ON)
                endif()
            endforeach()
            if(NOT system)
                set(system_${depth} OFF)
                continue()
            endif()
            set(system_${depth} ON)
            string(FIND "${closure}" "|${header}|" known)
            if(known EQUAL -1)
                string(APPEND closure "${header}|")
            endif()
            if(forwarder AND depth EQUAL forwarder_child_depth)
                # <QString> only includes "qstring.h", which the other sources'
                # closures hold under that name: share the real header.
                list(POP_BACK entries)
                list(APPEND entries "${header}")
            endif()
            set(forwarder OFF)
            if(depth EQUAL 1 OR NOT system_${up})
                list(APPEND entries "${header}")
                get_filename_component(file_name "${header}" NAME)
                if(file_name MATCHES "^Q[A-Za-z]+$")
                    set(forwarder ON)
                    math(EXPR forwarder_child_depth "${depth} + 1")
                endif()
            endif()
        endforeach()
        list(REMOVE_DUPLICATES entries)
    else()
        set(closure "")
    endif()
    set(${out_closure} "${closure}" PARENT_SCOPE)
    set(${out_entries} "${entries}" PARENT_SCOPE)
endfunction()

# True when the file defines a macro before its last #include (see above).
function(sandboxdoctor_pch_defines_before_include file out)
    file(STRINGS ${file} lines REGEX "^[ \t]*#[ \t]*(define|include)[ \t]")
    set(seen_define OFF)
    set(result OFF)
    foreach(line IN LISTS lines)
        if(line MATCHES "^[ \t]*#[ \t]*define")
            set(seen_define ON)
        elseif(seen_define)
            set(result ON)
        endif()
    endforeach()
    set(${out} ${result} PARENT_SCOPE)
endfunction()
