#include "ir/recursion.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dyngen {
namespace {

using Graph = std::map<std::string, std::set<std::string>>;

/// The models whose headers a field's type needs: held by value, or as the items of an array or
/// map (a variant holds its alternatives by value too).
void held_models(const Api& api, const TypeRef& type, std::set<std::string>& out) {
  if (type.element) held_models(api, *type.element, out);
  if (type.kind != TypeRef::Kind::kModel) return;
  if (!out.insert(type.model).second) return;
  // Api::models is sorted by name.
  auto model = std::lower_bound(
      api.models.begin(), api.models.end(), type.model, [](const Model& m, const std::string& n) {
        return m.name < n;
      });
  if (model == api.models.end() || model->name != type.model) return;
  if (model->kind != Model::Kind::kVariant) return;
  for (const Alternative& alternative : model->alternatives) {
    held_models(api, alternative.type, out);
  }
}

/// Strongly connected components (Tarjan): models that reach each other share a number. Linear
/// in the size of the graph, so that documents with thousands of models stay fast.
class Components {
 public:
  explicit Components(const Graph& graph) : graph_(graph) {
    for (const auto& entry : graph) {
      if (index_.count(entry.first) == 0) visit(entry.first);
    }
  }
  /// The component of `name`, or -1 for a model without fields (a component of its own).
  int of(const std::string& name) const {
    auto found = component_.find(name);
    return found == component_.end() ? -1 : found->second;
  }

 private:
  void visit(const std::string& name) {
    const int index = static_cast<int>(index_.size());
    index_[name] = index;
    low_[name] = index;
    stack_.push_back(name);
    on_stack_.insert(name);
    if (auto edges = graph_.find(name); edges != graph_.end()) {
      for (const std::string& next : edges->second) {
        if (index_.count(next) == 0) {
          visit(next);
          low_[name] = std::min(low_[name], low_[next]);
        } else if (on_stack_.count(next) != 0) {
          low_[name] = std::min(low_[name], index_[next]);
        }
      }
    }
    if (low_[name] != index) return;
    for (;;) {
      std::string member = stack_.back();
      stack_.pop_back();
      on_stack_.erase(member);
      component_[member] = count_;
      if (member == name) break;
    }
    ++count_;
  }

  const Graph& graph_;
  std::map<std::string, int> index_;
  std::map<std::string, int> low_;
  std::vector<std::string> stack_;
  std::set<std::string> on_stack_;
  std::map<std::string, int> component_;
  int count_ = 0;
};

}  // namespace

void mark_recursive_fields(Api& api) {
  Graph graph;
  for (const Model& model : api.models) {
    if (model.kind != Model::Kind::kObject) continue;
    for (const Field& field : model.fields) held_models(api, field.type, graph[model.name]);
  }
  const Components components(graph);
  for (Model& model : api.models) {
    const int own = components.of(model.name);
    for (Field& field : model.fields) {
      std::set<std::string> held;
      held_models(api, field.type, held);
      // A container of the model itself needs no box: the model is complete where its vector
      // or map is used. A container of another model of the cycle does (its header cannot be
      // included here).
      const bool container = field.type.kind != TypeRef::Kind::kModel;
      for (const std::string& start : held) {
        if (container && start == model.name) continue;
        const bool same_cycle = start == model.name || (own >= 0 && components.of(start) == own);
        if (same_cycle) field.boxed = true;
      }
    }
  }
}

}  // namespace dyngen
