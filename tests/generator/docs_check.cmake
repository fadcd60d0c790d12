# Generates SPEC into a temporary tree, then edits one API reference page and deletes another:
# `dyngen check` must exit 1 and name both, as it does for code.
if(NOT DYNGEN OR NOT SPEC OR NOT WORK_DIR)
  message(FATAL_ERROR "usage: cmake -DDYNGEN=... -DSPEC=... -DWORK_DIR=... -P docs_check.cmake")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${DYNGEN}" generate --spec "${SPEC}" --out "${WORK_DIR}"
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "dyngen generate failed (${code}):\n${errors}")
endif()
execute_process(COMMAND "${DYNGEN}" check --spec "${SPEC}" --out "${WORK_DIR}"
                RESULT_VARIABLE code OUTPUT_VARIABLE output)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "a fresh tree does not check (${code}):\n${output}")
endif()

file(GLOB pages RELATIVE "${WORK_DIR}" "${WORK_DIR}/docs/api/*.md")
list(REMOVE_ITEM pages "docs/api/README.md")
list(LENGTH pages count)
if(count LESS 1)
  message(FATAL_ERROR "no API reference page in ${WORK_DIR}/docs/api")
endif()
list(GET pages 0 edited)
file(APPEND "${WORK_DIR}/${edited}" "A hand-written line.\n")
file(REMOVE "${WORK_DIR}/docs/api/README.md")

execute_process(COMMAND "${DYNGEN}" check --spec "${SPEC}" --out "${WORK_DIR}"
                RESULT_VARIABLE code OUTPUT_VARIABLE output)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "dyngen check exited ${code}, not 1, after a page was edited:\n${output}")
endif()
foreach(expected "differs: ${edited}" "missing: docs/api/README.md")
  string(FIND "${output}" "  ${expected}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "dyngen check does not report '${expected}':\n${output}")
  endif()
endforeach()
message("dyngen check reports ${edited} and docs/api/README.md")
