#include "fixtures.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dynamic::bench {
namespace {

std::string read_fixture(const std::string& name) {
  const std::string path = std::string(DYNAMIC_BENCH_FIXTURES) + "/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read the fixture " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

const std::string& users_body() {
  static const std::string body = read_fixture("users_100.json");
  return body;
}

const std::string& tokens_body() {
  static const std::string body = read_fixture("tokens_20.json");
  return body;
}

std::string many_users_body(std::size_t users) {
  boost::json::value page = boost::json::parse(users_body());
  const boost::json::array& template_users = page.at("users").as_array();
  boost::json::array all;
  all.reserve(users);
  for (std::size_t i = 0; i < users; ++i) {
    boost::json::value user = template_users[i % template_users.size()];
    user.as_object()["id"] = "user-" + std::to_string(i);
    all.push_back(std::move(user));
  }
  page.as_object()["users"] = std::move(all);
  page.as_object()["count"] = users;
  return boost::json::serialize(page);
}

}  // namespace dynamic::bench
