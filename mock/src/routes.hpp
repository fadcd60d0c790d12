// The operations of a spec as routes: which operation a method and path name, with the values of
// its path placeholders. Literal segments win over placeholders (`/users/me` before
// `/users/{id}`).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/document.hpp"

namespace dynamic::mock {

struct Route {
  std::string method;         // "GET"
  std::string path_template;  // "/environments/{environmentId}/tokens"
  std::string pointer;        // the operation's JSON pointer in the spec
  const boost::json::object* operation = nullptr;
  /// Parameters of the path item and the operation ($refs resolved; the operation's win).
  std::vector<const boost::json::object*> parameters;
  std::vector<std::string> segments;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> path_values;  // placeholder -> percent-decoded value
};

class Routes {
 public:
  explicit Routes(const dyngen::Document& document);

  /// The path prefix of the spec's first server URL ("/api/v0"), stripped from requests.
  const std::string& base_path() const { return base_path_; }
  const std::vector<Route>& all() const { return routes_; }

  /// The route of `method` at `path` (without the query). When the path matches but the method
  /// does not, `allowed` lists the methods the path has.
  std::optional<Match> find(const std::string& method,
                            const std::string& path,
                            std::vector<std::string>& allowed) const;

 private:
  std::vector<Route> routes_;
  std::string base_path_;
};

/// An operation's first success answer: its key in `responses` ("201", or a "2XX" range) and
/// the status to send (a range answers its lowest status).
struct Success {
  std::string key;
  int status = 200;
};
/// The lowest 2xx answer the operation declares; {"200", 200} when it declares none.
Success first_success(const boost::json::object& operation);

/// The percent-decoded segments of a path ("/a/b%2Fc" -> {"a", "b/c"}).
std::vector<std::string> path_segments(const std::string& path);

}  // namespace dynamic::mock
