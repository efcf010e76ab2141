# `cmake --install`: programs, resources (models, fleets), the studio's translations, desktop
# entry and icon, and a systemd unit for cleave-agent. Paths follow GNUInstallDirs.
include(GNUInstallDirs)

install(TARGETS cleave cleave-cloud cleave-agent RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Programs look for share/cleave (core/sim/use_case.cpp resourceDir()).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/models ${PROJECT_SOURCE_DIR}/resources/fleets
        DESTINATION ${CMAKE_INSTALL_DATADIR}/cleave)

configure_file(${PROJECT_SOURCE_DIR}/resources/systemd/cleave-agent.service.in
               ${PROJECT_BINARY_DIR}/cleave-agent.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cleave-agent.service
        DESTINATION lib/systemd/system)

if(CLEAVE_BUILD_STUDIO AND TARGET cleave-studio)
  install(TARGETS cleave-studio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/cleave-studio.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/cleave-studio.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
