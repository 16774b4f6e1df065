#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <sio/engine/conn_id.hpp>

#include "core/send_queue.hpp"

namespace sio::engine {
class stream_handler;
}

namespace sio::engine::detail {

enum class conn_state : uint8_t {
  free,        // slot unused
  connecting,  // shard::connect in progress
  open,
  draining,   // close after flush: writing what is queued, input discarded
  lingering,  // queue written and write side shut: waiting for the peer's end
  closed,     // fd closed; on_close pending or done; waiting for the kernel to
              // finish the operations it still holds before the slot is reused
};

enum conn_flag : uint8_t {
  cf_recv = 1,       // a receive is in the reactor
  cf_send = 2,       // a send is in the reactor
  cf_connect = 4,    // a connect is in the reactor
  cf_dirty = 8,      // listed for this turn's flush
  cf_notified = 16,  // on_close delivered
};

/// Everything the engine holds for one connection (the kernel's socket aside):
/// no receive buffer, no timer, the send queue as three indices into the
/// shard's pools. Idle connections cost exactly this.
struct connection {
  stream_handler* handler = nullptr;
  send_queue queue;
  int fd = -1;
  uint32_t gen = 0;
  uint32_t next_free = UINT32_MAX;
  int32_t reason = 0;  // code for on_close
  conn_state state = conn_state::free;
  uint8_t flags = 0;
};
static_assert(sizeof(connection) <= 64, "per-connection state must stay one cache line");

/// The shard's connection slots: chunks of 1024 that never move (references
/// stay valid while the table grows), a LIFO free list, generations bumped on
/// every release so stale conn_ids are detected.
class conn_table {
 public:
  static constexpr uint32_t chunk_bits = 10;
  static constexpr uint32_t chunk_size = 1u << chunk_bits;

  /// A free slot (state still conn_state::free), growing the table if needed.
  uint32_t allocate();
  /// Returns a slot to the free list with a new generation.
  void release(uint32_t slot);
  connection& operator[](uint32_t slot) {
    return _chunks[slot >> chunk_bits][slot & (chunk_size - 1)];
  }
  /// The live connection `id` names, or nullptr when it is stale or free.
  connection* find(conn_id id) {
    if (id.slot >= _size) return nullptr;
    connection& c = (*this)[id.slot];
    return c.state != conn_state::free && c.gen == id.gen ? &c : nullptr;
  }
  /// Slots in use (including closed ones the kernel still references).
  size_t live() const { return _live; }
  uint32_t size() const { return _size; }

 private:
  std::vector<std::unique_ptr<connection[]>> _chunks;
  uint32_t _size = 0;
  uint32_t _free = UINT32_MAX;
  size_t _live = 0;
};

}  // namespace sio::engine::detail
