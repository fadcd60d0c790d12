# doctest_discover_tests turns each test case into a ctest entry that runs `--test-case=<name>`;
# doctest splits that filter at ',' (and ctest lists at ';'), so such a name becomes entries that
# match nothing and pass without running. Fail instead.
file(GLOB_RECURSE sources "${TEST_DIR}/*.cpp")
set(bad "")
foreach(source ${sources})
  file(STRINGS "${source}" lines REGEX "TEST_CASE\\(\"[^\"]*[,;]")
  foreach(line ${lines})
    string(APPEND bad "\n  ${source}: ${line}")
  endforeach()
endforeach()
if(NOT bad STREQUAL "")
  message(FATAL_ERROR "test case names must not contain ',' or ';':${bad}")
endif()
