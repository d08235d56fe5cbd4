# bx_soname(VAR NAME LIBS DEFAULT): the SONAME (libpq.so.5) of the library
# libNAME among LIBS (full paths, as pkg_check_modules gives them), for a
# dlopen at run time of the very library the build was configured with;
# DEFAULT when objdump cannot tell.
function(bx_soname var name libs default)
  set(${var} ${default} PARENT_SCOPE)
  foreach(lib IN LISTS libs)
    get_filename_component(file ${lib} NAME)
    if(NOT file MATCHES "^lib${name}\\.so")
      continue()
    endif()
    execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${lib} OUTPUT_VARIABLE dump ERROR_QUIET)
    if(dump MATCHES "SONAME +([^ \n]+)")
      set(${var} ${CMAKE_MATCH_1} PARENT_SCOPE)
    endif()
    return()
  endforeach()
endfunction()
