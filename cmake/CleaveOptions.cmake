# Build options; every one is prefixed CLEAVE_ so it is obvious on a cmake command line.
option(CLEAVE_BUILD_TESTS "Build the Qt Test suite" ON)
option(CLEAVE_BUILD_STUDIO "Build cleave-studio, the Qt 6 Widgets operator app" ON)
option(CLEAVE_BUILD_BENCH "Build the benchmark programs in bench/" ON)
option(CLEAVE_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI and presets)" ON)
option(CLEAVE_USE_CCACHE "Use ccache when it is installed (rebuilds on a 2-core box)" ON)
option(CLEAVE_SANITIZE "Build with AddressSanitizer and UBSan" OFF)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

if(CLEAVE_USE_CCACHE)
  find_program(CLEAVE_CCACHE ccache)
  if(CLEAVE_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CLEAVE_CCACHE}")
  endif()
endif()

# Everything built here that has no explicit dependency on options gets these flags.
add_library(cleave_options INTERFACE)
add_library(cleave::options ALIAS cleave_options)
target_compile_features(cleave_options INTERFACE cxx_std_20)
# Includes are spelled from the repository root ("core/model/model_spec.h"): the path shows the layer.
target_include_directories(cleave_options INTERFACE "${PROJECT_SOURCE_DIR}")
if(CLEAVE_SANITIZE)
  target_compile_options(cleave_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(cleave_options INTERFACE -fsanitize=address,undefined)
endif()

# All programs in one folder so `make run` and the tests can find each other.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bin")
