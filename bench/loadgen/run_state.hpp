#pragma once
// What the shards and the controller thread share during a run: the phase the
// controller sets, and per-shard counters each shard writes alone and the
// controller reads for progress and phase decisions.

#include <atomic>
#include <cstdint>
#include <memory>

#include "options.hpp"

namespace sio::bench {

/// setup: connect (and join); measure: the timed window; drain: no new
/// requests, waiting for answers in flight; done: stopping.
enum class run_phase : int { setup, measure, drain, done };

/// One writer (the shard's thread), any number of relaxed readers.
struct alignas(64) shard_counters {
  std::atomic<uint64_t> started{0};       // handshakes begun
  std::atomic<uint64_t> connected{0};     // CONNECT acks
  std::atomic<uint64_t> ready{0};         // sessions on their final transport
  std::atomic<uint64_t> errors{0};        // handshakes that failed
  std::atomic<uint64_t> disconnects{0};   // established sessions lost
  std::atomic<uint64_t> joined{0};        // fanout: receivers in the room
  std::atomic<uint64_t> counted{0};       // fanout: receivers counted when measuring began
  std::atomic<uint64_t> counted_lost{0};  // fanout: of those, receivers lost since
  std::atomic<uint64_t> sent{0};          // echo events / fanout broadcasts
  std::atomic<uint64_t> acked{0};
  std::atomic<uint64_t> delivered{0};  // fanout: distinct deliveries to counted receivers
  std::atomic<uint64_t> duplicated{0};
  std::atomic<uint64_t> bad{0};  // acks or messages that did not match
  std::atomic<uint64_t> last_connected_ns{0};
  std::atomic<int> last_error{0};  // -errno of the last failed or lost session
};

/// Single-writer increment: a plain load and store, no locked instruction.
inline void bump(std::atomic<uint64_t>& a, uint64_t n = 1) {
  a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

struct run_state {
  explicit run_state(const bench_options& o)
      : opts(o), counters(std::make_unique<shard_counters[]>(o.threads)) {}

  const bench_options& opts;
  std::atomic<run_phase> phase{run_phase::setup};
  /// CLOCK_MONOTONIC ns when the measured window began (0 before).
  std::atomic<uint64_t> measure_start_ns{0};
  std::unique_ptr<shard_counters[]> counters;

  /// Sum of one counter over every shard.
  uint64_t total(std::atomic<uint64_t> shard_counters::*field) const {
    uint64_t sum = 0;
    for (unsigned i = 0; i < opts.threads; ++i) {
      sum += (counters[i].*field).load(std::memory_order_relaxed);
    }
    return sum;
  }
};

}  // namespace sio::bench
