#pragma once

#include <cstdint>

namespace sio::engine {

/// A connection's name on its shard: a dense slot plus the slot's generation.
/// The generation changes every time a slot is reused, so a stale id (kept past
/// on_close) is detected and rejected rather than aimed at a newer connection.
/// Meaningful only on the shard that issued it.
struct conn_id {
  uint32_t slot = UINT32_MAX;
  uint32_t gen = 0;

  /// True when the id names a slot at all (it may still be stale).
  bool valid() const { return slot != UINT32_MAX; }
  friend bool operator==(conn_id, conn_id) = default;
};

}  // namespace sio::engine
