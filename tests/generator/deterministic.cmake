# Generates SPEC in two separate dyngen processes and fails unless both trees are identical byte
# for byte. Two processes differ in what one process cannot vary: addresses (ASLR), allocation
# order, the environment; anything ordered by them would show here.
if(NOT DYNGEN OR NOT SPEC OR NOT WORK_DIR)
  message(FATAL_ERROR "usage: cmake -DDYNGEN=... -DSPEC=... -DWORK_DIR=... -P deterministic.cmake")
endif()
foreach(run first second)
  file(REMOVE_RECURSE "${WORK_DIR}/${run}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "DYNGEN_RUN=${run}" "${DYNGEN}" generate --spec "${SPEC}"
            --out "${WORK_DIR}/${run}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE errors)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dyngen generate failed (${rc}) on ${SPEC}:\n${errors}")
  endif()
endforeach()
execute_process(COMMAND diff -r -q "${WORK_DIR}/first" "${WORK_DIR}/second"
                RESULT_VARIABLE differ OUTPUT_VARIABLE listing)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "two runs of dyngen on ${SPEC} gave different trees:\n${listing}")
endif()
file(GLOB_RECURSE files "${WORK_DIR}/first/*")
list(LENGTH files count)
message(STATUS "${count} files, identical in both runs")
