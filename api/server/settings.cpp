#include "settings.hpp"

#include <simdjson.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace sio::server_app {

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool parse_bool(std::string_view v) {
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

// SIORING_PORT=3001 and friends.
void apply_env(settings& s) {
  auto env = [](const char* name) -> const char* { return std::getenv(name); };
  if (auto* v = env("SIORING_HOST")) s.host = v;
  if (auto* v = env("SIORING_PORT")) s.port = static_cast<uint16_t>(std::atoi(v));
  if (auto* v = env("SIORING_SHARDS")) s.shards = static_cast<unsigned>(std::atoi(v));
  if (auto* v = env("SIORING_IO")) s.io = v;
  if (auto* v = env("SIORING_PATH")) s.path = v;
  if (auto* v = env("SIORING_CORS_ORIGINS")) s.cors_origins = split_list(v);
  if (auto* v = env("SIORING_PING_INTERVAL")) s.ping_interval_ms = std::atoi(v);
  if (auto* v = env("SIORING_PING_TIMEOUT")) s.ping_timeout_ms = std::atoi(v);
  if (auto* v = env("SIORING_MAX_PAYLOAD")) s.max_payload = std::strtoull(v, nullptr, 10);
  if (auto* v = env("SIORING_CONNECT_TIMEOUT")) s.connect_timeout_ms = std::atoi(v);
  if (auto* v = env("SIORING_RECOVERY")) s.recovery = parse_bool(v);
  if (auto* v = env("SIORING_RECOVERY_DURATION")) s.recovery_duration_ms = std::atoi(v);
  if (auto* v = env("SIORING_LOG_LEVEL")) s.log_level = v;
  if (auto* v = env("SIORING_APP")) s.app = v;
  if (auto* v = env("SIORING_CLIENT_BUNDLE")) s.client_bundle = v;
}

// The config file uses the flag names as keys: {"port": 3001, "cors": ["*"], ...}.
bool apply_config_file(const std::string& path, settings& s) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.load(path).get(doc)) {
    std::fprintf(stderr, "sioring-server: cannot read config %s: %s\n", path.c_str(),
                 simdjson::error_message(err));
    return false;
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) {
    std::fprintf(stderr, "sioring-server: config %s is not a JSON object\n", path.c_str());
    return false;
  }
  for (auto field : obj) {
    std::string_view key = field.key;
    simdjson::dom::element value = field.value;
    std::string_view sv;
    int64_t n = 0;
    bool b = false;
    auto str = [&] { return !value.get_string().get(sv); };
    auto num = [&] { return !value.get_int64().get(n); };
    if (key == "host" && str())
      s.host = sv;
    else if (key == "port" && num())
      s.port = static_cast<uint16_t>(n);
    else if (key == "shards" && num())
      s.shards = static_cast<unsigned>(n);
    else if (key == "io" && str())
      s.io = sv;
    else if (key == "path" && str())
      s.path = sv;
    else if (key == "ping-interval" && num())
      s.ping_interval_ms = static_cast<uint32_t>(n);
    else if (key == "ping-timeout" && num())
      s.ping_timeout_ms = static_cast<uint32_t>(n);
    else if (key == "max-payload" && num())
      s.max_payload = static_cast<uint64_t>(n);
    else if (key == "connect-timeout" && num())
      s.connect_timeout_ms = static_cast<uint32_t>(n);
    else if (key == "recovery" && !value.get_bool().get(b))
      s.recovery = b;
    else if (key == "recovery-duration" && num())
      s.recovery_duration_ms = static_cast<uint32_t>(n);
    else if (key == "log-level" && str())
      s.log_level = sv;
    else if (key == "app" && str())
      s.app = sv;
    else if (key == "client-bundle" && str())
      s.client_bundle = sv;
    else if (key == "cors") {
      simdjson::dom::array arr;
      if (!value.get_array().get(arr)) {
        s.cors_origins.clear();
        for (auto item : arr) {
          if (!item.get_string().get(sv)) s.cors_origins.emplace_back(sv);
        }
      } else if (str()) {
        s.cors_origins = split_list(std::string(sv));
      }
    } else {
      std::fprintf(stderr, "sioring-server: config %s: unknown or mistyped key \"%.*s\"\n",
                   path.c_str(), static_cast<int>(key.size()), key.data());
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<int> load_settings(int argc, char** argv, settings& out) {
  CLI::App app{
      "sioring-server: a Socket.IO v4 server.\n"
      "Settings come from, in increasing precedence: defaults, SIORING_* environment\n"
      "variables (SIORING_PORT, SIORING_HOST, SIORING_SHARDS, SIORING_IO, SIORING_PATH,\n"
      "SIORING_CORS_ORIGINS, SIORING_PING_INTERVAL, SIORING_PING_TIMEOUT, SIORING_MAX_PAYLOAD,\n"
      "SIORING_CONNECT_TIMEOUT, SIORING_RECOVERY, SIORING_RECOVERY_DURATION, SIORING_LOG_LEVEL,\n"
      "SIORING_APP, SIORING_CLIENT_BUNDLE), the JSON file given by --config (keys are the flag\n"
      "names without dashes in front), then the flags below."};
  settings flags;
  std::string config;
  std::string cors;
  app.add_option("--config", config, "JSON config file");
  auto* o_host = app.add_option("--host", flags.host, "address to listen on (127.0.0.1)");
  auto* o_port = app.add_option("--port", flags.port, "TCP port (3000)");
  auto* o_shards = app.add_option("--shards", flags.shards, "shard threads (0 = one per core)");
  auto* o_io = app.add_option("--io", flags.io, "I/O backend: auto, uring or epoll")
                   ->check(CLI::IsMember({"auto", "uring", "epoll"}));
  auto* o_path = app.add_option("--path", flags.path, "Socket.IO path (/socket.io/)");
  auto* o_cors = app.add_option("--cors", cors, "allowed CORS origins, comma-separated, or *");
  auto* o_pi = app.add_option("--ping-interval", flags.ping_interval_ms, "ms (25000)");
  auto* o_pt = app.add_option("--ping-timeout", flags.ping_timeout_ms, "ms (20000)");
  auto* o_mp = app.add_option("--max-payload", flags.max_payload, "bytes (1000000)");
  auto* o_ct = app.add_option("--connect-timeout", flags.connect_timeout_ms, "ms (45000)");
  auto* o_rec = app.add_flag("--recovery", flags.recovery, "connection state recovery");
  auto* o_rd = app.add_option("--recovery-duration", flags.recovery_duration_ms, "ms (120000)");
  auto* o_log = app.add_option("--log-level", flags.log_level, "debug, info, warn or error")
                    ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  auto* o_app = app.add_option("--app", flags.app, "demo, protocol-suite or conformance")
                    ->check(CLI::IsMember({"demo", "protocol-suite", "conformance"}));
  auto* o_cb = app.add_option("--client-bundle", flags.client_bundle,
                              "path of socket.io.min.js served at <path>socket.io.min.js");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  settings s;
  apply_env(s);
  if (!config.empty() && !apply_config_file(config, s)) return 2;
  if (o_host->count()) s.host = flags.host;
  if (o_port->count()) s.port = flags.port;
  if (o_shards->count()) s.shards = flags.shards;
  if (o_io->count()) s.io = flags.io;
  if (o_path->count()) s.path = flags.path;
  if (o_cors->count()) s.cors_origins = split_list(cors);
  if (o_pi->count()) s.ping_interval_ms = flags.ping_interval_ms;
  if (o_pt->count()) s.ping_timeout_ms = flags.ping_timeout_ms;
  if (o_mp->count()) s.max_payload = flags.max_payload;
  if (o_ct->count()) s.connect_timeout_ms = flags.connect_timeout_ms;
  if (o_rec->count()) s.recovery = flags.recovery;
  if (o_rd->count()) s.recovery_duration_ms = flags.recovery_duration_ms;
  if (o_log->count()) s.log_level = flags.log_level;
  if (o_app->count()) s.app = flags.app;
  if (o_cb->count()) s.client_bundle = flags.client_bundle;
  if (s.path.empty() || s.path.front() != '/') s.path.insert(s.path.begin(), '/');
  if (s.path.back() != '/') s.path += '/';
  // The protocol suites assume their own timings.
  if (s.app == "protocol-suite") {
    if (!o_pi->count()) s.ping_interval_ms = 300;
    if (!o_pt->count()) s.ping_timeout_ms = 200;
    if (!o_ct->count()) s.connect_timeout_ms = 1000;
  }
  // The conformance suite's profile (tests/conformance/APP.md §1).
  if (s.app == "conformance") {
    if (!o_pi->count()) s.ping_interval_ms = 300;
    if (!o_pt->count()) s.ping_timeout_ms = 200;
    if (!o_ct->count()) s.connect_timeout_ms = 1000;
    if (!o_rec->count()) s.recovery = true;
    if (!o_rd->count()) s.recovery_duration_ms = 2000;
  }
  out = std::move(s);
  return std::nullopt;
}

runtime::server_config to_config(const settings& s) {
  runtime::server_config c;
  c.engine.host = s.host;
  c.engine.port = s.port;
  c.engine.shards = s.shards;
  c.engine.io = engine::parse_io_backend(s.io).value_or(engine::io_backend::automatic);
  c.http.eio.path = s.path;
  c.http.eio.ping_interval_ms = s.ping_interval_ms;
  c.http.eio.ping_timeout_ms = s.ping_timeout_ms;
  c.http.eio.max_payload = s.max_payload;
  c.http.eio.cors_origins = s.cors_origins;
  c.sio.connect_timeout_ms = s.connect_timeout_ms;
  c.sio.recovery = s.recovery;
  c.sio.max_disconnection_ms = s.recovery_duration_ms;
  return c;
}

}  // namespace sio::server_app
