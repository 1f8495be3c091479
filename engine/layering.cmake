# The engine's layers, checked on its sources: a file may include the headers of its
# own layer and of those it is allowed to use (engine/CMakeLists.txt draws the flow).
#   cmake -DENGINE_DIR=engine -P engine/layering.cmake
# A layer is a folder; headphone/sweep and headphone/match are layers of their own.

get_filename_component(ENGINE_DIR "${ENGINE_DIR}" ABSOLUTE)

set(uses_spice "spice")
set(uses_sim "sim;spice")
set(uses_io "io;sim;spice")
set(uses_ngspice "ngspice")
set(uses_verify "verify;sim;spice;ngspice;io")
set(uses_headphone "headphone;sim;spice;io")
set(uses_headphone/sweep "headphone/sweep;headphone;sim;spice;io")
set(uses_headphone/match "headphone/match;headphone;sim;spice;io")
set(uses_report "report;headphone;sim;spice;io")

# The layer of a path below engine/ ("headphone/sweep/run.cpp" -> headphone/sweep,
# "headphone/measured/fit.cpp" -> headphone, "sim/step/x.hpp" -> sim).
function(layer_of path result)
  if(path MATCHES "^headphone/(sweep|match)/")
    set(${result} "headphone/${CMAKE_MATCH_1}" PARENT_SCOPE)
  elseif(path MATCHES "^([a-z_]+)/")
    set(${result} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    set(${result} "" PARENT_SCOPE)
  endif()
endfunction()

file(GLOB_RECURSE files RELATIVE ${ENGINE_DIR} ${ENGINE_DIR}/*.cpp ${ENGINE_DIR}/*.hpp)
set(violations "")
foreach(file ${files})
  layer_of(${file} from)
  if(NOT DEFINED uses_${from})
    string(APPEND violations "\n  engine/${file}: the folder '${from}' is no layer (add it to engine/layering.cmake)")
    continue()
  endif()
  file(STRINGS ${ENGINE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
    layer_of(${header} to)
    if(to STREQUAL "" OR NOT EXISTS ${ENGINE_DIR}/${header})
      continue()  # a header beside the file, or not the engine's
    endif()
    list(FIND uses_${from} ${to} allowed)
    if(allowed EQUAL -1)
      string(APPEND violations "\n  engine/${file} includes \"${header}\": ${from} may use ${uses_${from}}")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "includes against the engine's layers:${violations}")
endif()
