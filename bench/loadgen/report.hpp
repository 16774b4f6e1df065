#pragma once
// The results of one run and their two renderings: a readable summary and one
// machine-readable JSON line (the line scripts/bench and smoke.sh read).

#include <cstdint>
#include <optional>
#include <string>

#include "histogram.hpp"
#include "options.hpp"

namespace sio::bench {

struct run_results {
  bench_mode mode = bench_mode::echo;
  transport_kind transport = transport_kind::websocket;
  std::string url;
  std::string io;  // backend the engine chose
  unsigned threads = 1;
  uint32_t payload = 0;
  uint32_t depth = 1;
  uint32_t publishers = 0;

  uint32_t target_connections = 0;  // sessions asked for (fanout: receivers)
  uint64_t connected = 0;           // sessions that reached the Socket.IO CONNECT ack
  uint64_t connect_errors = 0;      // handshakes that failed or timed out
  uint64_t disconnects = 0;         // established sessions the server closed
  std::string last_error;           // errno name of the last failure ("ETIMEDOUT"), or ""
  double elapsed_s = 0;             // the measured window

  /// The headline figure: connections/s (connect), acks/s (echo), delivered
  /// messages/s across receivers (fanout).
  double throughput = 0;
  /// Handshake latency (connect) or request→ack / send→delivery latency, in ns.
  histogram latency;

  uint64_t sent = 0;        // echo: events sent; fanout: broadcasts sent
  uint64_t acked = 0;       // acks received
  uint64_t bad_acks = 0;    // echo: acks whose arguments differ from what was sent
  uint64_t expected = 0;    // fanout: deliveries expected (sent × receivers)
  uint64_t delivered = 0;   // fanout: distinct deliveries
  uint64_t lost = 0;        // echo: unanswered events; fanout: expected − delivered
  uint64_t duplicated = 0;  // fanout: deliveries seen twice

  double hold_s = 0;
  double generator_cpu_pct = 0;  // of one core, over the measured window
  std::optional<double> server_cpu_pct;
  std::optional<uint64_t> server_rss_before, server_rss_after;  // bytes

  const char* throughput_unit() const;
  /// (rss_after − rss_before) / connected, when both samples exist.
  std::optional<double> rss_per_connection() const;
};

/// Several lines for a person (ends with '\n').
std::string format_summary(const run_results& r);
/// One JSON object on one line (ends with '\n'); latencies in microseconds.
std::string format_json(const run_results& r);

}  // namespace sio::bench
