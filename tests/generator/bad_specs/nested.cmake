# Writes a document nesting 10,000 levels deep and checks that dyngen refuses it at the first
# level past its limit (kMaxNesting, 64) with a located message, exit 2 and its output folder
# untouched, instead of recursing down the stack. The document is made here rather than checked
# in so that its depth is stated once.
# Inputs: DYNGEN, FORMAT (json-arrays, json-objects, yaml-flow, yaml-block), WORK_DIR, PREVIOUS.
include("${CMAKE_CURRENT_LIST_DIR}/../refusal.cmake")
set(depth 10000)
set(head_json [[{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": ]])
set(head_yaml "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
if(FORMAT STREQUAL "json-arrays")
  set(name deep_arrays.json)
  string(REPEAT "[" ${depth} open)
  string(REPEAT "]" ${depth} close)
  set(text "${head_json}${open}${close}}\n")
  # The root object is level 1, so the 64th "[" (column 84 + 64) opens level 65.
  set(expected "dyngen: error: ${name}:1:148: invalid JSON (nesting deeper than 64 levels)\n")
elseif(FORMAT STREQUAL "json-objects")
  set(name deep_objects.json)
  string(REPEAT [[{"a": ]] ${depth} open)
  string(REPEAT "}" ${depth} close)
  set(text "${head_json}${open}1${close}}\n")
  set(expected "dyngen: error: ${name}:1:463: invalid JSON (nesting deeper than 64 levels)\n")
elseif(FORMAT STREQUAL "yaml-flow")
  set(name deep_flow.yaml)
  string(REPEAT "[" ${depth} open)
  string(REPEAT "]" ${depth} close)
  set(text "${head_yaml}x-deep: ${open}${close}\n")
  set(expected "dyngen: error: ${name}:4:72: invalid YAML (nesting deeper than 64 levels)\n")
elseif(FORMAT STREQUAL "yaml-block")
  # Block sequences nest on one line ("- - - 1"), so 10,000 levels take 20 kB, not 100 MB of
  # indentation.
  set(name deep_block.yaml)
  string(REPEAT "- " ${depth} open)
  set(text "${head_yaml}x-deep:\n  ${open}1\n")
  set(expected "dyngen: error: ${name}:5:129: invalid YAML (nesting deeper than 64 levels)\n")
else()
  message(FATAL_ERROR "unknown FORMAT '${FORMAT}'")
endif()
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/${name}" "${text}")
file(WRITE "${WORK_DIR}/expected_stderr.txt" "${expected}")
expect_refusal(DYNGEN "${DYNGEN}" SPEC "${name}" DIRECTORY "${WORK_DIR}"
               EXPECTED "${WORK_DIR}/expected_stderr.txt"
               WORK_DIR "${WORK_DIR}/run" PREVIOUS "${PREVIOUS}")
