# Every third-party part comes from a Debian package; .ci/deps installs them.
find_package(nlohmann_json 3.10 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED)

# libtorch: only core/train links it, so nothing else pays for its headers.
find_package(Torch REQUIRED)

# OpenCV from Debian's split packages (core, imgproc, videoio, imgcodecs) has no CMake config;
# libopencv-dev would drag in VTK and half of X11 for an edge box that needs four modules.
find_path(CLEAVE_OPENCV_INCLUDE opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
add_library(cleave_opencv INTERFACE)
add_library(cleave::opencv ALIAS cleave_opencv)
target_include_directories(cleave_opencv SYSTEM INTERFACE "${CLEAVE_OPENCV_INCLUDE}")
foreach(module core imgproc videoio imgcodecs)
  find_library(CLEAVE_OPENCV_${module} NAMES opencv_${module} REQUIRED)
  target_link_libraries(cleave_opencv INTERFACE "${CLEAVE_OPENCV_${module}}")
endforeach()

# ZeroMQ via pkg-config (Debian's libzmq3-dev ships no CMake config, so cppzmq's own config
# cannot find it); cppzmq itself is header-only (zmq.hpp, zmq_addon.hpp).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CLEAVE_ZMQ REQUIRED IMPORTED_TARGET libzmq>=4.3)
find_path(CLEAVE_CPPZMQ_INCLUDE zmq.hpp REQUIRED)
add_library(cleave_zmq INTERFACE)
add_library(cleave::zmq ALIAS cleave_zmq)
target_link_libraries(cleave_zmq INTERFACE PkgConfig::CLEAVE_ZMQ)
target_include_directories(cleave_zmq SYSTEM INTERFACE "${CLEAVE_CPPZMQ_INCLUDE}")

# The wire schema (core/net/*.proto) is compiled by protoc at build time.
find_package(Protobuf 3.12 REQUIRED)

if(CLEAVE_BUILD_TESTS)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)
endif()
# The studio: widgets, plots (QCustomPlot for Qt 6), SVG export and translations.
if(CLEAVE_BUILD_STUDIO)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Svg PrintSupport LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
endif()
