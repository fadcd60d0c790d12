// Calls Dynamic's API and two APIs of its own, each through its mock (Dynamic::testing), from one
// program: the bindings live side by side in dynamic::, pets:: and acme::notes::.
//   consumer PETS_SPEC NOTES_SPEC
#include <exception>
#include <iostream>

#include "acme/notes/client.hpp"
#include "acme/notes/models/notes_response.hpp"
#include "acme/notes/notes_api.hpp"
#include "dynamic/client.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/runtime/version.hpp"
#include "dynamic/testing.hpp"
#include "dynamic/tokens_api.hpp"
#include "pets/client.hpp"
#include "pets/models/new_pet.hpp"
#include "pets/models/pet.hpp"
#include "pets/pets_api.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer PETS_SPEC NOTES_SPEC\n";
    return 1;
  }
  try {
    dynamic::testing::MockServer dynamic_mock;  // Dynamic's own spec, compiled in
    dynamic::Client dynamic_client(dynamic_mock.client_options());
    dynamic::models::TokensResponse tokens =
        dynamic_client.tokens().get_tokens("2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b");
    std::cout << "sdk " << dynamic::sdk_version() << "\n";
    std::cout << "dynamic tokens listed: " << (tokens.tokens ? "yes" : "no") << "\n";

    dynamic::testing::MockServerOptions pets_options;
    pets_options.spec_path = argv[1];
    dynamic::testing::MockServer pets_mock(pets_options);
    pets::Client pets_client(pets_mock.client_options());
    pets::models::NewPet fields;
    fields.name = "Rex";
    pets::models::Pet created = pets_client.pets().create_pet(fields);
    pets::models::Pet read = pets_client.pets().get_pet(created.id);
    pets::models::Owner owner = read.owner;
    std::cout << "pet created and read back: " << (read.id == created.id ? "yes" : "no") << "\n";
    std::cout << "pet owner named: " << (owner.name.empty() ? "no" : "yes") << "\n";

    dynamic::testing::MockServerOptions notes_options;
    notes_options.spec_path = argv[2];
    dynamic::testing::MockServer notes_mock(notes_options);
    acme::notes::Client notes_client(notes_mock.client_options());
    acme::notes::ListNotesParams page;
    page.limit = 5;
    acme::notes::models::NotesResponse notes = notes_client.notes().list_notes(page);
    std::cout << "notes listed: " << (notes.notes.empty() ? "none" : "some") << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "consumer: " << error.what() << "\n";
    return 1;
  }
}
