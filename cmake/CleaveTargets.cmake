# Helpers so every library, program and test is declared the same way.

# cleave_add_library(NAME <n> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# -> static library cleave_<n>, alias cleave::<n>.
function(cleave_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(cleave_${ARG_NAME} STATIC ${ARG_SOURCES})
  add_library(cleave::${ARG_NAME} ALIAS cleave_${ARG_NAME})
  target_link_libraries(cleave_${ARG_NAME} PUBLIC cleave::options ${ARG_PUBLIC_DEPS}
                        PRIVATE cleave::warnings ${ARG_PRIVATE_DEPS})
endfunction()

# cleave_add_program(NAME <n> SOURCES ... DEPS ...) -> executable <n>.
function(cleave_add_program)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE cleave::options cleave::warnings ${ARG_DEPS})
  install(TARGETS ${ARG_NAME} RUNTIME DESTINATION bin)
endfunction()

# cleave_add_test(NAME tst_x SOURCES ... LIBS ... LABELS unit|net|gui|slow [TIMEOUT s])
# One Qt Test executable per file; CTest runs it offscreen with the repository as data root.
function(cleave_add_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  set_target_properties(${ARG_NAME} PROPERTIES AUTOMOC ON)
  target_link_libraries(${ARG_NAME} PRIVATE cleave::options cleave::warnings Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${ARG_NAME} PRIVATE CLEAVE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
    if("slow" IN_LIST ARG_LABELS)
      set(ARG_TIMEOUT 600)
    endif()
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                       ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CLEAVE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# cleave_add_bench(NAME bench_x SOURCES ... DEPS ...) -> executable that prints JSON.
function(cleave_add_bench)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE cleave::options cleave::warnings ${ARG_DEPS})
endfunction()
