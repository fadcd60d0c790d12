# Run after each generation: when the set of generated files differs from the one this build tree
# was configured with, touch STAMP (a configure dependency) so that the next build re-runs CMake
# and declares the new files as outputs of the generation step.
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${NEW_LIST}" "${CONFIGURED_LIST}"
                RESULT_VARIABLE differs)
if(NOT differs EQUAL 0)
  file(TOUCH "${STAMP}")
endif()
