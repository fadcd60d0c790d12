// The API reference: docs/api/README.md (an index) and one Markdown page per resource, built from
// the IR like the code, so that `dyngen check` holds it to the spec too. Signatures and CLI flags
// come from the helpers the code emitters use (emit/signatures.hpp), so the pages cannot drift
// from the code. Prose is derived from names and structure; the spec's own text appears only
// where the generated code shows it too (summaries and descriptions in doc comments, parameter
// descriptions in --help), and for Dynamic's document that is the project's overlay, since
// `dyngen import` drops upstream prose.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emit/emitters.hpp"
#include "emit/layout.hpp"
#include "emit/signatures.hpp"
#include "ir/naming.hpp"

namespace dyngen {
namespace {

/// The reference's folder in the output tree, and the way back from it to the headers.
constexpr std::string_view kDocsDir = "docs/api/";
constexpr std::string_view kToHeaders = "../../include/";

/// A runtime name (errors, Blob), as user code spells it.
std::string runtime_name(std::string_view name) { return "dynamic::" + std::string(name); }

/// A generated name (Client, resources, models), in the bindings' namespace.
std::string qualified(const Api& api, std::string_view name) {
  return api.cpp_namespace + "::" + std::string(name);
}

/// The code's banner, as an HTML comment (invisible when the page is rendered).
std::string markdown_banner(const std::string& spec_name) {
  std::string lines = banner(spec_name);
  std::string out = "<!--";
  for (std::size_t start = 0; start < lines.size();) {
    std::size_t end = lines.find('\n', start);
    std::string line = lines.substr(start, end - start);
    out += (start == 0 ? " " : "\n     ") + line.substr(line.rfind("// ", 0) == 0 ? 3 : 0);
    start = end + 1;
  }
  return out + " -->\n";
}

/// An inline code span that survives backticks in the text.
std::string code(std::string_view text) {
  std::size_t longest = 0;
  for (std::size_t run = 0, i = 0; i < text.size(); ++i) {
    run = text[i] == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + std::string(text) + (pad ? " " : "") + fence;
}

/// Text for a table cell: one line, and no `|` that would end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
  }
  return out;
}

/// Spec text placed as Markdown: no raw HTML, so it cannot hide or restructure the page.
std::string spec_text(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '<' ? std::string("&lt;") : std::string(1, c);
  return out;
}

std::string header_link(const std::string& header) {
  return "[" + code(header) + "](" + std::string(kToHeaders) + header + ")";
}

std::string model_link(const Api& api, const std::string& name) {
  return "[" + code("models::" + name) + "](" + std::string(kToHeaders) +
         model_header_path(api, find_model(api, name)) + ")";
}

/// A type as user code outside the namespace spells it.
std::string user_type(const Api& api, const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kBinary:
    case TypeRef::Kind::kJson:
      return runtime_name(cpp_type(type));
    case TypeRef::Kind::kArray:
      return "std::vector<" + user_type(api, *type.element) + ">";
    case TypeRef::Kind::kMap:
      return "std::map<std::string, " + user_type(api, *type.element) + ">";
    default:
      return cpp_type(type, qualified(api, "models::"));
  }
}

/// The arguments a user writes: every parameter but the trailing RequestOptions.
std::vector<std::string> call_arguments(const std::vector<MethodParameter>& params) {
  std::vector<std::string> out = argument_names(params, false);
  out.pop_back();
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

/// The typed error the runtime raises for a status (runtime/src/error_mapping.cpp); a test holds
/// the two to the same table.
std::string error_class(int status) {
  switch (status) {
    case 400:
      return "BadRequestError";
    case 401:
      return "AuthenticationError";
    case 403:
      return "PermissionDeniedError";
    case 404:
      return "NotFoundError";
    case 409:
      return "ConflictError";
    case 422:
      return "UnprocessableEntityError";
    case 429:
      return "RateLimitError";
    default:
      return status >= 500 ? "InternalServerError" : "ApiError";
  }
}

/// The model `typed_body` holds for a status: the status's own, else the "default" one (the
/// runtime falls back the same way).
const ErrorResponse* typed_error(const Operation& op, int status) {
  const ErrorResponse* fallback = nullptr;
  for (const ErrorResponse& error : op.errors) {
    if (error.status == status) return &error;
    if (error.status == 0) fallback = &error;
  }
  return fallback;
}

/// How the CLI takes the body, as `dynamic <operation> --help` shows it (cli/driver.cpp).
std::string body_flag(const Operation& op) {
  switch (op.body_kind) {
    case Operation::BodyKind::kText:
      return "--body <TEXT|@file>";
    case Operation::BodyKind::kBinary:
      return "--body <@file|BYTES>";
    case Operation::BodyKind::kMultipart:
      return "--form <name=VALUE|name=@file>";
    default:
      return "--body <JSON|@file>";
  }
}

std::string flag_text(const Api& api, const Parameter& param) {
  return "--" + param.flag + " <" + flag_kind(api, param.type).first + ">";
}

/// `dynamic <operation> --flag <kind> [--optional <kind>]`, wrapped like a shell line.
std::string cli_form(const Api& api, const Operation& op) {
  std::vector<std::string> words;
  for (const Parameter& param : op.parameters) {
    std::string flag = flag_text(api, param);
    words.push_back(param.required ? flag : "[" + flag + "]");
  }
  if (op.body) words.push_back(op.body_required ? body_flag(op) : "[" + body_flag(op) + "]");
  std::string out;
  std::string line = "dynamic " + op.cli_name;
  for (const std::string& word : words) {
    if (line.size() + 1 + word.size() + 2 > kColumnLimit) {  // room for " \"
      out += line + " \\\n";
      line = "    " + word;
    } else {
      line += " " + word;
    }
  }
  return "```sh\n" + out + line + "\n```\n";
}

/// The call as a user writes it, on the client and, when it has one, on the environment view.
std::string call_forms(const Resource& resource, const Operation& op) {
  std::string call = "." + resource.accessor + "()." + op.method_name;
  std::string out = "```cpp\n";
  out += call_statement_layout(0, "client" + call, call_arguments(method_parameters(op)), ";");
  if (environment_scoped(op)) {
    out += call_statement_layout(0, "env" + call, call_arguments(view_parameters(op)), ";");
  }
  return out + "```\n";
}

/// The other methods of the operation, and what they return.
std::string other_forms(const Operation& op) {
  std::string result = result_type(op);
  std::string out = "Also " + code(op.method_name + "_with_response") + ", returning " +
                    code("Response<" + result + ">") + " (adds status, headers and request id), " +
                    code(op.method_name + "_async") + ", returning " +
                    code("Future<" + result + ">");
  if (op.pagination.kind != Pagination::Kind::kNone) {
    out += ", and " + code(op.method_name + "_all") + ", returning " + code(range_type(op)) +
           ": every item, fetched page by page as the range is iterated";
  }
  return out + "; all take the same arguments.\n";
}

/// "Environment id": a parameter's name in words, when the spec says nothing of it.
std::string name_in_words(std::string_view name) {
  std::string out = joined(split_words(name), " ");
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

/// The notes column: the spec's description (or the name in words), then the schema's facts.
std::string parameter_notes(const Api& api, const Parameter& param) {
  std::vector<std::string> facts;
  // documented_type spells small enums as "type (one of: ...)": the list is a fact here.
  std::string type = cpp_type(param.type, "models::");
  std::string documented = documented_type(api, param.type);
  if (documented.size() > type.size() + 3) {
    facts.push_back(documented.substr(type.size() + 2, documented.size() - type.size() - 3));
  }
  for (const std::string& fact : constraint_facts(param.constraints)) facts.push_back(fact);
  if (param.json_text) facts.push_back("sent as JSON text");
  std::string text = param.description.empty() ? name_in_words(param.name) : param.description;
  return spec_text(text) + (facts.empty() ? "" : " (" + joined(facts, "; ") + ")");
}

/// Every argument: where it goes, its C++ type, whether it is required, its CLI flag.
std::string parameter_table(const Api& api, const Operation& op) {
  if (op.parameters.empty() && !op.body) return "No parameters.\n";
  std::string out =
      "| argument | in | C++ type | required | CLI flag | notes |\n"
      "|---|---|---|---|---|---|\n";
  for (const Parameter& param : op.parameters) {
    bool in_path = param.location == Parameter::Location::kPath;
    out += "| " + code((in_path ? "" : "params.") + param.cpp_name) + " | " +
           location_name(param.location) + " | " + cell(code(cpp_type(param.type, "models::"))) +
           " | " + (param.required ? "yes" : "no") + " | " + cell(code(flag_text(api, param))) +
           " | " + cell(parameter_notes(api, param)) + " |\n";
  }
  if (op.body) {
    out += "| `body` | body | " + cell(code(cpp_type(*op.body, "models::"))) + " | " +
           (op.body_required ? "yes" : "no") + " | " + cell(code(body_flag(op))) + " | Sent as " +
           cell(code(op.body_media)) + " |\n";
  }
  return out;
}

/// The models a type names, each linked to its header; empty when it names none.
std::string model_links(const Api& api, const TypeRef& type) {
  std::set<std::string> names;
  collect_models(type, names);
  std::vector<std::string> links;
  for (const std::string& name : names) links.push_back(model_link(api, name));
  return joined(links, ", ");
}

std::string result_text(const Api& api, const Operation& op) {
  if (!op.response) return "Returns nothing (`void`): the answer has no body.\n";
  if (op.response_is_raw) {
    return "Returns " + code(result_type(op)) + ": the body as sent" +
           (op.response_media.empty() ? "" : " (" + code(op.response_media) + ")") + ".\n";
  }
  std::string links = model_links(api, *op.response);
  // A model result is its own link; a container of models links them after it.
  std::string out = "Returns " +
                    (op.response->kind == TypeRef::Kind::kModel
                         ? links
                         : code(result_type(op)) + (links.empty() ? "" : " (" + links + ")")) +
                    ".";
  if (op.pagination.kind == Pagination::Kind::kOffset) {
    out += " A page of " + code(cpp_type(op.pagination.item, "models::")) + " items, by " +
           code("params.offset") + " and " + code("params.limit") + "; " +
           code(op.method_name + "_all") + " asks for " + std::to_string(op.pagination.page_size) +
           " a page unless " + code("params.limit") + " is set.";
  } else if (op.pagination.kind == Pagination::Kind::kCursor) {
    out += " A page of " + code(cpp_type(op.pagination.item, "models::")) + " items from " +
           code("params.cursor") + " (the first page when unset).";
  }
  return out + "\n";
}

/// Each declared error status, the class thrown for it and the model its body decodes to.
std::string errors_table(const Api& api, const Operation& op) {
  if (op.error_statuses.empty()) {
    return "Declares no error status; failures throw as listed in [the index](README.md#errors).\n";
  }
  std::string out = "| status | thrown as | `typed_body` |\n|---|---|---|\n";
  for (int status : op.error_statuses) {
    std::string body = "—";
    if (const ErrorResponse* typed = typed_error(op, status)) {
      body = model_links(api, typed->type);
      if (body.empty()) body = code(cpp_type(typed->type, "models::"));  // no model: Json, ...
    }
    out += "| " + (status == 0 ? std::string("any other") : std::to_string(status)) + " | " +
           (status == 0 ? "the status's class ([index](README.md#errors))"
                        : code(runtime_name(error_class(status)))) +
           " | " + cell(body) + " |\n";
  }
  return out;
}

/// The status an example catches: the first one declared, else any (ApiError).
int example_status(const Operation& op) {
  for (int status : op.error_statuses) {
    if (status != 0) return status;
  }
  return 0;
}

/// The request body an example builds.
std::string example_body(const Api& api, const Operation& op) {
  if (op.body_kind == Operation::BodyKind::kBinary) {
    return runtime_name("Blob body = ") + runtime_name("Blob::from_file(\"upload.bin\");\n");
  }
  if (op.body_kind == Operation::BodyKind::kText) return "std::string body = \"...\";\n";
  return user_type(api, *op.body) + " body;\n";
}

/// The call, assigned to `result` when it returns something, in a try block when errors are
/// declared.
std::string example_call(const Api& api,
                         const Operation& op,
                         const std::string& callee,
                         const std::vector<std::string>& args) {
  bool guarded = !op.error_statuses.empty();
  std::size_t indent = guarded ? 2 : 0;
  std::string result = op.response_is_raw ? "std::string"
                       : op.response      ? user_type(api, *op.response)
                                          : "";
  std::string call = result.empty()
                         ? call_statement_layout(indent, callee, args, ";")
                         : assigned_call_layout(indent, result + " result", callee, args, ";");
  if (!guarded) return call;
  int status = example_status(op);
  std::string out = "try {\n" + call + "} catch (const " +
                    runtime_name(status == 0 ? "ApiError" : error_class(status)) + "& error) {\n";
  if (const ErrorResponse* typed = typed_error(op, status)) {
    std::string type = user_type(api, typed->type);
    out += assignment_layout(2, "const " + type + "* details", "error.typed_body<" + type + ">()");
  } else {
    out += "  std::cerr << error.status() << \" \" << error.message() << \"\\n\";\n";
  }
  return out + "}\n";
}

/// A few lines of C++ that make the call: the client, the view, the arguments, the call.
std::string example(const Api& api, const Resource& resource, const Operation& op) {
  bool on_view = environment_scoped(op);
  std::string out =
      "```cpp\n" + qualified(api, "Client client;  // the token from DYNAMIC_API_TOKEN\n");
  if (on_view) {
    out +=
        qualified(api, "Environment env = client.environment(") + environment_argument(op) + ");\n";
  }
  if (!op.params_struct.empty()) out += qualified(api, op.params_struct) + " params;\n";
  for (const Parameter& param : op.parameters) {
    if (param.location == Parameter::Location::kPath || !param.required) continue;
    out += assignment_layout(0, "params." + param.cpp_name, param.cpp_name);
  }
  if (op.body) out += example_body(api, op);
  std::string callee = (on_view ? "env." : "client.") + resource.accessor + "()." + op.method_name;
  std::vector<std::string> args =
      call_arguments(on_view ? view_parameters(op) : method_parameters(op));
  out += example_call(api, op, callee, args);
  if (op.pagination.kind != Pagination::Kind::kNone) {
    out += call_statement_layout(0, "for (const auto& item : " + callee + "_all", args, ") {");
    out +=
        "  // each " + user_type(api, op.pagination.item) + ", pages fetched as the loop goes\n}\n";
  }
  return out + "```\n";
}

/// One operation: heading, request, calls, CLI, parameters, result, errors, example.
std::string operation_section(const Api& api, const Resource& resource, const Operation& op) {
  std::string out = "\n## " + op.method_name + "\n\n" + code(op.http_method + " " + op.path) + "\n";
  // The same text the method's doc comment starts with.
  std::string text = op.summary;
  if (!op.description.empty() && op.description != op.summary) {
    text += std::string(text.empty() ? "" : "\n\n") + op.description;
  }
  if (!text.empty()) out += "\n" + spec_text(text) + "\n";
  if (op.deprecated) out += "\nDeprecated: its methods are marked `[[deprecated]]`.\n";
  out += "\n" + call_forms(resource, op) + "\n" + other_forms(op);
  out += "\n**Command line**\n\n" + cli_form(api, op);
  out += "\n**Parameters**\n\n" + parameter_table(api, op);
  out += "\n**Result**\n\n" + result_text(api, op);
  out += "\n**Errors**\n\n" + errors_table(api, op);
  out += "\n**Example**\n\n" + example(api, resource, op);
  return out;
}

/// Title text from the spec (a tag, a title): one line, no raw HTML.
std::string title(std::string_view text) { return spec_text(cell(text)); }

/// What a resource page opens with: its class, accessor and header, and its operations.
std::string resource_summary(const Api& api, const Resource& resource) {
  std::string header = include_prefix(api) + resource.file_stem + ".hpp";
  std::string out = "Class " + code(qualified(api, resource.class_name)) + ", from " +
                    code("client." + resource.accessor + "()") + ", declared in " +
                    header_link(header) + ".";
  std::size_t scoped = static_cast<std::size_t>(
      std::count_if(resource.operations.begin(), resource.operations.end(), environment_scoped));
  if (scoped != 0) {
    out += std::string(scoped == 1 ? " The operation"
                                   : " The " + std::to_string(scoped) + " operations") +
           " marked below take an environment id and are also on " +
           code(qualified(api, view_class(resource))) + ", from " +
           code("client.environment(environment_id)." + resource.accessor + "()") + ".";
  }
  out += scoped != 0 ? "\n\n| operation | request | environment view |\n|---|---|---|\n"
                     : "\n\n| operation | request |\n|---|---|\n";
  for (const Operation& op : resource.operations) {
    out += "| [" + op.method_name + "](#" + op.method_name + ") | " +
           cell(code(op.http_method + " " + op.path)) + " |" +
           (scoped == 0              ? ""
            : environment_scoped(op) ? " yes |"
                                     : " |") +
           "\n";
  }
  return out;
}

/// Every model the resource's operations name, error bodies included, with its header.
std::string models_section(const Api& api, const Resource& resource) {
  std::set<std::string> names;
  for (const Operation& op : resource.operations) {
    names.merge(operation_models(op));
    for (const ErrorResponse& error : op.errors) collect_models(error.type, names);
  }
  if (names.empty()) return "";
  std::string out =
      "\n## Models used\n\nInclude the header of each model a call reads or builds:\n\n";
  for (const std::string& name : names) out += "- " + model_link(api, name) + "\n";
  return out;
}

std::string resource_page(const Api& api, const Resource& resource) {
  std::string out = markdown_banner(api.spec_name) + "# " + title(resource.tag) + "\n\n";
  out += resource_summary(api, resource);
  for (const Operation& op : resource.operations) out += operation_section(api, resource, op);
  return out + models_section(api, resource);
}

/// The status -> class table of the index, from the same function as the pages' tables.
std::string error_classes() {
  std::string out = "| status | thrown as |\n|---|---|\n";
  for (int status : {400, 401, 403, 404, 409, 422, 429}) {
    out += "| " + std::to_string(status) + " | " + code(runtime_name(error_class(status))) +
           (status == 429 ? " once the retries ran out (`retry_after()`)" : "") + " |\n";
  }
  out += "| 5xx | " + code(runtime_name(error_class(500))) + " |\n";
  out += "| any other | " + code(runtime_name(error_class(418))) + " |\n";  // no class of its own
  return out;
}

/// How to read a page; the same for every spec.
constexpr std::string_view kReading = R"(
## Reading a page

Each operation's heading is its C++ method name, followed by the HTTP method and path.

- **Calls.** `client` is a `dynamic::Client`. `env` is `client.environment(environment_id)`, a
  `dynamic::Environment`: operations that take an environment id (where there are any) are also
  on it, without that argument. Path parameters are arguments; query, header and cookie
  parameters are members of the operation's `...Params` struct, passed as `params`; the request
  body is `body`. Every method also takes a last `const dynamic::RequestOptions& options = {}`
  (one call's headers, timeout, retries), left out here.
- **Command line.** `dynamic [global options] <operation> --flag <kind> ...`; flags in brackets
  are optional. The kinds: `string`, `integer`, `number`, `boolean`, `list` (comma-separated) and
  `json` (JSON text). The token comes from `DYNAMIC_API_TOKEN`, and `--environment-id` defaults to
  `DYNAMIC_ENVIRONMENT_ID`. `dynamic <operation> --help` lists the same flags.
- **Types** are spelled as in the headers, inside namespace `dynamic`: `models::User` is
  `dynamic::models::User`, declared in `dynamic/models/user.hpp`.
- **Errors** lists the statuses the spec declares for the operation, the class thrown for each,
  and the model `error.typed_body<T>()` returns for it. Other statuses throw too (see below).
- **Examples** use variables named after the operation's parameters (`environment_id`, ...).
- **Text.** The pages are built from the spec's structure. The only sentences taken from the spec
  are the summaries and descriptions of operations and parameters, where it has them, which the
  headers' doc comments and `--help` show too.

## Errors

Every failure throws a `dynamic::Error`. An answer with an error status throws the
`dynamic::ApiError` subclass of its status, whether or not the spec declares it:

)";

/// What throws besides error statuses; the same for every spec.
constexpr std::string_view kOtherFailures = R"(
Without an answer: `dynamic::ConnectionError` (and its `TimeoutError`, `ConnectionRefusedError`).
An answer the client cannot decode: `dynamic::DecodeError` (any mismatch with the spec when
`ClientOptions::strict_responses` is set); one larger than the limit:
`dynamic::ResponseTooLargeError`. A missing or malformed token or base URL:
`dynamic::ConfigurationError`, before any request.
)";

std::string index_page(const Api& api) {
  std::size_t operations = 0;
  for (const Resource& resource : api.resources) operations += resource.operations.size();
  std::string out = markdown_banner(api.spec_name) + "# API reference\n\n";
  out += "The " + std::to_string(operations) + (operations == 1 ? " operation" : " operations") +
         " of " + title(api.title) + " " + title(api.version) + ", in " +
         std::to_string(api.resources.size()) +
         (api.resources.size() == 1 ? " resource" : " resources") +
         ": one page per resource, with the C++ calls, the command line, the parameters, the "
         "result, the errors and an example of each operation. `dyngen` writes these pages with "
         "the code, from the same spec.\n";
  out += "\n| resource | page | class | operations |\n|---|---|---|---|\n";
  for (const Resource& resource : api.resources) {
    std::string page = resource.file_stem + ".md";
    out += "| " + title(resource.tag) + " | [" + page + "](" + page + ") | " +
           code(qualified(api, resource.class_name)) + " | " +
           std::to_string(resource.operations.size()) + " |\n";
  }
  out += std::string(kReading) + error_classes() + std::string(kOtherFailures);
  return out;
}

}  // namespace

void emit_docs(const Api& api, FileSet& files) {
  for (const Resource& resource : api.resources) {
    files[std::string(kDocsDir) + resource.file_stem + ".md"] = resource_page(api, resource);
  }
  files[std::string(kDocsDir) + "README.md"] = index_page(api);
}

}  // namespace dyngen
