# Writes OUTPUT, a C++ source defining `std::string_view NAME()` (in NAMESPACE) that returns the
# bytes of INPUT. The text is split into raw string literals under the 65,536 characters a
# compiler must support (-Woverlength-strings), joined once at run time.
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DNAME=fn -P embed_text.cmake
file(READ "${INPUT}" text)
string(LENGTH "${text}" length)
set(chunk 60000)
set(parts "")
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${text}" ${offset} ${chunk} part)
  string(APPEND parts "      R\"embedded(${part})embedded\",\n")
  math(EXPR offset "${offset} + ${chunk}")
endwhile()
get_filename_component(input_name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated at build time from ${input_name} (cmake/embed_text.cmake). DO NOT EDIT.
#include <string>
#include <string_view>

namespace ${NAMESPACE} {

std::string_view ${NAME}() {
  static const std::string text = [] {
    static const char* const parts[] = {
${parts}    };
    std::string joined;
    for (const char* part : parts) joined += part;
    return joined;
  }();
  return text;
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
