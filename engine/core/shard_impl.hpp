#pragma once

#include <sys/uio.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <sio/engine/engine.hpp>
#include <sio/engine/mailbox.hpp>
#include <sio/engine/shard.hpp>

#include "core/connection.hpp"
#include "core/reactor.hpp"
#include "core/send_queue.hpp"

namespace sio::engine::detail {

struct engine_impl;

/// The shard's state and loop. The public `shard` is its base class: shard's
/// members forward here with a static_cast, so the public header stays free of
/// internals without a pimpl indirection. The loop, the connection lifecycle
/// and the reactor_events sink live once here, for every backend.
///
/// One loop turn: wait in the reactor and handle its completions (handlers
/// run), then advance timers, run posted tasks, deliver on_close, run deferred
/// tasks, and flush every dirty send queue with one vectored write each.
class shard_impl final : public shard, private reactor_events {
 public:
  shard_impl(engine_impl& e, unsigned index);
  ~shard_impl();

  // Shard thread lifecycle (engine.cpp): init, optional run_loop, finish.
  int init(io_backend backend, int listen_fd, std::string& why);
  void set_listener_handler(listener_handler* lh) { _lh = lh; }
  void run_loop();
  void finish();
  /// Async-signal-safe wake-up (eventfd write).
  void wake();

  // The public API (shard.cpp).
  unsigned index() const { return _index; }
  io_backend backend() const { return _backend; }
  const std::string& describe_backend() const { return _describe; }
  bool send_frame(conn_id id, frame_ref f);
  bool send_copy(conn_id id, std::string_view bytes);
  void close(conn_id id, int reason, bool after_flush);
  bool is_open(conn_id id);
  size_t queued_bytes(conn_id id);
  void set_handler(conn_id id, stream_handler* h);
  int detach(conn_id id, std::string& unread);
  conn_id adopt(int fd, stream_handler* h, std::string_view unread);
  conn_id connect(const sockaddr_in& to, const sockaddr_in* from, stream_handler* h);
  uint64_t now_ms() const { return _now; }
  timer_wheel& timers() { return _timers; }
  void post(task t);
  void defer(task t) { _deferred.push_back(std::move(t)); }
  shard_stats& stats() { return _stats; }
  engine_impl& eng() { return _eng; }

  /// Aborts unless called on this shard's thread.
  void check_owner(const char* what) const;

 private:
  // reactor_events
  void on_accept(unsigned listener, int res) override;
  void on_recv(uint32_t slot, uint32_t gen, std::span<uint8_t> data) override;
  void on_recv_end(uint32_t slot, uint32_t gen, int res) override;
  void on_send(uint32_t slot, uint32_t gen, int res) override;
  void on_connect(uint32_t slot, uint32_t gen, int res) override;
  void on_wake() override { ++_stats.wakeups; }

  connection* match(uint32_t slot, uint32_t gen24);
  conn_id id_of(uint32_t slot) { return {slot, _conns[slot].gen}; }
  uint32_t open_slot(int fd, conn_state state, stream_handler* h);
  void start_recv(uint32_t slot);
  void mark_dirty(uint32_t slot);
  bool admit(connection& c, uint32_t slot, size_t n);
  void teardown(uint32_t slot, int reason);
  void begin_linger(uint32_t slot);
  void maybe_free(uint32_t slot);

  // Loop phases (shard_loop.cpp).
  void expire_lingering();
  void finish_closes();
  void run_deferred();
  void flush();
  int compute_timeout();
  void begin_shutdown();
  bool shutdown_done();
  static void retry_accept(timer& t);

  engine_impl& _eng;
  const unsigned _index;
  io_backend _backend = io_backend::epoll;
  std::string _describe;
  std::unique_ptr<reactor> _reactor;
  std::atomic<int> _wake_fd{-1};
  std::atomic<bool> _sleeping{false};
  uint64_t _now;
  timer_wheel _timers;
  mailbox _mail;
  std::vector<task> _deferred, _deferred_run;
  conn_table _conns;
  send_pool _pool;
  std::vector<uint32_t> _dirty;
  std::vector<uint32_t> _closing, _closing_run;
  struct linger_entry {
    uint64_t deadline;
    conn_id id;
  };
  std::deque<linger_entry> _lingering;  // deadlines in order: one fixed linger time
  listener_handler* _lh = nullptr;
  int _listen_fd = -1;
  unsigned _listener = 0;
  timer _accept_retry;
  bool _stopping = false;
  bool _forced = false;
  uint64_t _stop_deadline = 0;
  uint64_t _hard_deadline = 0;
  shard_stats _stats;
  iovec _iov[reactor::max_iov];
};

/// The shard implementation behind a public shard reference.
inline shard_impl& impl(shard& s) {
  return static_cast<shard_impl&>(s);
}
inline const shard_impl& impl(const shard& s) {
  return static_cast<const shard_impl&>(s);
}

}  // namespace sio::engine::detail
