# dynamic_generate(TARGET name SPEC file [NAMESPACE ns] [OUTPUT dir])
#
# Generates typed C++ bindings for an OpenAPI document (JSON or YAML) at build time with dyngen,
# and compiles them into the static library `name`, which links Dynamic::runtime. The spec is
# regenerated whenever it (or dyngen) changes; only files whose content changed are rewritten, so
# only what they touch recompiles.
#
#   NAMESPACE  C++ namespace of the bindings, and the folder of their headers: `acme` gives
#              acme::Client, acme::models::Pet and #include "acme/client.hpp"; `acme::v1` gives
#              "acme/v1/client.hpp". Default: the target's name (made an identifier), so that two
#              specs (or a spec and Dynamic::sdk) live in one program without clashing.
#   OUTPUT     Folder of the generated tree. Default: <current binary dir>/<name>_generated.
#
# Shipped with the DynamicSdk package (find_package(DynamicSdk)) and defined by the SDK's own
# CMakeLists.txt (add_subdirectory, FetchContent).
include_guard(GLOBAL)

# Global properties, not variables: the functions run in the caller's scope, which (through
# add_subdirectory or FetchContent) need not see this file's variables.
set_property(GLOBAL PROPERTY DYNAMIC_GENERATE_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}")
# dyngen compiles the generated sources through this many shard files (a file's shard is a hash of
# its path), so the list of translation units never changes with the spec.
set_property(GLOBAL PROPERTY DYNAMIC_GENERATE_SHARD_COUNT 16)  # emit/emitters.hpp: kShardCount

# Internal: the build rule that runs dyngen into OUT. Every file the last generation in OUT wrote
# (or, before the first, FALLBACK_LIST's) is a declared output, so that Ninja sees a header that a
# regeneration rewrote; when the set of files changes, the next build re-runs CMake by itself.
# Sets OUTPUTS_VAR to the outputs; STAMP is touched after each generation.
function(_dynamic_generation_rule)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "SPEC;OUT;NAMESPACE;STAMP;FALLBACK_LIST;OUTPUTS_VAR"
                        "")
  get_property(scripts GLOBAL PROPERTY DYNAMIC_GENERATE_SCRIPTS)
  get_property(shard_count GLOBAL PROPERTY DYNAMIC_GENERATE_SHARD_COUNT)
  set(generated_list "${arg_OUT}/files.cmake")
  set(configured_list "${arg_STAMP}.files.cmake")
  set(list_changed_stamp "${arg_STAMP}.files.stamp")
  if(EXISTS "${generated_list}")
    file(COPY_FILE "${generated_list}" "${configured_list}")
  elseif(arg_FALLBACK_LIST)
    file(COPY_FILE "${arg_FALLBACK_LIST}" "${configured_list}")
  else()
    file(WRITE "${configured_list}" "set(DYNAMIC_GENERATED_FILES files.cmake)\n")
  endif()
  include("${configured_list}")
  file(TOUCH "${list_changed_stamp}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${list_changed_stamp}")
  set(outputs ${DYNAMIC_GENERATED_FILES})
  math(EXPR last_shard "${shard_count} - 1")
  foreach(i RANGE ${last_shard})
    list(APPEND outputs "src/shard_${i}.cpp")
  endforeach()
  list(TRANSFORM outputs PREPEND "${arg_OUT}/")
  list(APPEND outputs "${generated_list}")
  list(REMOVE_DUPLICATES outputs)

  # In the SDK's own build dyngen is built first (a target-level dependency); installed, it is the
  # package's imported program.
  get_target_property(built_dyngen Dynamic::dyngen ALIASED_TARGET)
  if(NOT built_dyngen)
    set(built_dyngen "")
  endif()
  add_custom_command(
    OUTPUT "${arg_STAMP}" ${outputs}
    COMMAND "$<TARGET_FILE:Dynamic::dyngen>" generate --spec "${arg_SPEC}" --out "${arg_OUT}"
            --namespace "${arg_NAMESPACE}"
    COMMAND ${CMAKE_COMMAND} -DNEW_LIST=${generated_list} -DCONFIGURED_LIST=${configured_list}
            -DSTAMP=${list_changed_stamp} -P "${scripts}/generated_list_changed.cmake"
    COMMAND ${CMAKE_COMMAND} -E touch "${arg_STAMP}"
    DEPENDS "$<TARGET_FILE:Dynamic::dyngen>" "${arg_SPEC}" ${built_dyngen}
    COMMENT "Generating ${arg_NAMESPACE} bindings from ${arg_SPEC}"
    VERBATIM)
  set(${arg_OUTPUTS_VAR} ${outputs} PARENT_SCOPE)
endfunction()

function(dynamic_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;SPEC;NAMESPACE;OUTPUT" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dynamic_generate: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET OR NOT arg_SPEC)
    message(FATAL_ERROR "dynamic_generate: TARGET and SPEC are required")
  endif()
  if(NOT TARGET Dynamic::dyngen OR NOT TARGET Dynamic::runtime OR NOT TARGET Dynamic::codegen)
    message(FATAL_ERROR "dynamic_generate: the DynamicSdk package (find_package(DynamicSdk)) or "
                        "its source tree (add_subdirectory) must be loaded first")
  endif()
  get_filename_component(spec "${arg_SPEC}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${spec}")
    message(FATAL_ERROR "dynamic_generate: SPEC ${spec} does not exist")
  endif()
  set(namespace "${arg_NAMESPACE}")
  if(NOT namespace)
    string(MAKE_C_IDENTIFIER "${arg_TARGET}" namespace)
  endif()
  set(out "${arg_OUTPUT}")
  if(NOT out)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}_generated")
  endif()
  get_filename_component(out "${out}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  _dynamic_generation_rule(
    SPEC "${spec}" OUT "${out}" NAMESPACE "${namespace}"
    STAMP "${CMAKE_CURRENT_BINARY_DIR}/${arg_TARGET}.generated.stamp" OUTPUTS_VAR outputs)
  set(shards ${outputs})
  list(FILTER shards INCLUDE REGEX "/src/shard_[0-9]+\\.cpp$")
  add_library(${arg_TARGET} STATIC ${shards})
  target_include_directories(${arg_TARGET} PUBLIC "${out}/include" PRIVATE "${out}/src")
  target_link_libraries(${arg_TARGET} PUBLIC Dynamic::runtime PRIVATE Dynamic::codegen)
  target_compile_features(${arg_TARGET} PUBLIC cxx_std_17)
  # Hidden, as the SDK's own: the runtime's Boost.JSON must not be exported (see the README).
  set_target_properties(${arg_TARGET} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                                 VISIBILITY_INLINES_HIDDEN ON)
endfunction()
