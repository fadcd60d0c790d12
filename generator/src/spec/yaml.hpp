// YAML input: turns a YAML document into the JSON value the rest of dyngen reads.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace dyngen {

/// Converts the one YAML document in `text` to JSON. Mappings become objects with their keys in
/// document order, sequences become arrays. Plain (unquoted, untagged) scalars are typed by the
/// YAML 1.2 core schema (see yaml_plain_scalar); quoted and block scalars are strings; scalars
/// tagged !!str, !!int, !!float, !!bool or !!null take that type, any other tag is ignored and
/// gives a string. Aliases are expanded (copied), and merge keys (`<<`) are applied: the merged
/// mappings' keys go where the `<<` key stood, keys written in the mapping itself win, and of
/// several merged mappings the earlier wins. Mapping keys are the keys' source text.
///
/// Throws SpecError "<name>:<line>:<column>: invalid YAML (...)" on a syntax error, a duplicate
/// key, a key that is not a scalar, a recursive alias, aliases that expand to more than a million
/// nodes, nesting deeper than kMaxNesting (spec/document.hpp), an empty stream or a stream of more
/// than one document.
boost::json::value yaml_to_json(std::string_view text, const std::string& name);

/// The YAML 1.2 core schema's reading of a plain scalar: null (``, `~`, `null`, `Null`, `NULL`),
/// bool (`true`, `True`, `TRUE`, `false`, `False`, `FALSE`), int (`[-+]?[0-9]+`, `0o[0-7]+`,
/// `0x[0-9a-fA-F]+`; int64, else uint64, else double when too big), float (`1.5`, `-.5e3`,
/// `[-+]?.inf`, `.nan` and their capitalised forms), else the text as a string.
boost::json::value yaml_plain_scalar(std::string_view text);

}  // namespace dyngen
