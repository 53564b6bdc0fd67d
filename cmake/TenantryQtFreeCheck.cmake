# core/ is shared by the console and the server and must stay free of Qt. Its link list
# already keeps Qt's include directories away from it; this check also fails the configure
# step with the offending file, so the mistake is named before anything compiles.

function(tenantry_check_qt_free directory)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS
        "${directory}/*.h" "${directory}/*.hpp" "${directory}/*.cpp")
    foreach(source IN LISTS sources)
        file(STRINGS "${source}" qt_includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]|qt)")
        if(qt_includes)
            list(GET qt_includes 0 first)
            message(FATAL_ERROR
                "${source} includes Qt (${first}); core/ must stay Qt-free (see STYLE.md).")
        endif()
    endforeach()
endfunction()
