#pragma once

#include <cstdint>

namespace sio::engine {

/// Counters of one shard, written by its thread only (read them there, or
/// after engine::run returned).
struct shard_stats {
  uint64_t accepted = 0;  ///< connections accepted by the listener
  uint64_t closed = 0;    ///< connections closed (any cause; detach excluded)
  uint64_t open = 0;      ///< connections open now (accepted, adopted, connected)
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  uint64_t slow_consumer_closes = 0;  ///< closed for exceeding max_send_queue_bytes
  uint64_t wakeups = 0;               ///< cross-thread wake-ups received
  uint64_t loop_turns = 0;
  uint64_t writes = 0;          ///< vectored writes submitted
  uint64_t tasks_run = 0;       ///< posted (mailbox) tasks run
  uint64_t detach_dropped = 0;  ///< bytes received but dropped by detach(id)
};

}  // namespace sio::engine
