#pragma once
// sioring-server's settings: defaults, then SIORING_* environment variables,
// then a JSON config file (--config), then command-line flags — each later
// source overrides the earlier ones.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sio/runtime/server.hpp>

namespace sio::server_app {

enum class log_level : uint8_t { debug, info, warn, error };

struct settings {
  std::string host = "127.0.0.1";
  uint16_t port = 3000;
  unsigned shards = 0;  // 0 = one per core
  std::string io = "auto";
  std::string path = "/socket.io/";
  std::vector<std::string> cors_origins;
  uint32_t ping_interval_ms = 25000;
  uint32_t ping_timeout_ms = 20000;
  uint64_t max_payload = 1'000'000;
  uint32_t connect_timeout_ms = 45000;
  bool recovery = false;
  uint32_t recovery_duration_ms = 120000;
  std::string log_level = "info";
  std::string app = "demo";   // demo | protocol-suite | conformance
  std::string client_bundle;  // path of socket.io.min.js ("" = look in the usual places)
  std::string demo_dir;       // folder with the demo page ("" = the source tree's)
};

/// Parses argv with the precedence above. Returns the exit code to use when the
/// program must stop (--help, bad flag, unreadable config), else nullopt.
std::optional<int> load_settings(int argc, char** argv, settings& out);

/// The runtime configuration these settings describe.
runtime::server_config to_config(const settings& s);

}  // namespace sio::server_app
