// What a user sees of an operation: the parameters of its generated methods, the environment
// view's share of them, and the CLI's flag kinds. Defined where the code is emitted
// (resource_emitter.cpp, cli_emitter.cpp) and shared with the API reference (docs_emitter.cpp),
// so that the reference can only show the signatures the code has.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/api.hpp"

namespace dyngen {

// --- resource_emitter.cpp ---

/// How a parameter is passed to a method: small scalars by value, the rest by const reference.
std::string argument_type(const TypeRef& type);
/// The plain method's return type: the decoded answer, or "void".
std::string result_type(const Operation& op);

/// One parameter of the generated methods, in the two ways it can be passed.
struct MethodParameter {
  std::string by_reference;  // "const std::string& environment_id" (small scalars by value)
  std::string by_value;      // "std::string environment_id", for methods that keep a copy
  std::string name;
  bool can_default = false;  // `= {}` allowed when every later parameter has a default too
};

/// The parameters of an operation's methods, in order, options last.
std::vector<MethodParameter> method_parameters(const Operation& op);

enum class Passing { kReference, kValue };

/// Parameter declarations; `defaults` adds `= {}` where allowed (declarations, not definitions).
std::vector<std::string> declarations(const std::vector<MethodParameter>& params,
                                      Passing passing,
                                      bool defaults);
std::vector<std::string> argument_names(const std::vector<MethodParameter>& params, bool move);

bool is_environment_parameter(const Parameter& param);
/// The operation takes the environment id, so it is also on the resource's environment view.
bool environment_scoped(const Operation& op);
bool has_environment_view(const Resource& resource);
/// `EnvironmentUsersApi`: the resource's operations with the environment id bound.
std::string view_class(const Resource& resource);
/// The C++ name of the operation's environment parameter ("environment_id" unless renamed).
std::string environment_argument(const Operation& op);
/// The view's parameters: the operation's, less the environment id.
std::vector<MethodParameter> view_parameters(const Operation& op);

/// The range type of a paged list operation (`_all`), and of one page.
std::string range_type(const Operation& op);
std::string page_type(const Operation& op);
/// Parameters of the private page fetcher: the call's, then where the page starts.
std::vector<std::string> page_parameters(const Operation& op);

/// "1 to 100", "at least 1", "at most 64 characters", ... for a parameter's documentation.
std::vector<std::string> constraint_facts(const Constraints& c);
/// The type of a parameter as its documentation spells it; small enums list their values.
std::string documented_type(const Api& api, const TypeRef& type);

// --- cli_emitter.cpp ---

/// The flag's value kind as `dynamic <operation> --help` shows it ("string", "integer", "list",
/// "json", ...), and the Arguments accessor that reads it.
std::pair<std::string, std::string> flag_kind(const Api& api, const TypeRef& type);
/// Values given on the command line as JSON.
bool is_structured(const Api& api, const TypeRef& type);
/// Arrays of strings or enums: comma-separated lists on the command line.
bool is_list(const Api& api, const TypeRef& type);

}  // namespace dyngen
