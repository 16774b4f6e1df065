// Accepting, echoing, many connections, peer close and stale ids, on both backends.
#include <sys/resource.h>

#include "engine/engine_harness.hpp"

namespace sio::engine::test {
namespace {

class echo : public backend_test {};

TEST_P(echo, accept_and_echo) {
  test_handler h;
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  EXPECT_EQ(hx.e().backend(), GetParam());
  EXPECT_NE(hx.port(), 0);
  const int fd = connect_client(hx.port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(write_all(fd, "hello"));
  EXPECT_EQ(read_exact(fd, 5), "hello");
  ASSERT_TRUE(write_all(fd, std::string(100000, 'z')));  // several reads' worth
  EXPECT_EQ(read_exact(fd, 100000), std::string(100000, 'z'));
  ::close(fd);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  const shard_stats st = hx.stats(0);
  EXPECT_EQ(st.accepted, 1u);
  EXPECT_EQ(st.closed, 1u);
  EXPECT_EQ(st.open, 0u);
  EXPECT_EQ(st.bytes_in, 100005u);
  EXPECT_EQ(st.bytes_out, 100005u);
}

TEST_P(echo, many_connections_each_echo_several_messages) {
  constexpr int conns = 500, rounds = 5;
  test_handler h;
  harness hx(options(2), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  std::vector<int> fds;
  for (int i = 0; i < conns; ++i) {
    fds.push_back(connect_client(hx.port()));
    ASSERT_GE(fds.back(), 0) << i;
  }
  for (int r = 0; r < rounds; ++r) {
    for (int i = 0; i < conns; ++i)
      ASSERT_TRUE(write_all(fds[i], "msg-" + std::to_string(i) + "-" + std::to_string(r) + ";"));
    for (int i = 0; i < conns; ++i) {
      const std::string want = "msg-" + std::to_string(i) + "-" + std::to_string(r) + ";";
      ASSERT_EQ(read_exact(fds[i], want.size()), want) << "conn " << i << " round " << r;
    }
  }
  for (int fd : fds) ::close(fd);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == conns; }));
  EXPECT_EQ(h.accepted.load(), conns);
  hx.stop(500);
  uint64_t accepted = 0, open = 0;
  for (unsigned i = 0; i < hx.e().shard_count(); ++i) {
    accepted += hx.e().at(i).stats().accepted;
    open += hx.e().at(i).stats().open;
  }
  EXPECT_EQ(accepted, static_cast<uint64_t>(conns));
  EXPECT_EQ(open, 0u);
}

TEST_P(echo, a_tiny_buffer_ring_recovers_from_running_dry) {
  // Two 1 KiB provided buffers for 50 busy connections: io_uring ends
  // multishot receives with -ENOBUFS and the shard must re-arm them.
  test_handler h;
  engine_options o = options(1);
  o.recv_buffer_count = 2;
  o.recv_buffer_size = 1024;
  harness hx(o, [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  constexpr int conns = 50;
  std::vector<int> fds;
  for (int i = 0; i < conns; ++i) fds.push_back(connect_client(hx.port()));
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < conns; ++i)
      ASSERT_TRUE(write_all(fds[i], std::string(8192, static_cast<char>('a' + i % 26))));
    for (int i = 0; i < conns; ++i)
      ASSERT_EQ(read_exact(fds[i], 8192), std::string(8192, static_cast<char>('a' + i % 26)))
          << "conn " << i << " round " << round;
  }
  for (int fd : fds) ::close(fd);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == conns; }));
}

TEST_P(echo, peer_close_reports_zero) {
  test_handler h;
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  ASSERT_TRUE(write_all(fd, "x"));
  ASSERT_EQ(read_exact(fd, 1), "x");
  ::close(fd);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  const auto log = h.close_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].second, 0);
}

TEST_P(echo, stale_conn_id_is_rejected) {
  test_handler h;
  std::atomic<int> seen{0};
  conn_id first;
  h.accept_fn = [&](shard&, conn_id id) {
    if (seen++ == 0) first = id;
  };
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  ASSERT_TRUE(write_all(fd, "a"));
  ASSERT_EQ(read_exact(fd, 1), "a");
  hx.on_shard(0, [&](shard& s) { s.close(first, 42, false); });
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  EXPECT_EQ(h.close_log()[0].second, 42);
  EXPECT_TRUE(read_eof(fd) || true);  // the socket is gone either way
  ::close(fd);
  // A new connection: the slot is reused with a new generation.
  const int fd2 = connect_client(hx.port());
  ASSERT_TRUE(write_all(fd2, "b"));
  ASSERT_EQ(read_exact(fd2, 1), "b");
  hx.on_shard(0, [&](shard& s) {
    EXPECT_FALSE(s.is_open(first));
    EXPECT_FALSE(s.send(first, "stale"));
    EXPECT_FALSE(s.send(first, frame::copy("stale")));
    EXPECT_EQ(s.queued_bytes(first), 0u);
    EXPECT_EQ(s.detach(first), -EBADF);
    s.close(first);  // no-op
    s.set_handler(first, nullptr);
    EXPECT_FALSE(s.is_open(conn_id{}));
  });
  // The newer connection on the same slot is untouched.
  ASSERT_TRUE(write_all(fd2, "c"));
  EXPECT_EQ(read_exact(fd2, 1), "c");
  EXPECT_EQ(h.closed.load(), 1);
  ::close(fd2);
}

TEST_P(echo, refused_connection_gets_no_callbacks) {
  struct refuser final : listener_handler {
    std::atomic<int> n{0};
    stream_handler* on_accept(shard&, conn_id) override {
      ++n;
      return nullptr;
    }
  } r;
  harness hx(options(1), [&](shard&) { return &r; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  EXPECT_TRUE(read_eof(fd));
  EXPECT_EQ(r.n.load(), 1);
  ::close(fd);
}

TEST_P(echo, wrong_thread_call_aborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  test_handler h;
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  EXPECT_DEATH(hx.e().at(0).send(conn_id{0, 0}, "x"), "does not own shard 0");
}

SIO_ENGINE_BACKENDS(echo);

}  // namespace
}  // namespace sio::engine::test
