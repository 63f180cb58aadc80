# Installation: the adgen command, the runtime headers, and the CMake package
# that users consume with find_package(adgen) (cmake/adgenConfig.cmake.in).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(ADGEN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/adgen)

install(TARGETS adgen EXPORT adgenTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS adgen_runtime EXPORT adgenTargets)
install(DIRECTORY runtime/include/adgen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT adgenTargets NAMESPACE adgen:: DESTINATION ${ADGEN_CMAKE_DIR})

configure_package_config_file(cmake/adgenConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/adgenConfig.cmake
  INSTALL_DESTINATION ${ADGEN_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/adgenConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/adgenConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/adgenConfigVersion.cmake
  cmake/AdgenDerivatives.cmake
  DESTINATION ${ADGEN_CMAKE_DIR})
