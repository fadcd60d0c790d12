// Changes one setting of an environment without touching the others: read the settings, change
// one field, write the whole object back. Here the display name shown to the environment's users.
//
//   update_settings DISPLAY_NAME
//
// with DYNAMIC_API_TOKEN, DYNAMIC_ENVIRONMENT_ID and (optionally) DYNAMIC_BASE_URL set.
//
// Exit codes: 0 saved, 1 usage, 2 configuration or connection failure, 3 API error, 4 the
// environment has no settings to edit.
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/environments_api.hpp"
#include "dynamic/models/project_environment.hpp"
#include "dynamic/models/project_settings.hpp"
#include "dynamic/models/project_settings_general.hpp"
#include "dynamic/runtime/options.hpp"

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]).empty()) {
    std::cerr << "usage: update_settings DISPLAY_NAME\n";
    return 1;
  }
  const std::string display_name = argv[1];
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr
        << "update_settings: set DYNAMIC_ENVIRONMENT_ID (and DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL)\n";
    return 2;
  }
  try {
    dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
    if (const char* base_url = std::getenv("DYNAMIC_BASE_URL")) options.base_url = base_url;
    dynamic::Client client(options);
    const dynamic::EnvironmentEnvironmentsApi environments =
        client.environment(environment_id).environments();

    // Read: GET /environments/{id} returns the environment with its settings.
    const dynamic::models::ProjectEnvironment environment = environments.get_environment_by_id();
    if (!environment.settings) {
      std::cerr << "update_settings: environment " << environment_id << " has no settings\n";
      return 4;
    }
    dynamic::models::ProjectSettings settings = *environment.settings;

    // Modify one field. The PUT below sends the settings as a whole, so everything else must
    // go back exactly as it came, including what this SDK's spec does not describe: every model
    // keeps such fields in its `unknown_fields` map (settings.unknown_fields,
    // settings.general.unknown_fields, ...) and writes them back when it is sent. Build the
    // request from what was read, never from a fresh ProjectSettings, or the rest is erased.
    const std::optional<std::string> before = settings.general.display_name;
    settings.general.display_name = display_name;
    std::cout << "display name: " << before.value_or("(none)") << " -> " << display_name << "\n";
    std::cout << "fields kept that this SDK does not know: " << settings.unknown_fields.size()
              << " in settings, " << settings.general.unknown_fields.size() << " in general\n";

    // Write: PUT /environments/{id} with the whole settings object.
    environments.update_project_settings(settings);
    std::cout << "saved\n";
    // The spec declares no conditional update (no ETag or If-Match): two writers doing this at
    // once can overwrite each other's change, so keep such updates to one process at a time.
  } catch (const dynamic::ApiError& error) {
    std::cerr << "update_settings: API error " << error.status() << ": " << error.message() << "\n";
    return 3;
  } catch (const dynamic::Error& error) {
    std::cerr << "update_settings: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
