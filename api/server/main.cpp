// sioring-server: serves a Socket.IO application until SIGINT/SIGTERM.
// The first signal drains gracefully (close packets, flush, deadline); a second
// one exits at once.
#include <unistd.h>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <sio/runtime/log.hpp>

#include "apps.hpp"
#include "settings.hpp"

namespace {

sio::runtime::server* g_server = nullptr;
std::atomic<int> g_signals{0};  // lock-free: safe in a signal handler

void on_signal(int) {
  if (g_signals.fetch_add(1) > 0) _exit(130);
  if (g_server) g_server->stop(5000);
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// The official client bundle, from the npm package that scripts/setup installs.
std::string find_client_bundle(const std::string& configured) {
  if (!configured.empty()) return configured;
  const std::filesystem::path src(SIORING_SOURCE_DIR);
  for (const auto& p :
       {src / "api/server/client/node_modules/socket.io-client/dist/socket.io.min.js",
        src / "tests/conformance/node_modules/socket.io-client/dist/socket.io.min.js"}) {
    if (std::filesystem::exists(p)) return p.string();
  }
  return {};
}

void add_assets(const sio::server_app::settings& s, sio::runtime::server_config& cfg) {
  std::string bundle_path = find_client_bundle(s.client_bundle);
  std::string body;
  if (!bundle_path.empty() && read_file(bundle_path, body)) {
    cfg.http.assets[s.path + "socket.io.min.js"] = {"application/javascript; charset=utf-8", body};
    cfg.http.assets[s.path + "socket.io.js"] = {"application/javascript; charset=utf-8", body};
  } else {
    std::fprintf(stderr,
                 "sioring-server: client bundle not found (--client-bundle); "
                 "the demo page will not load it\n");
  }
  std::filesystem::path demo = s.demo_dir.empty()
                                   ? std::filesystem::path(SIORING_SOURCE_DIR) / "api/server/demo"
                                   : std::filesystem::path(s.demo_dir);
  if (read_file(demo / "index.html", body)) {
    cfg.http.assets["/"] = {"text/html; charset=utf-8", body};
    cfg.http.assets["/index.html"] = {"text/html; charset=utf-8", body};
  }
}

}  // namespace

int main(int argc, char** argv) {
  sio::server_app::settings s;
  if (auto code = sio::server_app::load_settings(argc, argv, s)) return *code;
  sio::runtime::set_log_level(sio::runtime::parse_log_level(s.log_level));
  auto cfg = sio::server_app::to_config(s);
  if (s.app != "protocol-suite") add_assets(s, cfg);

  sio::runtime::server srv(std::move(cfg));
  if (s.app == "demo") {
    sio::server_app::install_demo(srv);
  } else if (s.app == "protocol-suite") {
    sio::server_app::install_protocol_suite(srv);
  } else {
    sio::server_app::install_conformance(srv);
  }

  g_server = &srv;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  if (int rc = srv.start(); rc < 0) {
    std::fprintf(stderr, "sioring-server: cannot listen on %s:%u: %s\n", s.host.c_str(), s.port,
                 std::strerror(-rc));
    return 1;
  }
  sio::runtime::log(sio::runtime::log_level::info,
                    "sioring-server %s: app=%s listening on http://%s:%u%s (%u shards, io=%s)",
                    SIORING_VERSION, s.app.c_str(), s.host.c_str(), srv.port(), s.path.c_str(),
                    srv.shard_count(), sio::engine::to_string(srv.io().backend()));
  srv.run();
  g_server = nullptr;
  sio::runtime::log(sio::runtime::log_level::info, "sioring-server: stopped");
  return 0;
}
