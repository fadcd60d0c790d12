// Line layout the emitters share, matching the project's .clang-format (Google style, 100
// columns, one parameter per line when a declaration does not fit) so that generated files are
// already formatted.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dyngen {

inline constexpr std::size_t kColumnLimit = 100;

/// `head(a, b, c)tail` on one line if it fits after `indent` spaces; else one item per line
/// aligned after the parenthesis, or all items on the next line with a 4-space continuation.
std::string call_layout(std::size_t indent,
                        std::string_view head,
                        const std::vector<std::string>& items,
                        std::string_view tail);

/// A call statement `head(items)tail`: one line; else every argument on the next line with a
/// 4-space continuation; else one argument per line aligned after the parenthesis.
std::string call_statement_layout(std::size_t indent,
                                  std::string_view head,
                                  const std::vector<std::string>& items,
                                  std::string_view tail);

/// `signature : initializers {}`-style line: one line when it fits, else the initializer list
/// on the next line with a 4-space continuation. `initializer` starts with ": ".
std::string constructor_layout(std::string_view signature, std::string_view initializer);

/// A function definition `head(params)tail { statement }`: one line when it fits, otherwise the
/// signature laid out by call_layout and the statement on its own line.
std::string function_layout(std::string_view head,
                            const std::vector<std::string>& params,
                            std::string_view tail,
                            std::string_view statement);

/// `indent``lhs = rhs;`, or broken after `=` with a 4-space continuation when too long.
std::string assignment_layout(std::size_t indent, std::string_view lhs, std::string_view rhs);

/// A call statement `head(items)tail` whose result is assigned to `lhs` (may be empty): one line,
/// else broken after `=` when the call then fits, else one argument per line.
std::string assigned_call_layout(std::size_t indent,
                                 std::string_view lhs,
                                 std::string_view head,
                                 const std::vector<std::string>& items,
                                 std::string_view tail);

/// `/// text` lines for a doc comment at `indent`; empty when there is no text.
std::string doc_comment(std::size_t indent, std::string_view text);

/// A C++ string literal for arbitrary text.
std::string string_literal(std::string_view text);

/// `#pragma once` and a header's includes: `<system>` ones, a blank line, then `"own"` ones.
std::string header_opening(const std::set<std::string>& system, const std::set<std::string>& own);

/// The standard banner every generated file starts with.
std::string banner(std::string_view spec_name);

}  // namespace dyngen
