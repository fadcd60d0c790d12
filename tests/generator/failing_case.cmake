# Runs dyngen on a spec that must fail (with the case's args.txt, if any); compares exit code and stderr, and checks that the output
# folder was not touched.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/out")
file(WRITE "${WORK_DIR}/out/keep.txt" "untouched\n")
file(GLOB spec RELATIVE "${CASE_DIR}" "${CASE_DIR}/spec.*")
set(extra_args "")
if(EXISTS "${CASE_DIR}/args.txt")
  file(STRINGS "${CASE_DIR}/args.txt" extra_args)
endif()
execute_process(
  COMMAND "${DYNGEN}" generate --spec ${spec} --out "${WORK_DIR}/out" ${extra_args}
  WORKING_DIRECTORY "${CASE_DIR}"
  RESULT_VARIABLE code
  ERROR_VARIABLE stderr)
file(READ "${CASE_DIR}/expected_stderr.txt" expected)
if(NOT code EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${code}; stderr:\n${stderr}")
endif()
if(NOT stderr STREQUAL expected)
  message(FATAL_ERROR "stderr differs.\nexpected:\n${expected}\nactual:\n${stderr}")
endif()
file(GLOB_RECURSE left RELATIVE "${WORK_DIR}/out" "${WORK_DIR}/out/*")
if(NOT left STREQUAL "keep.txt")
  message(FATAL_ERROR "output folder changed: ${left}")
endif()
