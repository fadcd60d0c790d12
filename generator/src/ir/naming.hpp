// Turns names from the spec into valid, stable C++ identifiers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dyngen {

/// Splits "createdAt", "created_at", "MFADevice", "environment.users.read" into lower-case words.
std::vector<std::string> split_words(std::string_view text);

std::string pascal_case(std::string_view text);  // TokenScopes
std::string snake_case(std::string_view text);   // created_at (keywords escaped)
std::string file_stem(std::string_view text);    // created_at (for file names: no escaping)
std::string kebab_case(std::string_view text);   // get-tokens
/// Enumerator name: "environment.users.read" -> kEnvironmentUsersRead.
std::string enumerator_name(std::string_view text);

/// Appends '_' to C++ keywords and names reserved to the implementation; prefixes '_'-led or
/// digit-led names so the result is a valid identifier.
std::string safe_identifier(std::string identifier);

/// True for a C++ namespace the generated code may live in: identifiers joined by "::" ("acme",
/// "acme::v1"), none a keyword or reserved, not inside std.
bool is_namespace_name(std::string_view name);

}  // namespace dyngen
