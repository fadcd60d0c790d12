// Stable, reviewable JSON text: the form `dyngen import` writes the project's spec in.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace dyngen {

/// `value` as JSON with every object's keys sorted by byte order, arrays in their order, one
/// member or element per line, 2-space indentation, `": "` after keys and a trailing newline.
/// Empty objects and arrays are written `{}` and `[]`; scalars as boost::json::serialize writes
/// them. Equal values always give equal text.
std::string pretty_json(const boost::json::value& value);

}  // namespace dyngen
