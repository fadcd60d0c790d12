# cmake --install: headers, libraries, dyngen, dynamic, dynamic-mock and the DynamicSdk package
# (lib/cmake/DynamicSdk), with dynamic_generate().
include(CMakePackageConfigHelpers)

set(package_dir "${CMAKE_INSTALL_LIBDIR}/cmake/DynamicSdk")
set(spec_dir "${CMAKE_INSTALL_DATADIR}/dynamic-sdk")

install(TARGETS dynamic_runtime dynamic_runtime_internal dynamic_sdk dynamic_testing
                dynamic_mock_core dyngen_core dyngen dynamic dynamic-mock
        EXPORT DynamicSdkTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# The libraries the testing target needs privately are exported too, under internal names.
set_target_properties(dynamic_mock_core PROPERTIES EXPORT_NAME internal_mock)
set_target_properties(dyngen_core PROPERTIES EXPORT_NAME internal_dyngen)
install(EXPORT DynamicSdkTargets NAMESPACE Dynamic:: DESTINATION "${package_dir}")

install(DIRECTORY runtime/include/ testing/include/ "${DYNAMIC_GENERATED_DIR}/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.hpp")
# What generated sources include besides the public headers (Dynamic::codegen).
install(DIRECTORY runtime/src/dynamic/
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/dynamic-sdk-internal/dynamic"
        FILES_MATCHING PATTERN "*.hpp")
install(FILES "${DYNAMIC_SPEC}" DESTINATION "${spec_dir}" RENAME dynamic.openapi.json)

# "Dashboard API 1.0.0": the spec's title and version, as `dynamic --version` prints them.
file(READ "${DYNAMIC_SPEC}" spec_text)
string(JSON spec_title ERROR_VARIABLE no_title GET "${spec_text}" info title)
string(JSON spec_version ERROR_VARIABLE no_version GET "${spec_text}" info version)
set(DYNAMIC_SPEC_DESCRIPTION "${spec_title} ${spec_version}")
set(DYNAMIC_SPEC_INSTALL_FILE "${spec_dir}/dynamic.openapi.json")
set(DYNAMIC_BOOST_VERSION "${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR}")
if(NOT Boost_VERSION_MAJOR)
  set(DYNAMIC_BOOST_VERSION 1.81)  # the version the build requires
endif()
configure_package_config_file(cmake/DynamicSdkConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkConfig.cmake"
  INSTALL_DESTINATION "${package_dir}"
  PATH_VARS DYNAMIC_SPEC_INSTALL_FILE)
# Where this build found the dependencies (read by the config file above).
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkDependencies.cmake"
     "set(DynamicSdk_BUILT_WITH_cpprestsdk_DIR \"${cpprestsdk_DIR}\")\n"
     "set(DynamicSdk_BUILT_WITH_Boost_DIR \"${Boost_DIR}\")\n"
     "set(DynamicSdk_BUILT_WITH_yaml-cpp_DIR \"${yaml-cpp_DIR}\")\n")
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkConfigVersion.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/DynamicSdkDependencies.cmake"
              cmake/DynamicGenerate.cmake cmake/generated_list_changed.cmake
        DESTINATION "${package_dir}")
