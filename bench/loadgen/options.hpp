#pragma once
// Command-line options of sioring-bench and the small parsers behind them
// (target URL, source-address ranges, durations). Pure: no I/O besides the
// help text returned to the caller.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sio::bench {

enum class bench_mode : uint8_t { connect, echo, fanout };
enum class transport_kind : uint8_t { websocket, upgrade, polling };

const char* to_string(bench_mode m);
const char* to_string(transport_kind t);
std::optional<bench_mode> parse_mode(std::string_view s);
std::optional<transport_kind> parse_transport(std::string_view s);

/// A parsed `http://host[:port][/path]` target. IPv4 literals and `localhost`
/// only: the generator resolves no names (remote targets are the exception, not
/// the rule, and take a literal address).
struct target_url {
  std::string host;   // as written
  uint32_t ipv4 = 0;  // host byte order
  uint16_t port = 80;
  std::string path = "/socket.io/";  // Engine.IO endpoint, always ends with '/'
  bool loopback() const { return (ipv4 >> 24) == 127; }
};
/// Parses `http://` or `ws://` URLs. A missing or "/" path means "/socket.io/";
/// a trailing '/' is added to any other path. nullopt on a malformed URL, an
/// unsupported scheme, a name that is not an IPv4 literal or `localhost`, or a
/// port outside 1..65535.
std::optional<target_url> parse_url(std::string_view url);

/// Parses a dotted-quad IPv4 address into host byte order.
std::optional<uint32_t> parse_ipv4(std::string_view s);
/// Formats a host-byte-order IPv4 address.
std::string format_ipv4(uint32_t ip);
/// Parses "A", "A-B" and comma-separated lists of those (A, B dotted quads,
/// B >= A) into the listed addresses in order. At most `max` addresses; nullopt
/// on any malformed item or when the list is too long.
std::optional<std::vector<uint32_t>> parse_ipv4_ranges(std::string_view s, size_t max = 4096);

/// Parses "10", "2.5s", "500ms", "3m" into seconds (a plain number is seconds).
std::optional<double> parse_duration(std::string_view s);

struct bench_options {
  bench_mode mode = bench_mode::echo;
  std::string url = "http://127.0.0.1:3000";
  target_url target;
  transport_kind transport = transport_kind::websocket;
  std::string io = "auto";      // engine backend: auto | uring | epoll
  uint32_t connections = 0;     // 0 until parsed: then the mode's default
  uint32_t rate = 0;            // connect: connections/s; fanout: broadcasts/s; 0 = flat out
  uint32_t inflight = 256;      // connect: handshakes in flight at most
  double duration_s = 10;       // measured phase (connect: connecting phase cap)
  double hold_s = 0;            // connect: keep connections idle this long afterwards
  double setup_timeout_s = 30;  // echo/fanout: time allowed to connect and join
  uint32_t payload = 32;        // bytes of payload per message
  uint32_t depth = 1;           // echo: acks outstanding per connection; fanout: per publisher
  uint32_t publishers = 1;      // fanout
  unsigned threads = 1;         // engine shards
  bool json = false;
  bool quiet = false;                // no progress line
  std::vector<uint32_t> source_ips;  // host byte order; empty: the kernel chooses
  bool allow_remote = false;
  int server_pid = 0;
  /// Sessions (not fds) the process must hold: connections (+ publishers).
  uint32_t total_sessions() const;
  /// File descriptors each session holds at most on its transport.
  unsigned fds_per_session() const;
};

struct parse_outcome {
  /// -1: run with the options; otherwise exit with this code after printing
  /// `message` (help text on stdout for 0, an error on stderr otherwise).
  int exit_code = -1;
  std::string message;
};

/// Parses argv (argv[0] is the program name). Fills `out` and checks every
/// cross-option rule (remote targets refused without --allow-remote, ranges,
/// mode defaults). Never exits the process itself.
parse_outcome parse_options(int argc, const char* const* argv, bench_options& out);

}  // namespace sio::bench
