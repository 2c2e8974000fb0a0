# Fails when a file in src/ includes a header of a layer above its own (a back edge).
# Run at every build (target minesim_layers) with: cmake -DSRC=<src dir> -P check_layers.cmake
# The order is the architecture (docs/engineering.md): a layer may include only its own and lower
# layers; app may include everything.
set(LAYERS core scenario agents world policies model io app)
file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/*.h ${SRC}/*.cpp)
set(bad "")
foreach(f IN LISTS files)
  string(REGEX MATCH "^[a-z]+" layer "${f}")
  list(FIND LAYERS "${layer}" rank)
  if(rank LESS 0)
    continue()
  endif()
  file(STRINGS ${SRC}/${f} incs REGEX "^#include \"[a-z]+/")
  foreach(line IN LISTS incs)
    string(REGEX REPLACE "^#include \"([a-z]+)/.*" "\\1" dep "${line}")
    list(FIND LAYERS "${dep}" dep_rank)
    if(dep_rank GREATER rank)
      string(APPEND bad "  src/${f}: ${line} (layer ${layer} may not include ${dep})\n")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "layering: includes that point up the stack "
                      "(core -> scenario -> agents -> world -> policies -> model -> io -> app):\n${bad}")
endif()
