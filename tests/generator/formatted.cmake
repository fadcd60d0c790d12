# Fails when a file under DIRS or in FILES (generated or hand-written) is not in the project's clang-format
# style.
set(files ${FILES})
foreach(dir ${DIRS})
  file(GLOB_RECURSE found "${dir}/*.hpp" "${dir}/*.cpp")
  list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "no C++ files found in ${DIRS}")
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${files}
                RESULT_VARIABLE code ERROR_VARIABLE problems)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "code is not clang-formatted (run clang-format -i on it):\n${problems}")
endif()
message("${count} files formatted")
