// A webhook receiver's first step: check that a delivery comes from Dynamic, then read it.
//
//   verify_webhook '<x-dynamic-signature-256 header>' < body.json
//
// The secret comes from DYNAMIC_WEBHOOK_SECRET (it is the webhook's, shown once when it is
// created). Exit 0 and the event printed when the signature holds, 3 when it does not.
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>

#include "dynamic/models/event.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/webhook.hpp"

int main(int argc, char** argv) {
  const char* secret = std::getenv("DYNAMIC_WEBHOOK_SECRET");
  if (argc != 2 || secret == nullptr) {
    std::cerr << "usage: DYNAMIC_WEBHOOK_SECRET=... verify_webhook SIGNATURE < body\n";
    return 1;
  }
  // The raw bytes, exactly as received: the signature covers them, not a re-serialisation.
  const std::string body(std::istreambuf_iterator<char>(std::cin), {});
  try {
    dynamic::verify_webhook_signature(secret, argv[1], body);
    const auto event = dynamic::from_json<dynamic::models::Event>(body);
    // Delivery is at least once and unordered: a real receiver skips an event_id it has seen.
    std::cout << event.event_name << " " << event.event_id << " at " << event.timestamp << "\n";
    return 0;
  } catch (const dynamic::WebhookSignatureError& error) {
    std::cerr << "refused: " << error.what() << "\n";
    return 3;
  } catch (const dynamic::DecodeError& error) {
    std::cerr << "signed but not an event: " << error.what() << "\n";
    return 5;
  }
}
