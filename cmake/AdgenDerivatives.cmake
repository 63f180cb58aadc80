# adgen_add_derivatives(<target> <source>...)
#
# Runs adgen on each source at build time (again whenever the source or a
# header it includes changes: adgen writes a depfile) and compiles the result into <target> in place of the source: the generated
# translation unit <name>.ad.cpp holds the source followed by its derivatives.
# A header <name>.ad.h declaring the derivatives is generated beside it, and
# the directory is on <target>'s include path, so other sources can
# `#include "<name>.ad.h"`. The target's include directories, compile
# definitions and C++ standard are passed to adgen.
function(adgen_add_derivatives target)
  if(TARGET adgen::adgen)
    set(tool adgen::adgen)
  else()
    set(tool adgen)
  endif()
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/adgen/${target}")
  file(MAKE_DIRECTORY "${out_dir}")

  get_target_property(std ${target} CXX_STANDARD)
  if(NOT std)
    if(CMAKE_CXX_STANDARD)
      set(std ${CMAKE_CXX_STANDARD})
    else()
      set(std 17)
    endif()
  endif()
  set(incs "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(flags
    "-std=c++${std}"
    "$<$<BOOL:${incs}>:-I$<JOIN:${incs},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defs}>:-D$<JOIN:${defs},$<SEMICOLON>-D>>")

  foreach(src IN LISTS ARGN)
    get_filename_component(abs "${src}" ABSOLUTE)
    get_filename_component(name "${src}" NAME_WE)
    get_filename_component(dir "${abs}" DIRECTORY)
    set(gen_src "${out_dir}/${name}.ad.cpp")
    set(gen_hdr "${out_dir}/${name}.ad.h")
    set(depfile_args)
    set(depfile_option)
    if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.20 OR CMAKE_GENERATOR MATCHES "Ninja")
      set(depfile_args DEPFILE "${gen_src}.d")
      set(depfile_option "--depfile=${gen_src}.d")
    endif()
    add_custom_command(
      OUTPUT "${gen_src}" "${gen_hdr}"
      COMMAND ${tool} "${abs}" -o "${gen_src}" ${depfile_option} -- ${flags}
      COMMAND ${tool} --emit=header "${abs}" -o "${gen_hdr}" -- ${flags}
      DEPENDS "${abs}" ${tool}
      ${depfile_args}
      COMMENT "adgen: differentiating ${src}"
      COMMAND_EXPAND_LISTS VERBATIM)
    # The generated file includes the source's text: compile it instead.
    set_source_files_properties("${abs}" PROPERTIES HEADER_FILE_ONLY ON)
    target_sources(${target} PRIVATE "${gen_src}" "${gen_hdr}")
    # Relative #includes of the source still resolve from its directory.
    target_include_directories(${target} PRIVATE "${dir}")
  endforeach()
  target_include_directories(${target} PRIVATE "${out_dir}")
  if(TARGET adgen::runtime)
    target_link_libraries(${target} PRIVATE adgen::runtime)
  else()
    target_link_libraries(${target} PRIVATE adgen_runtime)
  endif()
endfunction()
