# Runs PROGRAM (tests/sdk/uncaught_error.cpp), which dies of an uncaught AuthenticationError whose
# server message held the token, with DYNAMIC_LOG=debug. Its whole output must show the error and
# the redacted token, and never TOKEN itself.
#   cmake -DPROGRAM=... -DTOKEN=... -P no_token_in_crash.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env DYNAMIC_LOG=debug "${PROGRAM}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(status EQUAL 0)
  message(FATAL_ERROR "the program was meant to die of an uncaught error:\n${out}")
endif()
foreach(expected "terminate called after throwing" "AuthenticationError" "dyn_***" "GET")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected '${expected}' in the crash output:\n${out}")
  endif()
endforeach()
string(FIND "${out}" "${TOKEN}" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the token shows in the crash output:\n${out}")
endif()
message("crash output (${status}) shows the error and no token")
