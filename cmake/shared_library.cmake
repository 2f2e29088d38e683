# libcotation.so: the C ABI (src/capi/) and, whole, the objects of the static library `cotation`,
# with a versioned SONAME; it exports only the public API (the C ABI of cotation.h and the C++
# headers' declarations, include/cotation/export.h). Its dependencies stay private: a consumer needs only
# Boost's headers, which decimal.hpp includes.
add_library(cotation_shared SHARED src/capi/evaluate.cpp src/capi/rules.cpp)
target_include_directories(cotation_shared PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(cotation_shared PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,cotation>" fmt::fmt
  nlohmann_json::nlohmann_json cotation_warnings)
target_link_libraries(cotation_shared PUBLIC Boost::headers)
target_include_directories(cotation_shared
  PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(cotation_shared PUBLIC cxx_std_20)
# 0.x: a minor version may break the ABI, so the SONAME carries major and minor (libcotation.so.0.1).
set_target_properties(cotation_shared PROPERTIES OUTPUT_NAME cotation EXPORT_NAME cotation
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
  CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
