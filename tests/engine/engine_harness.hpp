#pragma once

// Shared pieces of the engine's real-socket tests: a fixture parameterised over
// both backends (the uring variant skips where io_uring cannot run), a harness
// that runs an engine on a background thread, a configurable handler, and
// blocking client sockets with timeouts so every test stays bounded.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <sio/engine/engine.hpp>

namespace sio::engine::test {

using namespace std::chrono_literals;

/// Base fixture: GetParam() is the backend; uring skips cleanly when unavailable.
class backend_test : public ::testing::TestWithParam<io_backend> {
 protected:
  void SetUp() override {
    std::string why;
    if (GetParam() == io_backend::uring && !io_backend_available(io_backend::uring, &why))
      GTEST_SKIP() << "io_uring unavailable: " << why;
  }
  engine_options options(unsigned shards = 1) const {
    engine_options o;
    o.shards = shards;
    o.io = GetParam();
    o.port = 0;
    o.pin_threads = false;
    o.recv_buffer_count = 256;  // keeps test shards small
    return o;
  }
};

inline std::string backend_name(const ::testing::TestParamInfo<io_backend>& info) {
  return to_string(info.param);
}

#define SIO_ENGINE_BACKENDS(suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(                                                                  \
      backends, suite,                                                                       \
      ::testing::Values(::sio::engine::io_backend::uring, ::sio::engine::io_backend::epoll), \
      ::sio::engine::test::backend_name)

/// Polls `pred` until true or `timeout` passes.
template <class Pred>
bool wait_for(Pred pred, std::chrono::milliseconds timeout = 5000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

/// An engine started with `make` and run on a background thread; stopped and
/// joined on destruction (declare the handlers it uses before it).
class harness {
 public:
  harness(engine_options o, std::function<listener_handler*(shard&)> make) : _e(std::move(o)) {
    start_result = _e.start(std::move(make));
    if (start_result == 0) _runner = std::thread([this] { _e.run(); });
  }
  ~harness() { stop(200); }
  harness(const harness&) = delete;
  harness& operator=(const harness&) = delete;

  /// Stops and joins; returns how long run() took to return after stop().
  std::chrono::milliseconds stop(uint32_t deadline_ms) {
    const auto t0 = std::chrono::steady_clock::now();
    if (_runner.joinable()) {
      _e.stop(deadline_ms);
      _runner.join();
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 t0);
  }
  engine& e() { return _e; }
  uint16_t port() const { return _e.port(); }

  /// Runs f on shard i's thread and waits for it (bounded).
  template <class F>
  void on_shard(unsigned i, F f) {
    auto done = std::make_shared<std::latch>(1);
    _e.at(i).post([f = std::move(f), done, &s = _e.at(i)]() mutable {
      f(s);
      done->count_down();
    });
    ASSERT_TRUE(wait_for([&] { return done->try_wait(); })) << "shard " << i << " did not run";
  }
  shard_stats stats(unsigned i) {
    shard_stats st;
    on_shard(i, [&](shard& s) { st = s.stats(); });
    return st;
  }

  int start_result = -1;

 private:
  engine _e;
  std::thread _runner;
};

/// A handler whose behaviour each test plugs in; by default it echoes. Shared
/// by every connection of every shard; records closes thread-safely.
struct test_handler final : stream_handler, listener_handler {
  std::function<void(shard&, conn_id)> accept_fn;
  std::function<void(shard&, conn_id, std::span<uint8_t>)> data_fn = [](shard& s, conn_id id,
                                                                        std::span<uint8_t> d) {
    s.send(id, std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  };
  std::function<void(shard&, conn_id, int)> close_fn;
  std::function<void(shard&)> shutdown_fn;

  stream_handler* on_accept(shard& s, conn_id id) override {
    ++accepted;
    if (accept_fn) accept_fn(s, id);
    return this;
  }
  void on_data(conn_id id, std::span<uint8_t> d) override {
    // The padding contract: 64 readable bytes after the data.
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < 64; ++i) sink = sink ^ d.data()[d.size() + i];
    (void)sink;
    data_fn(*shard::current(), id, d);
  }
  void on_close(conn_id id, int err) override {
    {
      std::lock_guard lock(m);
      closes.emplace_back(id, err);
    }
    if (close_fn) close_fn(*shard::current(), id, err);
    ++closed;
  }
  void on_connected(conn_id) override { ++connected; }
  void on_drained(conn_id) override { ++drained; }
  void on_shutdown(shard& s) override {
    if (shutdown_fn) shutdown_fn(s);
  }
  std::vector<std::pair<conn_id, int>> close_log() {
    std::lock_guard lock(m);
    return closes;
  }

  std::atomic<int> accepted{0}, closed{0}, connected{0}, drained{0};
  std::mutex m;
  std::vector<std::pair<conn_id, int>> closes;
};

/// A blocking client socket with 5 s timeouts (a test never hangs on it).
inline int connect_client(uint16_t port, int rcvbuf = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (rcvbuf) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    const ssize_t n = ::send(fd, s.data(), s.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    s.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

/// Reads exactly n bytes (fewer on timeout or end of stream).
inline std::string read_exact(int fd, size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::recv(fd, out.data() + got, n - got, 0);
    if (r <= 0) break;
    got += static_cast<size_t>(r);
  }
  out.resize(got);
  return out;
}

/// True when the next read reports end of stream (0), false on data or timeout.
inline bool read_eof(int fd) {
  char c;
  return ::recv(fd, &c, 1, 0) == 0;
}

inline sockaddr_in loopback(uint16_t port, const char* ip = "127.0.0.1") {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  ::inet_pton(AF_INET, ip, &a.sin_addr);
  return a;
}

}  // namespace sio::engine::test
