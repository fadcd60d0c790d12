#include "spec/pretty_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

namespace dyngen {
namespace {

namespace json = boost::json;

void print_value(const json::value& value, std::size_t indent, std::string& out);

void new_line(std::size_t indent, std::string& out) {
  out += '\n';
  out.append(indent, ' ');
}

void print_object(const json::object& object, std::size_t indent, std::string& out) {
  if (object.empty()) {
    out += "{}";
    return;
  }
  std::vector<const json::key_value_pair*> members;
  for (const json::key_value_pair& member : object) members.push_back(&member);
  // string_view compares through char_traits<char>, which orders bytes as unsigned char.
  std::sort(members.begin(), members.end(), [](const auto* left, const auto* right) {
    return left->key() < right->key();
  });
  out += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    new_line(indent + 2, out);
    out += json::serialize(members[i]->key());
    out += ": ";
    print_value(members[i]->value(), indent + 2, out);
    if (i + 1 < members.size()) out += ',';
  }
  new_line(indent, out);
  out += '}';
}

void print_array(const json::array& array, std::size_t indent, std::string& out) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  for (std::size_t i = 0; i < array.size(); ++i) {
    new_line(indent + 2, out);
    print_value(array[i], indent + 2, out);
    if (i + 1 < array.size()) out += ',';
  }
  new_line(indent, out);
  out += ']';
}

void print_value(const json::value& value, std::size_t indent, std::string& out) {
  if (const json::object* object = value.if_object()) {
    print_object(*object, indent, out);
  } else if (const json::array* array = value.if_array()) {
    print_array(*array, indent, out);
  } else {
    out += json::serialize(value);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& value) {
  std::string out;
  print_value(value, 0, out);
  out += '\n';
  return out;
}

}  // namespace dyngen
