#pragma once

// The reactor seam: one completion-shaped interface, two implementations
// (uring/uring_reactor, epoll/epoll_reactor). The shard submits operations and
// then calls run_once(), which waits and delivers completions to a
// reactor_events sink: "N bytes arrived", "the write finished (n bytes)", "the
// connect finished", "a connection was accepted". Nothing here knows about
// handlers, send queues or timers; all of that lives once in the shard.
//
// Rules every backend follows (the shard relies on them):
// - An operation is tagged with (slot, gen). Every started operation ends with
//   exactly one final completion carrying that tag: on_recv_end for a receive,
//   on_send, on_connect. cancel() makes pending ones end with -ECANCELED (or
//   their real result if they had already finished). The shard filters
//   completions whose gen is no longer the slot's.
// - Completions are delivered only from inside run_once(), never from inside a
//   submitting call, so a submission never re-enters the shard.
// - Memory behind a send's iovecs stays valid until its on_send; the iovec
//   array itself only during the send() call.
// - A receive hands out a borrowed buffer followed by at least 64 readable
//   bytes; the buffer is recycled when on_recv returns.

#include <netinet/in.h>
#include <sys/uio.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include <sio/engine/engine_options.hpp>
#include <sio/engine/io_backend.hpp>

namespace sio::engine::detail {

/// Bytes of readable slack after every receive buffer (the padding contract).
inline constexpr size_t recv_padding = 64;

/// The completion sink, implemented by the shard.
class reactor_events {
 public:
  /// Listener `listener` accepted `res` (a connected non-blocking fd) or
  /// failed with -errno. Accepting continues unless paused.
  virtual void on_accept(unsigned listener, int res) = 0;
  /// Bytes arrived on (slot, gen); `data` is borrowed and padded. Generations
  /// are reported modulo 2^24 (op_tag.hpp).
  virtual void on_recv(uint32_t slot, uint32_t gen, std::span<uint8_t> data) = 0;
  /// The receive stopped: res 0 = end of stream, -errno = error (-ECANCELED
  /// after cancel), res > 0 or -ENOBUFS = stopped without error; start it
  /// again with start_recv if still wanted.
  virtual void on_recv_end(uint32_t slot, uint32_t gen, int res) = 0;
  /// The send ended: bytes written (possibly fewer than asked) or -errno.
  virtual void on_send(uint32_t slot, uint32_t gen, int res) = 0;
  /// The connect ended: 0 or -errno.
  virtual void on_connect(uint32_t slot, uint32_t gen, int res) = 0;
  /// Another thread woke this reactor (see wake_fd()).
  virtual void on_wake() = 0;

 protected:
  ~reactor_events() = default;
};

/// Operations cancel() may be asked to stop, as a bit set.
enum reactor_op : unsigned { op_recv = 1u, op_send = 2u, op_connect = 4u };

/// One shard's I/O backend. Created, used and destroyed on the shard's thread.
class reactor {
 public:
  virtual ~reactor() = default;

  virtual io_backend kind() const = 0;
  /// A short description of the features in use, for the log line.
  virtual std::string describe() const = 0;

  /// Starts accepting on listening socket `fd` (the reactor does not own it).
  /// Returns the listener index used in on_accept.
  virtual unsigned add_listener(int fd) = 0;
  /// Stops accepting on a listener (on shutdown, or while out of fds).
  virtual void pause_listener(unsigned listener) = 0;
  /// Resumes a paused listener.
  virtual void resume_listener(unsigned listener) = 0;

  /// Starts receiving on a connected socket until the stream ends or cancel().
  virtual void start_recv(uint32_t slot, uint32_t gen, int fd) = 0;
  /// Starts one vectored send of `iov` (at most max_iov entries).
  virtual void send(uint32_t slot, uint32_t gen, int fd, const iovec* iov, unsigned n) = 0;
  /// Starts a non-blocking connect of socket `fd` to `to`.
  virtual void connect(uint32_t slot, uint32_t gen, int fd, const sockaddr_in& to) = 0;
  /// Asks the pending operations in `ops` (reactor_op bits) on (slot, gen) to end.
  virtual void cancel(uint32_t slot, uint32_t gen, int fd, unsigned ops) = 0;
  /// Closes `fd` after everything submitted before it (including cancels).
  virtual void close_fd(int fd) = 0;
  /// Synchronously stops the receive on (slot, gen): when it returns no more
  /// bytes will be taken from the socket. Bytes already taken but not yet
  /// delivered are appended to `unread`. Only the receive may be pending.
  virtual void detach(uint32_t slot, uint32_t gen, int fd, std::string& unread) = 0;

  /// Submits what is queued, waits up to `timeout_ms` (-1 = no limit, 0 = poll)
  /// for completions, delivers them to `ev`. Returns completions delivered or -errno.
  virtual int run_once(int timeout_ms, reactor_events& ev) = 0;
  /// Number of operations the kernel still holds (0 before destruction is clean).
  virtual size_t pending() const = 0;

  static constexpr unsigned max_iov = 64;
};

/// Creates a backend on the calling (shard) thread. `wake_fd` is an eventfd
/// other threads write to wake run_once (on_wake follows); the reactor watches
/// it but does not own it. nullptr and -errno in `err` on failure, with a
/// reason in `why`.
std::unique_ptr<reactor> make_uring_reactor(const engine_options& o, int wake_fd, int& err,
                                            std::string& why);
std::unique_ptr<reactor> make_epoll_reactor(const engine_options& o, int wake_fd, int& err,
                                            std::string& why);

}  // namespace sio::engine::detail
