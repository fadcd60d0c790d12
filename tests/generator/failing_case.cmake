# Runs dyngen on a spec that must fail, into a folder holding a previous generation; compares
# exit code and stderr, and checks that the folder was not touched (refusal.cmake).
# Inputs: DYNGEN, WORK_DIR, PREVIOUS (a generated tree), and either
#   CASE_DIR: a golden case folder with spec.*, expected_stderr.txt and optionally args.txt
#             (extra dyngen arguments, one a line), or
#   SPEC and EXPECTED: any document and the file holding its expected stderr; ARGS (a list).
include("${CMAKE_CURRENT_LIST_DIR}/refusal.cmake")
if(CASE_DIR)
  file(GLOB spec RELATIVE "${CASE_DIR}" "${CASE_DIR}/spec.*")
  set(directory "${CASE_DIR}")
  set(EXPECTED "${CASE_DIR}/expected_stderr.txt")
  set(ARGS "")
  if(EXISTS "${CASE_DIR}/args.txt")
    file(STRINGS "${CASE_DIR}/args.txt" ARGS)
  endif()
else()
  get_filename_component(spec "${SPEC}" NAME)
  get_filename_component(directory "${SPEC}" DIRECTORY)
endif()
if(NOT EXISTS "${directory}/${spec}" OR NOT EXISTS "${EXPECTED}")
  message(FATAL_ERROR "missing input: ${directory}/${spec} or ${EXPECTED}")
endif()
expect_refusal(DYNGEN "${DYNGEN}" SPEC "${spec}" DIRECTORY "${directory}" EXPECTED "${EXPECTED}"
               WORK_DIR "${WORK_DIR}" PREVIOUS "${PREVIOUS}" ARGS ${ARGS})
