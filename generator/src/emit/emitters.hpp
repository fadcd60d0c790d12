// One emitter per kind of artifact. Each adds files (path relative to the output folder ->
// content) to a FileSet; none touches the disk.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "ir/api.hpp"

namespace dyngen {

using FileSet = std::map<std::string, std::string>;

/// Number of shard files the generated sources are compiled through (fixed, so the build's list
/// of translation units never changes when the spec does). runtime/CMakeLists.txt lists as many.
inline constexpr std::size_t kShardCount = 16;

void emit_models(const Api& api, FileSet& files);     // models/*.hpp, fwd.hpp, codecs, sources
void emit_resources(const Api& api, FileSet& files);  // one class per tag, and the client
void emit_cli(const Api& api, FileSet& files);        // the CLI dispatch table
void emit_shards(const Api& api, FileSet& files);     // src/shard_N.cpp over every .cpp so far
void emit_docs(const Api& api, FileSet& files);       // docs/api/: the API reference pages

/// Every artifact, in order.
FileSet emit_all(const Api& api);

// Shared by the emitters.
/// C++ spelling of a type; models get `model_prefix` ("models::" outside dynamic::models).
std::string cpp_type(const TypeRef& type, std::string_view model_prefix = "");
std::string field_type(const Field& field);
/// `type name;`, `type name{};` (scalars are value-initialised, never left indeterminate) or
/// `type name{initial_value};`, marked [[deprecated]] when asked.
std::string member_declaration(const std::string& type,
                               const TypeRef& ref,
                               bool required,
                               const std::string& name,
                               const std::string& initial_value = "",
                               bool deprecated = false);
/// C++ expression for a spec default of the given type.
std::string default_expression(const DefaultValue& value,
                               const TypeRef& type,
                               std::string_view model_prefix);
/// Silences -Wdeprecated-declarations in a generated source (users still get the warnings).
std::string deprecation_pragma();
void collect_models(const TypeRef& type, std::set<std::string>& out);
/// The models an operation's arguments, result and page items name (not its error bodies).
std::set<std::string> operation_models(const Operation& op);
std::string model_header_path(const Api& api, const Model& model);
/// Internal header declaring one model's JSON codec ("dynamic/detail/codecs/user.hpp").
std::string codec_header_path(const Api& api, const Model& model);
const Model& find_model(const Api& api, const std::string& name);
/// Folder of the generated headers, with a trailing slash: "dynamic/", "acme/v1/".
std::string include_prefix(const Api& api);
/// Opens `api.cpp_namespace` (suffix "": `namespace dynamic {`) or a namespace inside it
/// (suffix "models": `namespace dynamic::models {`), followed by a blank line. Generated code
/// names the runtime's types unqualified; outside `dynamic` the opening first brings them into
/// the generated namespace with a using-directive.
std::string namespace_opening(const Api& api, std::string_view suffix = "");
/// `}  // namespace dynamic::models` and a line break.
std::string namespace_closing(const Api& api, std::string_view suffix = "");

}  // namespace dyngen
