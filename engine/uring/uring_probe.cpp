// Whether io_uring can run here: a ring, a provided-buffer ring and a
// multishot receive that really delivers (Linux 6.0+).
#include <errno.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "uring/uring_reactor.hpp"

namespace sio::engine::detail {

bool uring_reactor::probe(std::string& why) {
  // On a thread of its own: tearing a ring down later sends task work with a
  // signal notification to every thread that used it, which would interrupt a
  // blocking call (one with a timeout fails with EINTR) on the caller's thread.
  bool ok = false;
  std::thread t([&] { ok = probe_here(why); });
  t.join();
  return ok;
}

bool uring_reactor::probe_here(std::string& why) {
  engine_options o;
  o.uring_entries = 8;
  o.recv_buffer_count = 2;
  o.recv_buffer_size = 64;
  int err = 0;
  const int wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    why = std::string("eventfd: ") + std::strerror(errno);
    return false;
  }
  std::unique_ptr<reactor> r = create(o, wake, err, why);
  if (!r) {
    ::close(wake);
    return false;
  }

  // Self-test of multishot receive with provided buffers (Linux 6.0+).
  struct sink final : reactor_events {
    int got = 0, ended = 0, end_res = 0;
    void on_accept(unsigned, int) override {}
    void on_recv(uint32_t, uint32_t, std::span<uint8_t> d) override {
      got += static_cast<int>(d.size());
    }
    void on_recv_end(uint32_t, uint32_t, int res) override {
      ++ended;
      end_res = res;
    }
    void on_send(uint32_t, uint32_t, int) override {}
    void on_connect(uint32_t, uint32_t, int) override {}
    void on_wake() override {}
  } s;
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0) {
    why = std::string("socketpair: ") + std::strerror(errno);
    r.reset();
    ::close(wake);
    return false;
  }
  r->start_recv(0, 0, sv[0]);
  bool ok = ::write(sv[1], "xy", 2) == 2;
  for (int i = 0; ok && i < 40 && s.got < 2 && !s.ended; ++i) r->run_once(50, s);
  if (s.ended) {
    why = std::string("multishot recv: ") + std::strerror(s.end_res < 0 ? -s.end_res : EOPNOTSUPP);
    ok = false;
  } else if (s.got != 2) {
    why = "multishot recv delivered nothing";
    ok = false;
  }
  if (!s.ended) r->cancel(0, 0, sv[0], op_recv);
  for (int i = 0; i < 40 && !s.ended; ++i) r->run_once(50, s);
  ::close(sv[0]);
  ::close(sv[1]);
  r.reset();
  ::close(wake);
  return ok;
}

}  // namespace sio::engine::detail
