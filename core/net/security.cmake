# Security and link emulation for core/net: CURVE keys, the cloud's allow-list, the ZAP handler,
# link shaping. Included at the end of core/net/CMakeLists.txt (its own file so it can be owned
# and reviewed separately from the protocol).
cleave_add_library(NAME security
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/keys.h ${CMAKE_CURRENT_LIST_DIR}/keys.cpp
          ${CMAKE_CURRENT_LIST_DIR}/key_store.h ${CMAKE_CURRENT_LIST_DIR}/key_store.cpp
          ${CMAKE_CURRENT_LIST_DIR}/curve_socket.h ${CMAKE_CURRENT_LIST_DIR}/curve_socket.cpp
          ${CMAKE_CURRENT_LIST_DIR}/zap.h ${CMAKE_CURRENT_LIST_DIR}/zap.cpp
          ${CMAKE_CURRENT_LIST_DIR}/link_shaper.h ${CMAKE_CURRENT_LIST_DIR}/link_shaper.cpp
  PUBLIC_DEPS cleave::zmq cleave::plan Threads::Threads
  PRIVATE_DEPS nlohmann_json::nlohmann_json)
