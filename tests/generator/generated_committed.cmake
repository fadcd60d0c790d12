# Fails when generated/ differs from the committed tree (modified or untracked files).
find_program(GIT git)
if(NOT GIT OR NOT EXISTS "${SOURCE_DIR}/.git")
  message("not a git checkout: skipped")
  cmake_language(EXIT 77)
endif()
execute_process(COMMAND "${GIT}" status --porcelain -- generated
                WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE changes RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "git status failed")
endif()
if(NOT changes STREQUAL "")
  message(FATAL_ERROR "generated/ differs from the committed tree; commit the regenerated "
                      "files with the spec or generator change:\n${changes}")
endif()
