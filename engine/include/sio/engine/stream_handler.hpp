#pragma once

#include <cstdint>
#include <span>

#include <sio/engine/conn_id.hpp>

namespace sio::engine {

/// What the layer above implements for each connection. Every call happens on
/// the owning shard's thread, from the loop (never from inside a shard call
/// made by the handler itself, except where noted).
class stream_handler {
 public:
  /// Bytes arrived. `data` is mutable (a WebSocket decoder unmasks in place),
  /// valid only during the call, and followed by at least 64 readable bytes
  /// (padding). No call after the connection was closed or detached.
  virtual void on_data(conn_id id, std::span<uint8_t> data) = 0;
  /// Called exactly once when the connection is gone: err 0 = peer closed,
  /// -errno = error, or the code given to shard::close. No call for this id
  /// after it; the handler may delete itself here. Never called synchronously
  /// inside shard::close.
  virtual void on_close(conn_id id, int err) = 0;
  /// An outgoing connection (shard::connect) is established.
  virtual void on_connected(conn_id id) { (void)id; }
  /// The send queue emptied after having been non-empty.
  virtual void on_drained(conn_id id) { (void)id; }

 protected:
  ~stream_handler() = default;
};

}  // namespace sio::engine
