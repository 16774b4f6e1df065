#include "options.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <sstream>

namespace sio::bench {

const char* to_string(bench_mode m) {
  switch (m) {
    case bench_mode::connect:
      return "connect";
    case bench_mode::echo:
      return "echo";
    case bench_mode::fanout:
      return "fanout";
  }
  return "?";
}

const char* to_string(transport_kind t) {
  switch (t) {
    case transport_kind::websocket:
      return "websocket";
    case transport_kind::upgrade:
      return "upgrade";
    case transport_kind::polling:
      return "polling";
  }
  return "?";
}

std::optional<bench_mode> parse_mode(std::string_view s) {
  if (s == "connect") return bench_mode::connect;
  if (s == "echo") return bench_mode::echo;
  if (s == "fanout") return bench_mode::fanout;
  return std::nullopt;
}

std::optional<transport_kind> parse_transport(std::string_view s) {
  if (s == "websocket") return transport_kind::websocket;
  if (s == "upgrade") return transport_kind::upgrade;
  if (s == "polling") return transport_kind::polling;
  return std::nullopt;
}

namespace {

template <class T>
std::optional<T> parse_uint(std::string_view s) {
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<uint32_t> parse_ipv4(std::string_view s) {
  uint32_t ip = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t dot = s.find('.');
    const std::string_view part = (i < 3) ? s.substr(0, dot) : s;
    if ((i < 3 && dot == std::string_view::npos) || part.empty() || part.size() > 3) {
      return std::nullopt;
    }
    auto octet = parse_uint<uint32_t>(part);
    if (!octet || *octet > 255) return std::nullopt;
    ip = (ip << 8) | *octet;
    if (i < 3) s.remove_prefix(dot + 1);
  }
  return ip;
}

std::string format_ipv4(uint32_t ip) {
  return std::to_string(ip >> 24) + '.' + std::to_string((ip >> 16) & 255) + '.' +
         std::to_string((ip >> 8) & 255) + '.' + std::to_string(ip & 255);
}

std::optional<std::vector<uint32_t>> parse_ipv4_ranges(std::string_view s, size_t max) {
  std::vector<uint32_t> out;
  while (!s.empty()) {
    const size_t comma = s.find(',');
    const std::string_view item = s.substr(0, comma);
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
    const size_t dash = item.find('-');
    auto first = parse_ipv4(item.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : parse_ipv4(item.substr(dash + 1));
    if (!first || !last || *last < *first) return std::nullopt;
    if (uint64_t{*last} - *first + 1 > max - out.size()) return std::nullopt;
    for (uint64_t ip = *first; ip <= *last; ++ip) out.push_back(static_cast<uint32_t>(ip));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<target_url> parse_url(std::string_view url) {
  target_url t;
  if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else if (url.starts_with("ws://")) {
    url.remove_prefix(5);
  } else {
    return std::nullopt;
  }
  const size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "/" : url.substr(slash);
  const size_t colon = authority.find(':');
  t.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    auto port = parse_uint<uint32_t>(authority.substr(colon + 1));
    if (!port || *port == 0 || *port > 65535) return std::nullopt;
    t.port = static_cast<uint16_t>(*port);
  }
  if (t.host == "localhost") {
    t.ipv4 = 0x7f000001;
  } else if (auto ip = parse_ipv4(t.host)) {
    t.ipv4 = *ip;
  } else {
    return std::nullopt;
  }
  if (path.find_first_of("?# ") != std::string_view::npos) return std::nullopt;
  if (path == "/") {
    t.path = "/socket.io/";
  } else {
    t.path = std::string(path);
    if (t.path.back() != '/') t.path += '/';
  }
  return t;
}

std::optional<double> parse_duration(std::string_view s) {
  double scale = 1;
  if (s.ends_with("ms")) {
    scale = 0.001;
    s.remove_suffix(2);
  } else if (s.ends_with('s')) {
    s.remove_suffix(1);
  } else if (s.ends_with('m')) {
    scale = 60;
    s.remove_suffix(1);
  }
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v) || v < 0) {
    return std::nullopt;
  }
  return v * scale;
}

uint32_t bench_options::total_sessions() const {
  return connections + (mode == bench_mode::fanout ? publishers : 0);
}

unsigned bench_options::fds_per_session() const {
  // polling keeps a GET and a POST connection; an upgrade holds both plus the
  // WebSocket until the switch completes.
  switch (transport) {
    case transport_kind::websocket:
      return 1;
    case transport_kind::polling:
      return 2;
    case transport_kind::upgrade:
      return 3;
  }
  return 1;
}

namespace {

// CLI11 validators return "" when the value is fine, else the error text.
std::string check_duration(const std::string& s) {
  return parse_duration(s) ? "" : "not a duration (10, 2.5s, 500ms, 3m): " + s;
}

}  // namespace

parse_outcome parse_options(int argc, const char* const* argv, bench_options& out) {
  CLI::App app{
      "sioring-bench: Socket.IO v4 load generator (connect, echo and fanout workloads).\n"
      "One process holds at most ~20000 fds here: spread larger loads over several\n"
      "processes, each with its own --source-ips range."};
  std::string mode, transport = "websocket", duration = "10", hold = "0", setup = "30";
  std::string source_ips;
  app.add_option("mode", mode, "connect | echo | fanout")
      ->required()
      ->check(CLI::IsMember({"connect", "echo", "fanout"}));
  app.add_option("--url", out.url, "Socket.IO server (path /socket.io/ unless given)")
      ->capture_default_str();
  app.add_option("--transport", transport,
                 "websocket | upgrade (polling, then WebSocket) | polling")
      ->check(CLI::IsMember({"websocket", "upgrade", "polling"}))
      ->capture_default_str();
  app.add_option("--io", out.io, "engine backend: auto | uring | epoll")
      ->check(CLI::IsMember({"auto", "uring", "epoll"}))
      ->capture_default_str();
  app.add_option("-c,--connections", out.connections,
                 "connections (fanout: receivers); default connect 1000, echo 100, fanout 100")
      ->check(CLI::Range(1u, 1'000'000u));
  app.add_option("--rate", out.rate,
                 "connect: new connections/s; fanout: broadcasts/s; 0 = flat out")
      ->capture_default_str();
  app.add_option("--inflight", out.inflight, "connect: handshakes in flight at most")
      ->check(CLI::Range(1u, 1'000'000u))
      ->capture_default_str();
  app.add_option("-d,--duration", duration, "measured phase (connect: cap on connecting)")
      ->check(check_duration)
      ->capture_default_str();
  app.add_option("--hold", hold, "connect: keep the connections idle this long")
      ->check(check_duration)
      ->capture_default_str();
  app.add_option("--setup-timeout", setup, "echo/fanout: time allowed to connect and join")
      ->check(check_duration)
      ->capture_default_str();
  app.add_option("--payload", out.payload, "payload bytes per message")
      ->check(CLI::Range(0u, 900'000u))
      ->capture_default_str();
  app.add_option("--depth", out.depth,
                 "echo: acks outstanding per connection; fanout: per publisher")
      ->check(CLI::Range(1u, 4096u))
      ->capture_default_str();
  app.add_option("--publishers", out.publishers, "fanout: publishing connections")
      ->check(CLI::Range(1u, 1000u))
      ->capture_default_str();
  app.add_option("-t,--threads", out.threads, "engine shards (threads)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  app.add_option("--source-ips", source_ips,
                 "source addresses, e.g. 127.0.0.2-127.0.0.9 (default for loopback targets)");
  app.add_option("--server-pid", out.server_pid, "server process: report its CPU use and RSS")
      ->check(CLI::PositiveNumber);
  app.add_flag("--json", out.json, "print one JSON line with the results on stdout");
  app.add_flag("-q,--quiet", out.quiet, "no progress line on stderr");
  app.add_flag("--allow-remote", out.allow_remote, "allow a target outside 127.0.0.0/8");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::ostringstream o, err;
    const int code = app.exit(e, o, err);
    // 0 for --help; every usage error exits 2, the shell convention.
    return {code == 0 ? 0 : 2, code == 0 ? o.str() : err.str()};
  }

  out.mode = *parse_mode(mode);
  out.transport = *parse_transport(transport);
  out.duration_s = *parse_duration(duration);
  out.hold_s = *parse_duration(hold);
  out.setup_timeout_s = *parse_duration(setup);
  auto target = parse_url(out.url);
  if (!target) {
    return {2, "--url: expected http://<IPv4 or localhost>[:port][/path], got " + out.url + "\n"};
  }
  out.target = *target;
  if (!out.target.loopback() && !out.allow_remote) {
    return {2, "refusing non-loopback target " + out.target.host +
                   " (only 127.0.0.0/8 unless --allow-remote)\n"};
  }
  if (!source_ips.empty()) {
    auto ips = parse_ipv4_ranges(source_ips);
    if (!ips) return {2, "--source-ips: expected A-B[,C...] IPv4 ranges, got " + source_ips + "\n"};
    out.source_ips = std::move(*ips);
  } else if (out.target.loopback()) {
    out.source_ips = *parse_ipv4_ranges("127.0.0.2-127.0.0.9");
  }
  for (uint32_t ip : out.source_ips) {
    if (out.target.loopback() != ((ip >> 24) == 127)) {
      return {2, "--source-ips: " + format_ipv4(ip) + " cannot reach " + out.target.host + "\n"};
    }
  }
  if (out.connections == 0) out.connections = out.mode == bench_mode::connect ? 1000 : 100;
  if (out.duration_s <= 0) return {2, "--duration must be > 0\n"};
  return {};
}

}  // namespace sio::bench
