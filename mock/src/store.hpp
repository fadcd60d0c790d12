// The mock's memory: resources created through a collection (POST /webhooks) can then be listed
// (GET /webhooks), read, updated and deleted through their item path (/webhooks/{webhookId});
// an unknown or deleted id is a 404. Which paths are collections and items is derived from the
// spec's paths, never written per resource. A collection is seeded with a few generated entries
// the first time it is used. Not thread-safe: MockService serialises calls.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "routes.hpp"
#include "sample.hpp"

namespace dynamic::mock {

/// An answer the store gives instead of a generated one.
struct StoredAnswer {
  int status = 200;
  std::optional<boost::json::value> body;  // nothing: the declared answer has no body
  std::string not_found;                   // set for a 404: what was not found
};

class Store {
 public:
  Store(const Routes& routes, const SchemaCheck& check, const Sampler& sampler);

  /// The answer for a request on a resource-like path, or nothing when the path is not one.
  /// `path` is the request path relative to the base path; `body` the parsed request body.
  /// Loads a data set: {"<collection path>": [entry, ...], ...}, for example
  /// {"/environments/e1/webhooks": [{"webhookId": "w1", "url": "https://a.example"}]}. Each path
  /// must be a collection of the spec; its entries replace the generated seed. Throws
  /// std::invalid_argument naming what does not fit.
  void load(const boost::json::value& data, const Routes& routes);

  std::optional<StoredAnswer> handle(const Match& match,
                                     const std::string& path,
                                     const std::multimap<std::string, std::string>& query,
                                     const boost::json::value& body);

 private:
  struct Entity {
    std::string id;
    boost::json::value response;  // the whole answer to its creation
    std::string pointer;          // where the entity sits in it ("" or "/webhook")
  };
  struct Collection {
    std::vector<Entity> entities;
  };

  Entity create(const Route& post, const std::string& key, const boost::json::value& body);
  Collection& collection(const std::string& key, const std::string& template_path);
  StoredAnswer render(const Route& route, const Entity& entity) const;
  StoredAnswer list(const Route& route,
                    const Collection& items,
                    const std::multimap<std::string, std::string>& query) const;
  const boost::json::value* success_schema(const Route& route, int& status) const;

  const SchemaCheck& check_;
  const Sampler& sampler_;
  /// Collection path template -> the placeholder of its item path ("webhookId").
  std::map<std::string, std::string> collections_;
  std::map<std::string, const Route*> creators_;  // collection template -> its POST
  std::map<std::string, Collection> data_;        // concrete collection path -> entries
  std::uint64_t created_ = 0;
};

}  // namespace dynamic::mock
