// Cross-thread posts, real-time timers and graceful shutdown, on both backends.
#include "engine/engine_harness.hpp"

namespace sio::engine::test {
namespace {

class shard_work : public backend_test {};

TEST_P(shard_work, posts_from_foreign_threads_run_once_on_the_right_shard) {
  constexpr int threads = 4, per = 10000;
  engine_options o = options(2);
  o.listen = false;
  harness hx(o, [](shard&) -> listener_handler* { return nullptr; });
  ASSERT_EQ(hx.start_result, 0);
  std::vector<uint8_t> ran(threads * per, 0);
  std::vector<int> last(threads, -1);
  std::atomic<int> done{0}, wrong_shard{0}, out_of_order{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&, t] {
      shard& target = hx.e().at(static_cast<unsigned>(t % 2));
      for (int i = 0; i < per; ++i)
        target.post([&, t, i, target_ptr = &target] {
          if (shard::current() != target_ptr) ++wrong_shard;
          if (last[static_cast<size_t>(t)] != i - 1) ++out_of_order;
          last[static_cast<size_t>(t)] = i;
          ++ran[static_cast<size_t>(t * per + i)];
          ++done;
        });
    });
  for (auto& t : ts) t.join();
  ASSERT_TRUE(wait_for([&] { return done.load() == threads * per; }, 10000ms));
  hx.stop(100);
  EXPECT_EQ(wrong_shard.load(), 0);
  EXPECT_EQ(out_of_order.load(), 0);
  for (size_t i = 0; i < ran.size(); ++i) ASSERT_EQ(ran[i], 1) << i;
  EXPECT_EQ(hx.e().at(0).stats().tasks_run + hx.e().at(1).stats().tasks_run,
            static_cast<uint64_t>(threads * per));
}

TEST_P(shard_work, a_50ms_timer_fires_on_the_shard_thread) {
  engine_options o = options(2);
  o.listen = false;
  harness hx(o, [](shard&) -> listener_handler* { return nullptr; });
  ASSERT_EQ(hx.start_result, 0);
  struct probe {
    timer t;
    shard* expected = nullptr;
    std::atomic<shard*> fired_on{nullptr};
    std::chrono::steady_clock::time_point armed_at;
    std::atomic<int64_t> elapsed_ms{-1};
  } p;
  p.t.ctx = &p;
  p.t.fn = [](timer& t) {
    auto* self = static_cast<probe*>(t.ctx);
    self->elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - self->armed_at)
                           .count();
    self->fired_on = shard::current();
  };
  hx.on_shard(1, [&](shard& s) {
    p.expected = &s;
    p.armed_at = std::chrono::steady_clock::now();
    s.timers().arm(p.t, 50);
  });
  ASSERT_TRUE(wait_for([&] { return p.fired_on.load() != nullptr; }, 3000ms));
  EXPECT_EQ(p.fired_on.load(), p.expected);
  EXPECT_GE(p.elapsed_ms.load(), 49);  // the ms clock may round the start down
  EXPECT_LT(p.elapsed_ms.load(), 1000);
}

TEST_P(shard_work, shutdown_with_open_connections_meets_the_deadline) {
  test_handler h;
  std::atomic<int> shutdowns{0};
  h.shutdown_fn = [&](shard&) { ++shutdowns; };
  harness hx(options(2), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  std::vector<int> fds;
  for (int i = 0; i < 20; ++i) {
    fds.push_back(connect_client(hx.port()));
    ASSERT_TRUE(write_all(fds.back(), "x"));
    ASSERT_EQ(read_exact(fds.back(), 1), "x");
  }
  const auto took = hx.stop(300);  // idle peers never leave by themselves
  EXPECT_GE(took.count(), 250);
  EXPECT_LT(took.count(), 3000);
  EXPECT_EQ(shutdowns.load(), 2);
  EXPECT_EQ(h.closed.load(), 20);
  for (const auto& [id, err] : h.close_log()) EXPECT_EQ(err, -ESHUTDOWN);
  for (int fd : fds) {
    EXPECT_TRUE(read_eof(fd));
    ::close(fd);
  }
}

TEST_P(shard_work, shutdown_ends_early_when_handlers_say_goodbye) {
  test_handler h;
  std::mutex m;
  std::vector<std::pair<shard*, conn_id>> conns;
  h.accept_fn = [&](shard& s, conn_id id) {
    std::lock_guard lock(m);
    conns.emplace_back(&s, id);
  };
  h.shutdown_fn = [&](shard& s) {
    std::lock_guard lock(m);
    for (auto& [sh, id] : conns)
      if (sh == &s) {
        s.send(id, "bye");
        s.close(id, 0, true);
      }
  };
  harness hx(options(2), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  std::vector<int> fds;
  for (int i = 0; i < 10; ++i) {
    fds.push_back(connect_client(hx.port()));
    ASSERT_TRUE(write_all(fds.back(), "x"));
    ASSERT_EQ(read_exact(fds.back(), 1), "x");
  }
  // Clients read the goodbye and leave, as a polite peer does.
  std::thread peers([&] {
    for (int fd : fds) {
      EXPECT_EQ(read_exact(fd, 3), "bye");
      EXPECT_TRUE(read_eof(fd));
      ::close(fd);
    }
  });
  const auto took = hx.stop(5000);
  peers.join();
  EXPECT_LT(took.count(), 3000);
  EXPECT_EQ(h.closed.load(), 10);
  for (const auto& [id, err] : h.close_log()) EXPECT_EQ(err, 0);
}

TEST_P(shard_work, stop_before_run_and_destruction_without_run) {
  {
    engine e(options(2));
    ASSERT_EQ(e.start([](shard&) -> listener_handler* { return nullptr; }), 0);
    e.stop(0);
    e.run();  // returns promptly
  }
  {
    engine e(options(1));
    ASSERT_EQ(e.start([](shard&) -> listener_handler* { return nullptr; }), 0);
  }  // the destructor stops and joins
}

TEST_P(shard_work, start_fails_cleanly_when_the_port_is_taken) {
  test_handler h;
  harness first(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(first.start_result, 0);
  // Same port, but no SO_REUSEPORT sharing from another socket owner: use a
  // plain bound socket to occupy a second port instead.
  const int blocker = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback(0);
  ASSERT_EQ(::bind(blocker, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
  ASSERT_EQ(::listen(blocker, 1), 0);
  socklen_t len = sizeof(a);
  ::getsockname(blocker, reinterpret_cast<sockaddr*>(&a), &len);
  engine_options o = options(1);
  o.port = ntohs(a.sin_port);
  engine e(o);
  EXPECT_EQ(e.start([&](shard&) { return &h; }), -EADDRINUSE);
  ::close(blocker);
}

SIO_ENGINE_BACKENDS(shard_work);

}  // namespace
}  // namespace sio::engine::test
