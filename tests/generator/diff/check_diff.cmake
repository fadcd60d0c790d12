# Runs `dyngen diff --old OLD --new NEW` and checks its exit code (EXPECTED_CODE) and, when
# EXPECTED_LAST_LINE is given, the last line of its output (the summary).
execute_process(
  COMMAND "${DYNGEN}" diff --old "${OLD}" --new "${NEW}"
  RESULT_VARIABLE code
  OUTPUT_VARIABLE stdout
  ERROR_VARIABLE stderr)
if(NOT code STREQUAL "${EXPECTED_CODE}")
  message(FATAL_ERROR "expected exit code ${EXPECTED_CODE}, got ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}")
endif()
if(DEFINED EXPECTED_LAST_LINE)
  string(STRIP "${stdout}" trimmed)
  string(REGEX REPLACE ".*\n" "" last_line "${trimmed}")
  if(NOT last_line STREQUAL EXPECTED_LAST_LINE)
    message(FATAL_ERROR "expected the summary '${EXPECTED_LAST_LINE}', got '${last_line}'\nstdout:\n${stdout}")
  endif()
endif()
message(STATUS "${stdout}")
