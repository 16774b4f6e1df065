#pragma once

#include <sys/epoll.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/op_tag.hpp"
#include "core/reactor.hpp"

namespace sio::engine::detail {

/// The reactor over level-triggered epoll and non-blocking system calls, for
/// kernels and containers where io_uring is unavailable. Readiness is turned
/// into completions: a readable socket is read once into the shard's single
/// receive buffer and delivered; a send is attempted at once and, when the
/// socket is full, finished when it becomes writable; results produced by a
/// submitting call are queued and delivered by the next run_once.
class epoll_reactor final : public reactor {
 public:
  static std::unique_ptr<reactor> create(const engine_options& o, int wake_fd, int& err,
                                         std::string& why);
  ~epoll_reactor() override;

  io_backend kind() const override { return io_backend::epoll; }
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
  size_t pending() const override { return _ready.size(); }

 private:
  epoll_reactor() = default;

  enum : uint8_t { f_recv = 1, f_connecting = 2, f_blocked = 4 };
  static constexpr uint32_t npos = UINT32_MAX;

  struct slot_state {  // 16 bytes per connection slot
    int fd = -1;
    uint32_t gen = 0;
    uint32_t blocked = npos;  // index into _blocked while a send waits for EPOLLOUT
    uint16_t events = 0;      // interest registered with epoll (0 = not registered)
    uint8_t flags = 0;
  };
  struct blocked_send {  // a send that met a full socket: the rest, and what went
    size_t done = 0;
    unsigned first = 0, n = 0;
    uint32_t next_free = npos;
    iovec iov[max_iov];
  };
  struct completion {
    op_kind what;
    uint32_t slot, gen;
    int res;
  };
  struct listener {
    int fd = -1;
    bool active = false;
  };

  slot_state& state(uint32_t slot, uint32_t gen, int fd);
  bool live(uint32_t slot, uint32_t gen) const;
  void update_interest(uint32_t slot);
  void finish_send(uint32_t slot, int res);
  bool try_blocked_send(uint32_t slot, reactor_events& ev);
  void on_conn_event(uint32_t slot, uint32_t gen, uint32_t events, reactor_events& ev);
  void on_listener_event(unsigned idx, reactor_events& ev);
  void deliver(const completion& c, reactor_events& ev);

  int _ep = -1;
  int _wake = -1;
  std::vector<slot_state> _slots;
  std::vector<blocked_send> _blocked;
  uint32_t _blocked_free = npos;
  std::vector<completion> _ready, _delivering;
  std::vector<listener> _listeners;
  std::unique_ptr<uint8_t[]> _buf;
  size_t _buf_size = 0;
  bool _polled_last = false;
  epoll_event _events[256];
};

}  // namespace sio::engine::detail
