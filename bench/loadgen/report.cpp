#include "report.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace sio::bench {

const char* run_results::throughput_unit() const {
  switch (mode) {
    case bench_mode::connect:
      return "connections/s";
    case bench_mode::echo:
      return "acks/s";
    case bench_mode::fanout:
      return "messages/s";
  }
  return "";
}

std::optional<double> run_results::rss_per_connection() const {
  if (!server_rss_before || !server_rss_after || connected == 0) return std::nullopt;
  return (static_cast<double>(*server_rss_after) - static_cast<double>(*server_rss_before)) /
         static_cast<double>(connected);
}

namespace {

// Small formatting helpers; every string we print is ours or a URL that the
// option parser already restricted to plain characters, but escape anyway.
void add(std::string& out, const char* fmt, auto... args) {
  char buf[256];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n > 0) out.append(buf, static_cast<size_t>(std::min<int>(n, sizeof buf - 1)));
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      add(out, "\\u%04x", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  out += '"';
}

void json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  add(out, "%.3f", v);
  // Trim "12.000" to "12" and "1.500" to "1.5": shorter lines, same values.
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
}

void json_opt(std::string& out, std::optional<double> v) {
  if (v) {
    json_number(out, *v);
  } else {
    out += "null";
  }
}

double us(uint64_t ns) {
  return static_cast<double>(ns) / 1000.0;
}

}  // namespace

std::string format_summary(const run_results& r) {
  std::string out;
  add(out, "sioring-bench %s  transport=%s  io=%s  threads=%u  url=%s\n", to_string(r.mode),
      to_string(r.transport), r.io.c_str(), r.threads, r.url.c_str());
  add(out, "  connections   %" PRIu64 "/%u connected", r.connected,
      r.target_connections + r.publishers);
  if (r.mode == bench_mode::fanout) {
    add(out, " (%u receivers + %u publishers)", r.target_connections, r.publishers);
  }
  add(out, ", %" PRIu64 " errors, %" PRIu64 " disconnects", r.connect_errors, r.disconnects);
  if (!r.last_error.empty()) add(out, " (last: %s)", r.last_error.c_str());
  out += '\n';
  add(out, "  throughput    %.1f %s over %.2f s\n", r.throughput, r.throughput_unit(), r.elapsed_s);
  if (r.mode == bench_mode::echo) {
    add(out,
        "  events        %" PRIu64 " sent, %" PRIu64 " acked, %" PRIu64 " unanswered, %" PRIu64
        " bad\n",
        r.sent, r.acked, r.lost, r.bad_acks);
  } else if (r.mode == bench_mode::fanout) {
    add(out, "  broadcasts    %" PRIu64 " sent, %" PRIu64 " acked by %u publishers\n", r.sent,
        r.acked, r.publishers);
    add(out,
        "  deliveries    %" PRIu64 " of %" PRIu64 " expected, %" PRIu64 " lost, %" PRIu64
        " duplicated\n",
        r.delivered, r.expected, r.lost, r.duplicated);
  }
  const histogram& h = r.latency;
  add(out,
      "  latency (us)  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (%" PRIu64
      " samples, %s)\n",
      us(h.percentile(50)), us(h.percentile(90)), us(h.percentile(99)), us(h.percentile(99.9)),
      us(h.max()), h.count(),
      r.mode == bench_mode::connect ? "handshake to CONNECT ack"
      : r.mode == bench_mode::echo  ? "emit to ack"
                                    : "broadcast to delivery");
  add(out, "  cpu           generator %.1f%%", r.generator_cpu_pct);
  if (r.server_cpu_pct) {
    add(out, "  server %.1f%%", *r.server_cpu_pct);
  } else {
    out += "  server n/a (--server-pid)";
  }
  out += "  (100% = one core)\n";
  if (auto per = r.rss_per_connection()) {
    add(out, "  server rss    %.1f MiB -> %.1f MiB: %.0f bytes per connection (held %.1f s)\n",
        static_cast<double>(*r.server_rss_before) / 1048576.0,
        static_cast<double>(*r.server_rss_after) / 1048576.0, *per, r.hold_s);
  }
  return out;
}

std::string format_json(const run_results& r) {
  std::string out = "{\"mode\":";
  json_string(out, to_string(r.mode));
  out += ",\"transport\":";
  json_string(out, to_string(r.transport));
  out += ",\"url\":";
  json_string(out, r.url);
  out += ",\"io\":";
  json_string(out, r.io);
  add(out, ",\"threads\":%u,\"payload\":%u,\"depth\":%u,\"publishers\":%u", r.threads, r.payload,
      r.depth, r.publishers);
  add(out,
      ",\"connections\":%u,\"connected\":%" PRIu64 ",\"errors\":%" PRIu64
      ",\"disconnects\":%" PRIu64,
      r.target_connections, r.connected, r.connect_errors, r.disconnects);
  out += ",\"last_error\":";
  if (r.last_error.empty()) {
    out += "null";
  } else {
    json_string(out, r.last_error);
  }
  out += ",\"elapsed_s\":";
  json_number(out, r.elapsed_s);
  out += ",\"throughput\":";
  json_number(out, r.throughput);
  out += ",\"unit\":";
  json_string(out, r.throughput_unit());
  const histogram& h = r.latency;
  add(out, ",\"latency_us\":{\"count\":%" PRIu64, h.count());
  const std::pair<const char*, uint64_t> points[] = {
      {"p50", h.percentile(50)},    {"p90", h.percentile(90)}, {"p99", h.percentile(99)},
      {"p999", h.percentile(99.9)}, {"max", h.max()},
  };
  out += ",\"mean\":";
  json_number(out, h.mean() / 1000.0);
  for (const auto& [name, ns] : points) {
    add(out, ",\"%s\":", name);
    json_number(out, us(ns));
  }
  out += '}';
  add(out,
      ",\"sent\":%" PRIu64 ",\"acked\":%" PRIu64 ",\"bad_acks\":%" PRIu64 ",\"expected\":%" PRIu64
      ",\"delivered\":%" PRIu64 ",\"lost\":%" PRIu64 ",\"duplicated\":%" PRIu64,
      r.sent, r.acked, r.bad_acks, r.expected, r.delivered, r.lost, r.duplicated);
  out += ",\"hold_s\":";
  json_number(out, r.hold_s);
  out += ",\"generator_cpu_pct\":";
  json_number(out, r.generator_cpu_pct);
  out += ",\"server_cpu_pct\":";
  json_opt(out, r.server_cpu_pct);
  auto opt_bytes = [](std::optional<uint64_t> v) -> std::optional<double> {
    if (!v) return std::nullopt;
    return static_cast<double>(*v);
  };
  out += ",\"server_rss_before\":";
  json_opt(out, opt_bytes(r.server_rss_before));
  out += ",\"server_rss_after\":";
  json_opt(out, opt_bytes(r.server_rss_after));
  out += ",\"server_rss_per_conn\":";
  json_opt(out, r.rss_per_connection());
  out += "}\n";
  return out;
}

}  // namespace sio::bench
