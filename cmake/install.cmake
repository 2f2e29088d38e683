# What `cmake --install` and the Debian package (CPack) put where:
#   bin/cotation                          the program
#   lib/libcotation.so.0.1 (+ .so link)   the shared library, cotation::cotation for find_package
#   lib/libcotation.a                     the static library, cotation::cotation_static (needs fmt)
#   include/cotation/                     the C header cotation.h and the C++ headers
#   lib/cmake/cotation/, lib/pkgconfig/cotation.pc
#   share/cotation/rules/                 the shipped rules, the program's default rule set
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set_target_properties(cotation PROPERTIES EXPORT_NAME cotation_static)
install(TARGETS cotation_shared EXPORT cotationTargets)
install(TARGETS cotation EXPORT cotationStaticTargets)
install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} PATTERN "*.in" EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/include/cotation/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/cotation)
install(EXPORT cotationTargets NAMESPACE cotation:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cotation)
install(EXPORT cotationStaticTargets NAMESPACE cotation:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cotation)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cotationConfigVersion.cmake COMPATIBILITY SameMinorVersion)
# The shared library needs only Boost's headers; the static one is offered when fmt is found.
file(WRITE ${PROJECT_BINARY_DIR}/cotationConfig.cmake [=[
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.74)
include(${CMAKE_CURRENT_LIST_DIR}/cotationTargets.cmake)
find_package(fmt 9 QUIET)
if(fmt_FOUND)
  include(${CMAKE_CURRENT_LIST_DIR}/cotationStaticTargets.cmake)
endif()
]=])
install(FILES ${PROJECT_BINARY_DIR}/cotationConfig.cmake ${PROJECT_BINARY_DIR}/cotationConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cotation)
# Relocatable: the prefix is found from where the .pc file lies.
file(RELATIVE_PATH COTATION_PC_PREFIX /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
configure_file(${PROJECT_SOURCE_DIR}/cmake/cotation.pc.in ${PROJECT_BINARY_DIR}/cotation.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cotation.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/cotation/rules)
if(COTATION_BUILD_CLI)
  install(TARGETS cotation_cli)
endif()

# The Debian package of all of it: `cpack -G DEB` in the build directory (tools/deb-test.sh).
set(CPACK_PACKAGE_NAME cotation)
set(CPACK_PACKAGE_VENDOR cotation)
set(CPACK_PACKAGE_CONTACT "cotation <cotation@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Moteur de règles de cotation NGAP (masso-kinésithérapie)")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# The C++ headers include Boost.Multiprecision (decimal.hpp); the C header needs nothing.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libboost-dev")
set(CPACK_GENERATOR DEB)
include(CPack)
