# The installable library: every stage library that bx_export depends on,
# merged into one libbudgetx (static and shared), its public headers and a
# budgetx.pc. The CLI and the tests keep linking the stage libraries.
#
# The stages are found by walking bx_export's link dependencies, so a stage
# library added later joins libbudgetx without a second list to keep.

# Appends to the global properties BX_STAGES (our static libraries, in
# dependency order, users first) and BX_EXTERNAL (everything else they link).
function(bx_walk_stages target)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(deps ${target} INTERFACE_LINK_LIBRARIES)
  else()
    get_target_property(deps ${target} LINK_LIBRARIES)
  endif()
  if(NOT deps)
    return()
  endif()
  foreach(dep IN LISTS deps)
    get_property(seen GLOBAL PROPERTY BX_STAGES)
    get_property(external GLOBAL PROPERTY BX_EXTERNAL)
    if(dep IN_LIST seen OR dep IN_LIST external)
      continue()
    endif()
    set(ours FALSE)
    if(TARGET ${dep})
      get_target_property(type ${dep} TYPE)
      get_target_property(imported ${dep} IMPORTED)
      if(type STREQUAL "INTERFACE_LIBRARY" AND NOT imported)
        # a grouping of stages (bx_model): its members, no objects of its own
        bx_walk_stages(${dep})
        continue()
      endif()
      if(type STREQUAL "STATIC_LIBRARY" AND NOT imported)
        set(ours TRUE)
      endif()
    endif()
    if(ours)
      set_property(GLOBAL APPEND PROPERTY BX_STAGES ${dep})
      bx_walk_stages(${dep})
    else()
      set_property(GLOBAL APPEND PROPERTY BX_EXTERNAL ${dep})
    endif()
  endforeach()
endfunction()

set_property(GLOBAL PROPERTY BX_STAGES bx_export)
set_property(GLOBAL PROPERTY BX_EXTERNAL "")
bx_walk_stages(bx_export)
get_property(bx_stages GLOBAL PROPERTY BX_STAGES)
get_property(bx_external GLOBAL PROPERTY BX_EXTERNAL)

set(bx_objects "")
foreach(stage IN LISTS bx_stages)
  list(APPEND bx_objects $<TARGET_OBJECTS:${stage}>)
endforeach()

# The public headers are the ones budgetx.h, the manual, includes
# (scripts/check-public-docs finds them; its test holds them documented).
# They are installed flat under include/budgetx/: they include each other by
# bare name.
set(BX_HEADER_DIRS ${PROJECT_SOURCE_DIR}/common ${PROJECT_SOURCE_DIR}/extract
  ${PROJECT_SOURCE_DIR}/normalize ${PROJECT_SOURCE_DIR}/model ${PROJECT_SOURCE_DIR}/export
  ${PROJECT_BINARY_DIR}/generated)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
execute_process(COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/check-public-docs --list
  ${PROJECT_SOURCE_DIR}/budgetx.h ${BX_HEADER_DIRS}
  OUTPUT_VARIABLE BX_PUBLIC_HEADERS OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set(BX_PUBLIC_HEADERS ${PROJECT_SOURCE_DIR}/budgetx.h ${BX_PUBLIC_HEADERS})
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/budgetx.h)

add_library(budgetx_static STATIC ${bx_objects})
set_target_properties(budgetx_static PROPERTIES OUTPUT_NAME budgetx)

# extract/paths.c defines cairo_stroke and friends; inside the shared library
# they take Poppler's calls as long as libbudgetx comes before libcairo in the
# program's link line (bx_doc_open reports an error otherwise).
add_library(budgetx_shared SHARED ${bx_objects})
set_target_properties(budgetx_shared PROPERTIES OUTPUT_NAME budgetx
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
target_link_libraries(budgetx_shared PRIVATE ${bx_external})
target_link_options(budgetx_shared PRIVATE -Wl,--no-undefined)

# The prefix is found from where budgetx.pc lies, so that the file stays
# right whatever `cmake --install --prefix` says.
set(BX_PC_VERSION ${PROJECT_VERSION})
file(RELATIVE_PATH BX_PC_UP /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
string(REGEX REPLACE "/$" "" BX_PC_UP "${BX_PC_UP}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/budgetx.pc.in ${PROJECT_BINARY_DIR}/budgetx.pc @ONLY)

install(TARGETS budgetx_static budgetx_shared
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS budgetx RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${BX_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/budgetx)
install(FILES ${PROJECT_BINARY_DIR}/budgetx.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
