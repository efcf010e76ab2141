# Tests of core/net's security and link emulation (cleave::security). Included at the end of
# tests/net/CMakeLists.txt.
cleave_add_test(NAME tst_keys SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_keys.cpp
                LIBS cleave::security LABELS unit)
cleave_add_test(NAME tst_key_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_key_store.cpp
                LIBS cleave::security nlohmann_json::nlohmann_json LABELS unit)
cleave_add_test(NAME tst_zap SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_zap.cpp
                LIBS cleave::security LABELS net)
cleave_add_test(NAME tst_link_shaper SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_link_shaper.cpp
                LIBS cleave::security LABELS unit)
