#pragma once

#include <sio/engine/conn_id.hpp>

namespace sio::engine {

class shard;
class stream_handler;

/// Gives each accepted connection its handler (one listener_handler per shard,
/// created by the make_handler given to engine::start, called on that shard's
/// thread). It must outlive engine::run().
class listener_handler {
 public:
  /// A connection was accepted on `s`. Return its handler, or nullptr to
  /// refuse it (closed at once, no on_close). May already send on `id`.
  virtual stream_handler* on_accept(shard& s, conn_id id) = 0;
  /// Graceful shutdown began on this shard: stop creating work, say goodbye.
  virtual void on_shutdown(shard& s) { (void)s; }

 protected:
  ~listener_handler() = default;
};

}  // namespace sio::engine
