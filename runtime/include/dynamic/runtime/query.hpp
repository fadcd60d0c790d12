// How an array or object query parameter is spelled in the URL (OpenAPI's `style`).
#pragma once

namespace dynamic {

enum class QueryStyle {
  /// Objects: `name[key]=value` for each key (what Dynamic's own clients send).
  kDeepObject,
  /// Objects: `key=value` for each key (exploded) or `name=k1,v1,k2,v2`; arrays: the name
  /// repeated (exploded) or `name=a,b`.
  kForm,
  /// Unexploded arrays and objects joined by spaces (`name=a%20b`).
  kSpaceDelimited,
  /// Unexploded arrays and objects joined by pipes (`name=a%7Cb`).
  kPipeDelimited,
};

}  // namespace dynamic
