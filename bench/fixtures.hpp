// The checked-in answers the benchmarks decode and serve (bench/fixtures), read once.
#pragma once

#include <cstddef>
#include <string>

namespace dynamic::bench {

/// A realistic 100-user UsersResponse (~150 KB): verified credentials, nulls, metadata and a
/// few fields the spec does not list.
const std::string& users_body();
/// A 20-token TokensResponse.
const std::string& tokens_body();
/// `users` copies of the 100 users in one UsersResponse, each with its own id.
std::string many_users_body(std::size_t users);

}  // namespace dynamic::bench
