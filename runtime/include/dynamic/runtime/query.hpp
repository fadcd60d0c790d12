// How an object-valued query parameter is spelled in the URL.
#pragma once

namespace dynamic {

enum class QueryStyle {
  /// `name[key]=value` for each key (what Dynamic's own clients send).
  kDeepObject,
  /// `key=value` for each key, as OpenAPI's `style: form` with `explode: true` says.
  kForm,
};

}  // namespace dynamic
