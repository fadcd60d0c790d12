# Shared by the tests that run dyngen on a spec it must refuse (failing_case.cmake,
# bad_specs/nested.cmake). The output folder holds a previous generation: a refusal must leave it
# unchanged byte for byte, and leave nothing beside it (write_tree stages a new tree next to the
# old one before swapping).

# Lines "<path> <sha256>" (folders "<path>/") for everything under `dir`, sorted, into `var`.
function(tree_listing dir var)
  file(GLOB_RECURSE entries LIST_DIRECTORIES true RELATIVE "${dir}" "${dir}/*")
  list(SORT entries)
  set(listing "")
  foreach(entry IN LISTS entries)
    if(IS_DIRECTORY "${dir}/${entry}")
      string(APPEND listing "${entry}/\n")
    else()
      file(SHA256 "${dir}/${entry}" hash)
      string(APPEND listing "${entry} ${hash}\n")
    endif()
  endforeach()
  set(${var} "${listing}" PARENT_SCOPE)
endfunction()

# expect_refusal(DYNGEN exe SPEC file DIRECTORY dir EXPECTED file WORK_DIR dir PREVIOUS dir
#                [CODE n] [ARGS ...])
# Copies PREVIOUS (a generated tree) to WORK_DIR/out, runs `dyngen generate --spec SPEC --out
# WORK_DIR/out ARGS` in DIRECTORY (so messages name SPEC as given), and fails unless the exit
# code is CODE (default 2), stderr is exactly the content of EXPECTED (a file: messages hold ';',
# which an argument list would split) and WORK_DIR is as it was.
function(expect_refusal)
  cmake_parse_arguments(R "" "DYNGEN;SPEC;DIRECTORY;EXPECTED;WORK_DIR;PREVIOUS;CODE" "ARGS" ${ARGN})
  foreach(required DYNGEN SPEC DIRECTORY EXPECTED WORK_DIR PREVIOUS)
    if(NOT R_${required})
      message(FATAL_ERROR "expect_refusal: ${required} is required")
    endif()
  endforeach()
  file(READ "${R_EXPECTED}" expected)
  if(NOT DEFINED R_CODE)
    set(R_CODE 2)
  endif()
  if(NOT IS_DIRECTORY "${R_PREVIOUS}")
    message(FATAL_ERROR "no previous generation at ${R_PREVIOUS}")
  endif()
  file(REMOVE_RECURSE "${R_WORK_DIR}")
  file(MAKE_DIRECTORY "${R_WORK_DIR}/out")
  file(COPY "${R_PREVIOUS}/" DESTINATION "${R_WORK_DIR}/out")
  tree_listing("${R_WORK_DIR}" before)
  if(before STREQUAL "out/\n")
    message(FATAL_ERROR "the previous generation ${R_PREVIOUS} is empty")
  endif()
  execute_process(
    COMMAND "${R_DYNGEN}" generate --spec "${R_SPEC}" --out "${R_WORK_DIR}/out" ${R_ARGS}
    WORKING_DIRECTORY "${R_DIRECTORY}"
    RESULT_VARIABLE code
    OUTPUT_VARIABLE stdout
    ERROR_VARIABLE stderr)
  if(NOT code STREQUAL R_CODE)
    message(FATAL_ERROR "expected exit code ${R_CODE}, got ${code}; stderr:\n${stderr}")
  endif()
  if(NOT stderr STREQUAL expected)
    message(FATAL_ERROR "stderr differs.\nexpected:\n${expected}\nactual:\n${stderr}")
  endif()
  tree_listing("${R_WORK_DIR}" after)
  if(NOT after STREQUAL before)
    file(WRITE "${R_WORK_DIR}.before" "${before}")
    file(WRITE "${R_WORK_DIR}.after" "${after}")
    message(FATAL_ERROR "the output folder changed: diff ${R_WORK_DIR}.before ${R_WORK_DIR}.after")
  endif()
  string(REGEX MATCHALL "\n" lines "${before}")
  list(LENGTH lines count)
  message(STATUS "exit ${code}, ${count} entries of the previous generation unchanged: ${stderr}")
endfunction()
