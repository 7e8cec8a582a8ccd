# Install rules and the Debian package (issue 17): `cmake --install BUILD
# --prefix P` or `./build.sh package` (CPack, build/radeau_VERSION_ARCH.deb).
# The programs go to bin; the prepared recordings, the author's talk and the
# scenario scripts to share/radeau/recordings, where the window, the desktop
# entry's "talk" action and the manual pages find them.
include(GNUInstallDirs)
set(RADEAU_DATA_DIR ${CMAKE_INSTALL_FULL_DATADIR}/radeau)
set(desktop ${CMAKE_SOURCE_DIR}/resources/desktop)

install(TARGETS radeau radeau-cli radeau-node RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The scenarios are the list RADEAU_SCENARIOS of the top CMakeLists.txt.
set(RADEAU_PREPARED_FILES)
set(RADEAU_SCENARIO_FILES ${CMAKE_SOURCE_DIR}/recordings/scenarios/README.md)
foreach(stem ${RADEAU_SCENARIOS})
  list(APPEND RADEAU_PREPARED_FILES ${CMAKE_SOURCE_DIR}/recordings/${stem}.radeau)
  list(APPEND RADEAU_SCENARIO_FILES ${CMAKE_SOURCE_DIR}/recordings/scenarios/${stem}.radeau-script)
endforeach()
install(FILES ${RADEAU_PREPARED_FILES} ${CMAKE_SOURCE_DIR}/recordings/talk.radeau-talk
        DESTINATION ${CMAKE_INSTALL_DATADIR}/radeau/recordings)
install(FILES ${RADEAU_SCENARIO_FILES}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/radeau/recordings/scenarios)

# The desktop: entry (its "talk" action names the installed talk), icon, file
# types, AppStream metainfo, manual pages.
configure_file(${desktop}/org.radeau.Radeau.desktop.in ${CMAKE_BINARY_DIR}/desktop/org.radeau.Radeau.desktop @ONLY)
configure_file(${desktop}/org.radeau.Radeau.metainfo.xml ${CMAKE_BINARY_DIR}/desktop/org.radeau.Radeau.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/desktop/org.radeau.Radeau.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_BINARY_DIR}/desktop/org.radeau.Radeau.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${desktop}/radeau-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME org.radeau.Radeau.xml)
install(FILES ${desktop}/org.radeau.Radeau.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  install(FILES ${desktop}/png/org.radeau.Radeau-${size}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME org.radeau.Radeau.png)
endforeach()
foreach(page radeau radeau-cli radeau-node)
  configure_file(${CMAKE_SOURCE_DIR}/resources/man/${page}.1 ${CMAKE_BINARY_DIR}/man/${page}.1 @ONLY)
  install(FILES ${CMAKE_BINARY_DIR}/man/${page}.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The .deb: dependencies from the programs' shared libraries (dpkg-shlibdeps).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME radeau)
set(CPACK_PACKAGE_VENDOR "The Radeau authors")
set(CPACK_PACKAGE_CONTACT "The Radeau authors <radeau@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Teach and present the Raft consensus algorithm, one concept at a time")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # radeau_VERSION_amd64.deb
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Teach and present the Raft consensus algorithm, one concept at a time
 Radeau runs a simulated Raft cluster in which every message, timer and state
 change is an event in a journal. The presenter scrubs the timeline, cuts the
 network, crashes nodes and acts in the past; the talk builds Raft one concept
 at a time, each missing concept first shown failing, then fixed.")
set(CPACK_STRIP_FILES ON)
# Where the configured paths (desktop action, manual pages) say the files are.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
include(CPack)
