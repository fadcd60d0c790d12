# Importing Dynamic's published document with our overlay must give spec/ byte for byte: the spec
# is what `dyngen import` makes, never edited by hand. Exit 77 (skipped) without the document.
if(NOT EXISTS "${UPSTREAM}")
  message("${UPSTREAM} is not beside the clone: skipped")
  cmake_language(EXIT 77)
endif()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(out "${WORK_DIR}/dynamic.openapi.json")
file(REMOVE "${out}")
execute_process(COMMAND "${DYNGEN}" import --from "${UPSTREAM}" --out "${out}" --overlay "${OVERLAY}"
                RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "dyngen import failed (${code}):\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${out}" "${SPEC}" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "importing ${UPSTREAM} does not reproduce ${SPEC}; run:\n"
                      "  dyngen import --from ${UPSTREAM} --out ${SPEC} --overlay ${OVERLAY}")
endif()
