#pragma once

#include <netinet/in.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <sio/engine/conn_id.hpp>
#include <sio/engine/frame.hpp>
#include <sio/engine/io_backend.hpp>
#include <sio/engine/shard_stats.hpp>
#include <sio/engine/task.hpp>
#include <sio/engine/timer_wheel.hpp>

namespace sio::engine {

class engine;
class stream_handler;

/// One thread, one reactor, its own connections, timers and mailbox. A shard's
/// data is touched by its thread only: every call below except post(), index(),
/// owner(), backend() and stats() must come from that thread, and a call from
/// another thread aborts with a message. Shards are created by engine::start
/// and live as long as their engine.
class shard {
 public:
  shard(const shard&) = delete;
  shard& operator=(const shard&) = delete;

  /// The shard whose thread is calling, or nullptr on any other thread.
  static shard* current();

  unsigned index() const;
  class engine& owner() const;
  io_backend backend() const;

  // --- connections: owning thread only

  /// Queues a reference to `f`; every queue is flushed with one vectored write
  /// per loop turn (partial writes resumed). False when the id is stale or
  /// closing, or the byte limit was exceeded (the connection is then being
  /// closed as a slow consumer, -ENOBUFS). Empty frames are accepted and dropped.
  bool send(conn_id id, frame_ref f);
  /// Copies `bytes` (coalesced with other copies queued behind it into pooled
  /// 16 KiB chunks). Same results as the frame overload.
  bool send(conn_id id, std::string_view bytes);
  /// Closes: after_flush = write what is queued first, shut the write side and
  /// wait for the peer to finish (bounded by engine_options::close_linger_ms),
  /// else at once (queued bytes are dropped). Input is no longer delivered.
  /// on_close(id, reason) follows from the loop, never synchronously. A no-op
  /// on stale ids; a second call can only make the close more immediate. A
  /// connection still connecting closes at once.
  void close(conn_id id, int reason = 0, bool after_flush = true);
  /// True while `id` is connecting or open (not closing, not stale).
  bool is_open(conn_id id) const;
  /// Bytes queued and not yet written (0 for stale ids).
  size_t queued_bytes(conn_id id) const;
  /// Replaces the connection's handler (no-op for stale or closed ids).
  void set_handler(conn_id id, stream_handler* h);
  /// Stops all I/O for `id` on this shard and returns its fd without closing
  /// it (to hand the socket to another shard: post the fd there and adopt it).
  /// No on_close. The send queue must be empty. -EBADF for a stale or closing
  /// id, -EBUSY with bytes still queued. Bytes already received but not yet
  /// delivered (possible with io_uring when the peer sent more in the same
  /// burst) are dropped and counted in stats().detach_dropped; use the
  /// two-argument form to keep them.
  int detach(conn_id id);
  /// As detach(id), appending the received-but-undelivered bytes to `unread`
  /// (give them to adopt on the new shard).
  int detach(conn_id id, std::string& unread);
  /// Takes ownership of a connected non-blocking fd (from detach on any shard).
  conn_id adopt(int fd, stream_handler* h);
  /// As adopt(fd, h), then delivers `unread` to h->on_data from the loop before
  /// any newer bytes.
  conn_id adopt(int fd, stream_handler* h, std::string_view unread);
  /// Non-blocking outgoing TCP connection, optionally from a bound source
  /// address (127.x.y.z spreads ports beyond one address's range; port 0 there
  /// = chosen at connect time). Result: h->on_connected or h->on_close(-errno),
  /// always from the loop. Bytes sent before on_connected wait in the queue.
  conn_id connect(const sockaddr_in& to, const sockaddr_in* from, stream_handler* h);

  // --- time: owning thread only

  /// CLOCK_MONOTONIC in milliseconds, cached per loop turn.
  uint64_t now_ms() const;
  /// This shard's timers; callbacks run on this thread.
  timer_wheel& timers();

  // --- work

  /// Thread-safe (any thread, any shard, a C API user's thread): runs t on this
  /// shard's thread soon, in post order per posting thread. Lock-free MPSC
  /// queue plus a reactor wake-up (eventfd, written only when the shard may be
  /// asleep). Tasks still queued when the shard exits are destroyed unrun.
  void post(task t);
  /// Owning thread: runs t at the end of this loop turn, before the flush.
  void defer(task t);
  /// Counters, written by this shard's thread: read them there or after run().
  const shard_stats& stats() const;

 protected:
  shard() = default;
  ~shard() = default;
};

}  // namespace sio::engine
