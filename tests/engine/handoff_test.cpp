// detach on one shard + adopt on another, and connect(), on both backends.
#include <fcntl.h>

#include "engine/engine_harness.hpp"

namespace sio::engine::test {
namespace {

class handoff : public backend_test {};

// Echoes with the shard's index; on "move" hands the socket to the other shard.
struct mover final : stream_handler, listener_handler {
  bool keep_unread = true;
  std::atomic<int> moves{0}, closes{0};
  stream_handler* on_accept(shard&, conn_id) override { return this; }
  void on_data(conn_id id, std::span<uint8_t> d) override {
    shard& s = *shard::current();
    const std::string_view v(reinterpret_cast<const char*>(d.data()), d.size());
    if (v == "move") {
      std::string unread;
      const int fd = keep_unread ? s.detach(id, unread) : s.detach(id);
      ASSERT_GE(fd, 0);
      EXPECT_FALSE(s.is_open(id));
      ++moves;
      shard& other = s.owner().at((s.index() + 1) % s.owner().shard_count());
      other.post([this, fd, unread = std::move(unread)] {
        shard& t = *shard::current();
        const conn_id nid = t.adopt(fd, this, unread);
        t.send(nid, "moved to " + std::to_string(t.index()) + ";");
      });
      return;
    }
    s.send(id, "[" + std::to_string(s.index()) + "]" + std::string(v));
  }
  void on_close(conn_id, int) override { ++closes; }
};

TEST_P(handoff, detach_on_one_shard_adopt_on_another_keeps_bytes_flowing) {
  for (bool keep : {true, false}) {
    mover m;
    m.keep_unread = keep;
    harness hx(options(2), [&](shard&) { return &m; });
    ASSERT_EQ(hx.start_result, 0);
    const int fd = connect_client(hx.port());
    ASSERT_TRUE(write_all(fd, "hi"));
    const std::string first = read_exact(fd, 5);
    ASSERT_EQ(first.size(), 5u);
    const int home = first[1] - '0';
    ASSERT_TRUE(home == 0 || home == 1) << first;
    for (int hop = 0; hop < 4; ++hop) {
      const int there = (home + 1 + hop) % 2;
      ASSERT_TRUE(write_all(fd, "move"));
      ASSERT_EQ(read_exact(fd, 11), "moved to " + std::to_string(there) + ";");
      for (int i = 0; i < 3; ++i) {
        const std::string msg = "m" + std::to_string(i);
        ASSERT_TRUE(write_all(fd, msg));
        ASSERT_EQ(read_exact(fd, 3 + msg.size()), "[" + std::to_string(there) + "]" + msg);
      }
    }
    EXPECT_EQ(m.moves.load(), 4);
    ::close(fd);
    ASSERT_TRUE(wait_for([&] { return m.closes.load() == 1; }));
    hx.stop(500);
    uint64_t open = 0, dropped = 0;
    for (unsigned i = 0; i < 2; ++i) {
      open += hx.e().at(i).stats().open;
      dropped += hx.e().at(i).stats().detach_dropped;
    }
    EXPECT_EQ(open, 0u);
    EXPECT_EQ(dropped, 0u);
  }
}

TEST_P(handoff, detach_refuses_with_bytes_queued) {
  test_handler h;
  std::atomic<int> result{1};
  h.data_fn = [&](shard& s, conn_id id, std::span<uint8_t>) {
    s.send(id, "queued");
    result = s.detach(id);
  };
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  ASSERT_TRUE(write_all(fd, "x"));
  EXPECT_EQ(read_exact(fd, 6), "queued");
  EXPECT_EQ(result.load(), -EBUSY);
  ::close(fd);
}

TEST_P(handoff, connect_to_a_local_listener) {
  test_handler server;
  harness hx(options(1), [&](shard&) { return &server; });
  ASSERT_EQ(hx.start_result, 0);
  test_handler client;
  std::atomic<bool> echoed{false};
  conn_id cid, cid2;
  client.data_fn = [&](shard& s, conn_id id, std::span<uint8_t> d) {
    EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()), "ping");
    echoed = true;
    s.close(id, 0, false);
  };
  hx.on_shard(0, [&](shard& s) {
    const sockaddr_in to = loopback(hx.port());
    cid = s.connect(to, nullptr, &client);
    EXPECT_TRUE(s.is_open(cid));
    EXPECT_TRUE(s.send(cid, "ping"));  // queued until connected
    const sockaddr_in from = loopback(0, "127.0.0.2");
    cid2 = s.connect(to, &from, &client);
  });
  ASSERT_TRUE(wait_for([&] { return echoed.load() && client.connected.load() == 2; }));
  ASSERT_TRUE(wait_for([&] { return client.closed.load() >= 1; }));
  const auto log = client.close_log();
  EXPECT_EQ(log[0].first, cid);
  EXPECT_EQ(log[0].second, 0);
  hx.on_shard(0, [&](shard& s) {
    EXPECT_TRUE(s.is_open(cid2));
    s.close(cid2, 0, false);
  });
  ASSERT_TRUE(wait_for([&] { return client.closed.load() == 2; }));
}

TEST_P(handoff, connect_to_a_closed_port_reports_refused) {
  // A port nobody listens on: bind one, note it, release it.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback(0);
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
  socklen_t len = sizeof(a);
  ::getsockname(probe, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(probe);

  engine_options o = options(1);
  o.listen = false;
  harness hx(o, [](shard&) -> listener_handler* { return nullptr; });
  ASSERT_EQ(hx.start_result, 0);
  test_handler client;
  conn_id cid;
  hx.on_shard(0, [&](shard& s) { cid = s.connect(a, nullptr, &client); });
  ASSERT_TRUE(wait_for([&] { return client.closed.load() == 1; }));
  EXPECT_EQ(client.connected.load(), 0);
  const auto log = client.close_log();
  EXPECT_EQ(log[0].first, cid);
  EXPECT_EQ(log[0].second, -ECONNREFUSED);
}

// Messages end with ';'. "move;" hands the socket over; whatever the peer sent
// behind it (in the same read, or already taken by the kernel) travels along.
struct eager_mover final : stream_handler, listener_handler {
  std::atomic<int> moves{0}, closes{0};
  stream_handler* on_accept(shard&, conn_id) override { return this; }
  void on_data(conn_id id, std::span<uint8_t> d) override {
    shard& s = *shard::current();
    std::string_view v(reinterpret_cast<const char*>(d.data()), d.size());
    while (!v.empty()) {
      const size_t end = v.find(';');
      ASSERT_NE(end, std::string_view::npos) << "split message: " << v;
      const std::string_view msg = v.substr(0, end);
      v.remove_prefix(end + 1);
      if (msg != "move") {
        s.send(id, "[" + std::to_string(s.index()) + "]" + std::string(msg) + ";");
        continue;
      }
      std::string rest(v);  // delivered before anything the kernel held back
      const int fd = s.detach(id, rest);
      ASSERT_GE(fd, 0);
      ++moves;
      shard& other = s.owner().at((s.index() + 1) % s.owner().shard_count());
      other.post([this, fd, rest = std::move(rest)] {
        shard& t = *shard::current();
        t.send(t.adopt(fd, this, rest), "moved;");
      });
      return;
    }
  }
  void on_close(conn_id, int) override { ++closes; }
};

TEST_P(handoff, bytes_sent_right_behind_a_handoff_follow_the_socket) {
  eager_mover m;
  harness hx(options(2), [&](shard&) { return &m; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    // Two quick writes: the second often arrives before the first is handled.
    ASSERT_TRUE(write_all(fd, "move;"));
    ASSERT_TRUE(write_all(fd, "m" + std::to_string(i) + ";"));
    const std::string moved = read_exact(fd, 7);
    ASSERT_EQ(moved, "moved;[") << "hop " << i;
    const std::string rest = read_exact(fd, 4 + std::to_string(i).size());  // "k]mN;"
    ASSERT_EQ(rest.substr(1), "]m" + std::to_string(i) + ";") << "hop " << i;
  }
  EXPECT_EQ(m.moves.load(), 50);
  ::close(fd);
  ASSERT_TRUE(wait_for([&] { return m.closes.load() == 1; }));
}

TEST_P(handoff, adopt_delivers_unread_bytes_first) {
  test_handler h;
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
  ASSERT_TRUE(write_all(sv[1], "late;"));  // already waiting in the socket
  hx.on_shard(0, [&](shard& s) { s.adopt(sv[0], &h, "early;"); });
  const int flags = ::fcntl(sv[1], F_GETFL);
  ::fcntl(sv[1], F_SETFL, flags & ~O_NONBLOCK);
  timeval tv{5, 0};
  ::setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  EXPECT_EQ(read_exact(sv[1], 11), "early;late;");
  ::close(sv[1]);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  EXPECT_EQ(h.close_log()[0].second, 0);
}

SIO_ENGINE_BACKENDS(handoff);

}  // namespace
}  // namespace sio::engine::test
