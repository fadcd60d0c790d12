# Builds and runs tests/package/consumer against the SDK, as a new project would:
#   MODE=install  `cmake --install` SDK_BUILD into WORK/prefix; the consumer finds it with
#                 find_package(DynamicSdk) and nothing else on its prefix path, and compiles with
#                 CONSUMER_CXX and CONSUMER_CXX_FLAGS (those of the SDK's build, so that a
#                 sanitizer build's libraries link).
#   MODE=fetch    the consumer pulls SDK_SOURCE with FetchContent (add_subdirectory underneath);
#                 DEPS_PREFIX is the prefix path the SDK's own build uses (.deps on Debian 12).
# Then changes one spec and checks that the next build regenerates and still runs.
#   cmake -DMODE=... -DSDK_BUILD=... -DSDK_SOURCE=... -DDEPS_PREFIX=... -DWORK=... -P this
cmake_minimum_required(VERSION 3.22)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

function(expect text)
  string(FIND "${output}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected '${text}' in:\n${output}")
  endif()
endfunction()

set(source "${WORK}/consumer")
set(build "${WORK}/build")
file(REMOVE_RECURSE "${WORK}")
file(COPY "${CMAKE_CURRENT_LIST_DIR}/consumer/" DESTINATION "${source}")

# No build type: no -g, the cheapest build of the SDK a second time (FetchContent mode).
set(configure ${CMAKE_COMMAND} -S "${source}" -B "${build}" -G Ninja -DCMAKE_BUILD_TYPE=)
find_program(ccache ccache)
if(ccache)
  list(APPEND configure -DCMAKE_CXX_COMPILER_LAUNCHER=${ccache})
endif()
if(CONSUMER_CXX)
  list(APPEND configure "-DCMAKE_CXX_COMPILER=${CONSUMER_CXX}" "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}")
endif()
if(MODE STREQUAL "install")
  run(${CMAKE_COMMAND} --install "${SDK_BUILD}" --prefix "${WORK}/prefix")
  foreach(installed bin/dyngen bin/dynamic bin/dynamic-mock include/dynamic/client.hpp
                    include/dynamic/runtime/options.hpp include/dynamic/testing.hpp
                    lib/cmake/DynamicSdk/DynamicSdkConfig.cmake share/dynamic-sdk/dynamic.openapi.json)
    if(NOT EXISTS "${WORK}/prefix/${installed}")
      message(FATAL_ERROR "cmake --install did not install ${installed}")
    endif()
  endforeach()
  run("${WORK}/prefix/bin/dynamic" --version)
  expect("dynamic ")
  list(APPEND configure "-DCMAKE_PREFIX_PATH=${WORK}/prefix")
elseif(MODE STREQUAL "fetch")
  list(APPEND configure "-DDYNAMIC_SDK_SOURCE=${SDK_SOURCE}" "-DCMAKE_PREFIX_PATH=${DEPS_PREFIX}")
else()
  message(FATAL_ERROR "MODE must be install or fetch")
endif()

run(${configure})
run(${CMAKE_COMMAND} --build "${build}" --target consumer)
run("${build}/consumer" "${source}/pets.yaml" "${source}/notes.json")
message("${output}")
expect("dynamic tokens listed: yes")
expect("pet created and read back: yes")
expect("pet owner named: yes")
expect("notes listed: ")

# A spec change regenerates at the next build: Pet gains a field.
file(READ "${source}/pets.yaml" pets)
string(REPLACE "        name:\n          type: string\n        owner:"
               "        name:\n          type: string\n        nickname:\n          type: string\n        owner:"
               pets "${pets}")
file(WRITE "${source}/pets.yaml" "${pets}")
run(${CMAKE_COMMAND} --build "${build}" --target consumer)
file(READ "${build}/pets_api_generated/include/pets/models/pet.hpp" pet_header)
string(FIND "${pet_header}" "nickname" at)
if(at EQUAL -1)
  message(FATAL_ERROR "changing pets.yaml did not regenerate pets/models/pet.hpp")
endif()
run("${build}/consumer" "${source}/pets.yaml" "${source}/notes.json")
expect("pet created and read back: yes")
message("${MODE}: consumer built, ran, and regenerated after a spec change")
