// Lists every user of an environment, a page at a time, two ways: the SDK's lazy range
// (get_environment_users_all), then the same walk written out with offset and limit, for code
// that wants each request in its own hands (to save the offset and resume later, say).
//
//   list_users [PAGE_SIZE]
//
// with DYNAMIC_API_TOKEN, DYNAMIC_ENVIRONMENT_ID and (optionally) DYNAMIC_BASE_URL set.
// PAGE_SIZE is 1 to 100 (the API's bounds), 50 when absent.
//
// Exit codes: 0 listed, 1 usage, 2 configuration or connection failure, 3 API error.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/user.hpp"
#include "dynamic/models/users_response.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/pagination.hpp"
#include "dynamic/users_api.hpp"

namespace {

void print(const dynamic::models::User& user) {
  // email is Nullable: absent and null both read as "no email" here.
  std::cout << "  " << user.id << "  " << user.email.value_or("(no email)") << "\n";
}

/// The usual way: a range that fetches the next page only when iteration reaches it.
void with_range(const dynamic::EnvironmentUsersApi& users, std::int64_t page_size) {
  std::cout << "== get_environment_users_all, " << page_size << " a page\n";
  dynamic::GetEnvironmentUsersParams params;
  params.limit = page_size;  // without it, the largest page the API allows
  dynamic::OffsetRange<dynamic::models::User> all = users.get_environment_users_all(params);
  int count = 0;
  for (const dynamic::models::User& user : all) {
    print(user);
    ++count;
  }
  std::cout << count << " users in " << all.pages_fetched() << " pages\n";
}

/// The same walk by hand: what the range does for you.
void with_offsets(const dynamic::EnvironmentUsersApi& users, std::int64_t page_size) {
  std::cout << "== get_environment_users with offset and limit\n";
  dynamic::GetEnvironmentUsersParams params;
  params.limit = page_size;
  params.offset = 0;
  std::int64_t seen = 0;
  for (;;) {
    dynamic::models::UsersResponse page = users.get_environment_users(params);
    const std::vector<dynamic::models::User> batch =
        page.users.value_or(std::vector<dynamic::models::User>{});
    for (const dynamic::models::User& user : batch) print(user);
    seen += static_cast<std::int64_t>(batch.size());
    *params.offset += static_cast<std::int64_t>(batch.size());
    // `count` is the total across all pages. When the API leaves it out, a short page is the
    // last one. An empty page always ends the walk, so a shrinking list cannot loop forever.
    const bool last =
        batch.empty() || (page.count ? *params.offset >= *page.count
                                     : static_cast<std::int64_t>(batch.size()) < page_size);
    if (last) break;
  }
  std::cout << seen << " users\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t page_size = argc == 2 ? std::atoll(argv[1]) : 50;
  if (argc > 2 || page_size < 1 || page_size > 100) {
    std::cerr << "usage: list_users [PAGE_SIZE], PAGE_SIZE from 1 to 100\n";
    return 1;
  }
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr
        << "list_users: set DYNAMIC_ENVIRONMENT_ID (and DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL)\n";
    return 2;
  }
  try {
    dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
    if (const char* base_url = std::getenv("DYNAMIC_BASE_URL")) options.base_url = base_url;
    dynamic::Client client(options);
    // The environment view binds the id once; users() then needs no environment argument.
    const dynamic::EnvironmentUsersApi users = client.environment(environment_id).users();
    with_range(users, page_size);
    with_offsets(users, page_size);
  } catch (const dynamic::ApiError& error) {
    std::cerr << "list_users: API error " << error.status() << ": " << error.message() << "\n";
    return 3;
  } catch (const dynamic::Error& error) {
    std::cerr << "list_users: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
