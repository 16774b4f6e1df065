#pragma once

#include <liburing.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/op_tag.hpp"
#include "core/reactor.hpp"
#include "uring/buffer_ring.hpp"

namespace sio::engine::detail {

/// The io_uring reactor (liburing 2.3): multishot accept; multishot receive
/// into a provided-buffer ring (an idle connection holds no buffer); sends as
/// IORING_OP_SEND / SENDMSG with MSG_NOSIGNAL; one io_uring_enter per loop turn
/// (submit and wait together); SINGLE_ISSUER | DEFER_TASKRUN when the kernel
/// takes them, COOP_TASKRUN otherwise. user_data follows core/op_tag.hpp.
///
/// iovecs, msghdrs and addresses live in per-turn arenas until the SQE is
/// submitted: with IORING_FEAT_SUBMIT_STABLE (required) the kernel has copied
/// them by then; the bytes they point to stay valid until the completion.
class uring_reactor final : public reactor {
 public:
  /// Whether this process can run the reactor (see io_backend_available).
  static bool probe(std::string& why);
  static std::unique_ptr<reactor> create(const engine_options& o, int wake_fd, int& err,
                                         std::string& why);
  ~uring_reactor() override;

  io_backend kind() const override { return io_backend::uring; }
  std::string describe() const override;
  unsigned add_listener(int fd) override;
  void pause_listener(unsigned listener) override;
  void resume_listener(unsigned listener) override;
  void start_recv(uint32_t slot, uint32_t gen, int fd) override;
  void send(uint32_t slot, uint32_t gen, int fd, const iovec* iov, unsigned n) override;
  void connect(uint32_t slot, uint32_t gen, int fd, const sockaddr_in& to) override;
  void cancel(uint32_t slot, uint32_t gen, int fd, unsigned ops) override;
  void close_fd(int fd) override;
  void detach(uint32_t slot, uint32_t gen, int fd, std::string& unread) override;
  int run_once(int timeout_ms, reactor_events& ev) override;
  size_t pending() const override { return _pending; }

 private:
  uring_reactor() = default;
  static bool probe_here(std::string& why);

  struct listener {
    int fd = -1;
    bool active = false;  // wanted
    bool armed = false;   // a multishot accept is in the kernel
  };
  static constexpr unsigned iov_arena_size = 8192;
  static constexpr unsigned msg_arena_size = 1024;
  static constexpr unsigned addr_arena_size = 256;

  int setup(const engine_options& o, std::string& why);
  io_uring_sqe* get_sqe();
  void submit_now();
  void after_submit();
  void arm_accept(unsigned idx);
  void arm_wake();
  void handle(uint64_t tag, int res, uint32_t flags, reactor_events* ev);

  io_uring _ring{};
  bool _ring_ok = false;
  unsigned _setup_flags = 0;
  bool _cqe_skip = false;
  buffer_ring _bufs;
  int _wake = -1;
  uint64_t _wake_value = 0;
  std::vector<listener> _listeners;
  size_t _pending = 0;  // operations with a final completion still to come
  std::unique_ptr<iovec[]> _iovs;
  std::unique_ptr<msghdr[]> _msgs;
  std::unique_ptr<sockaddr_in[]> _addrs;
  unsigned _iov_used = 0, _msg_used = 0, _addr_used = 0;
};

}  // namespace sio::engine::detail
