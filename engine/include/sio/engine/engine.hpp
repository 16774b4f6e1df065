#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include <sio/engine/conn_id.hpp>
#include <sio/engine/engine_options.hpp>
#include <sio/engine/frame.hpp>
#include <sio/engine/io_backend.hpp>
#include <sio/engine/listener_handler.hpp>
#include <sio/engine/shard.hpp>
#include <sio/engine/shard_stats.hpp>
#include <sio/engine/stream_handler.hpp>
#include <sio/engine/task.hpp>
#include <sio/engine/timer.hpp>
#include <sio/engine/timer_wheel.hpp>

namespace sio::engine {

namespace detail {
struct engine_impl;
}

/// N shards, each a thread with its own reactor and (when listening) its own
/// SO_REUSEPORT listener. start() once, then run() until stop().
class engine {
 public:
  explicit engine(engine_options o);
  /// Stops (deadline 0) and joins the shard threads if they still run.
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// Creates the shards and their reactors (probing io_uring for `automatic`,
  /// with one log line to stderr naming the backend and, on fallback, why —
  /// e.g. io_uring_setup EPERM/ENOSYS), binds one SO_REUSEPORT listener per
  /// shard. `make_handler` is called once per shard on that shard's thread,
  /// before start returns; it may return nullptr when not listening. The shards
  /// then wait for run(). 0, or -errno (nothing is left running). Call once.
  int start(std::function<listener_handler*(shard&)> make_handler);
  /// Runs the shard threads until stop; returns after every shard exited.
  void run();
  /// Thread-safe and async-signal-safe: begin graceful shutdown. Each shard
  /// stops accepting, calls on_shutdown, keeps running until its connections
  /// are closed or `deadline_ms` passed, then closes what is left and exits.
  void stop(uint32_t deadline_ms = 5000);
  unsigned shard_count() const;
  /// Shard `i` (< shard_count()); valid after a successful start.
  shard& at(unsigned i);
  /// The listening port (the chosen one when options.port was 0).
  uint16_t port() const;
  /// The backend the shards run (never `automatic` after start).
  io_backend backend() const;
  const engine_options& options() const;

 private:
  std::unique_ptr<detail::engine_impl> _impl;
};

}  // namespace sio::engine
