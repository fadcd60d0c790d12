# A valid document of about 50 MB (made by make_huge_spec, never checked in) generates: dyngen
# reads it, replaces the previous generation in its output folder, and stays within a memory
# bound stated as a multiple of the document's size (peak RSS from getrusage, which --stats
# prints). The document is removed afterwards.
# Inputs: MAKE_SPEC, MODE (string or schemas), DYNGEN, WORK_DIR, PREVIOUS, BOUND_PERCENT (peak RSS
# as a percentage of the document's size; a sanitizer build passes its uninstrumented dyngen).
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(spec "${WORK_DIR}/huge_${MODE}.json")
execute_process(COMMAND "${MAKE_SPEC}" "${spec}" "${MODE}" RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "make_huge_spec failed (${code})")
endif()
file(SIZE "${spec}" bytes)
if(bytes LESS 50000000)
  message(FATAL_ERROR "the document has ${bytes} bytes, not about 50 MB")
endif()
math(EXPR document_mb "${bytes} / 1048576")
file(COPY "${PREVIOUS}/" DESTINATION "${WORK_DIR}/out")

execute_process(COMMAND "${DYNGEN}" generate --spec "${spec}" --out "${WORK_DIR}/out" --stats
                RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "dyngen exited ${code} on a ${bytes}-byte document:\n${err}")
endif()
message(STATUS "${bytes} bytes: ${err}")
if(NOT err MATCHES "files; [0-9]+ changed, [0-9]+ added, [0-9]+ removed")
  message(FATAL_ERROR "no summary of the files written in:\n${err}")
endif()
if(NOT err MATCHES "peak memory ([0-9]+) MB")
  message(FATAL_ERROR "no peak memory in:\n${err}")
endif()
set(peak_mb ${CMAKE_MATCH_1})
math(EXPR bound_mb "${document_mb} * ${BOUND_PERCENT} / 100")
if(peak_mb GREATER_EQUAL bound_mb)
  message(FATAL_ERROR "dyngen peaked at ${peak_mb} MB on a ${document_mb} MB document (bound: "
                      "${BOUND_PERCENT}% of it, ${bound_mb} MB)")
else()
  message(STATUS "peak memory ${peak_mb} MB, under ${bound_mb} MB (${BOUND_PERCENT}% of "
                 "${document_mb} MB)")
endif()

# The folder now holds exactly this document's generation: nothing of the previous one is left.
execute_process(COMMAND "${DYNGEN}" check --spec "${spec}" --out "${WORK_DIR}/out"
                RESULT_VARIABLE code OUTPUT_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the output folder does not match the document (${code}):\n${out}")
endif()
file(REMOVE "${spec}")
