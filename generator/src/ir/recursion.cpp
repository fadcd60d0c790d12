#include "ir/recursion.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace dyngen {
namespace {

using Graph = std::map<std::string, std::set<std::string>>;

/// The models a field holds by value (a variant holds its alternatives by value too).
void held_models(const Api& api, const TypeRef& type, std::set<std::string>& out) {
  if (type.kind != TypeRef::Kind::kModel) return;
  out.insert(type.model);
  for (const Model& model : api.models) {
    if (model.name != type.model || model.kind != Model::Kind::kVariant) continue;
    for (const Alternative& alternative : model.alternatives) {
      held_models(api, alternative.type, out);
    }
  }
}

bool reaches(const Graph& graph,
             const std::string& from,
             const std::string& target,
             std::set<std::string>& seen) {
  if (from == target) return true;
  if (!seen.insert(from).second) return false;
  auto edges = graph.find(from);
  if (edges == graph.end()) return false;
  for (const std::string& next : edges->second) {
    if (reaches(graph, next, target, seen)) return true;
  }
  return false;
}

}  // namespace

void mark_recursive_fields(Api& api) {
  Graph graph;
  for (const Model& model : api.models) {
    if (model.kind != Model::Kind::kObject) continue;
    for (const Field& field : model.fields) held_models(api, field.type, graph[model.name]);
  }
  for (Model& model : api.models) {
    for (Field& field : model.fields) {
      if (field.type.kind != TypeRef::Kind::kModel) continue;
      std::set<std::string> held;
      held_models(api, field.type, held);
      for (const std::string& start : held) {
        std::set<std::string> seen;
        if (reaches(graph, start, model.name, seen)) field.boxed = true;
      }
    }
  }
}

}  // namespace dyngen
