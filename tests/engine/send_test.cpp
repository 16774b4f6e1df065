// Send queues: large sends to slow readers, the slow-consumer limit, defer
// before flush, drained notifications and graceful close, on both backends.
#include "engine/engine_harness.hpp"

namespace sio::engine::test {
namespace {

class send_queue : public backend_test {};

uint8_t pattern(size_t i) {
  return static_cast<uint8_t>((i * 131u) ^ (i >> 9));
}

TEST_P(send_queue, large_send_to_slow_reader_arrives_intact) {
  constexpr size_t big = 4u << 20, piece = 64u << 10, pieces = 64;  // 8 MiB in all
  test_handler h;
  h.accept_fn = [&](shard& s, conn_id id) {
    std::string a(big, '\0');
    for (size_t i = 0; i < big; ++i) a[i] = static_cast<char>(pattern(i));
    EXPECT_TRUE(s.send(id, frame::adopt(std::move(a))));
    for (size_t p = 0; p < pieces; ++p) {
      std::string b(piece, '\0');
      for (size_t i = 0; i < piece; ++i) b[i] = static_cast<char>(pattern(big + p * piece + i));
      // Alternate shared frames and copies: both kinds of queue node.
      EXPECT_TRUE(p % 2 ? s.send(id, frame::copy(b)) : s.send(id, std::string_view(b)));
    }
  };
  engine_options o = options(1);
  o.max_send_queue_bytes = 16u << 20;
  harness hx(o, [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port(), 16384);  // small window: partial writes
  const size_t total = big + piece * pieces;
  std::string got;
  got.reserve(total);
  char buf[65536];
  int reads = 0;
  while (got.size() < total) {
    const ssize_t r = ::recv(fd, buf, sizeof(buf), 0);
    ASSERT_GT(r, 0) << "after " << got.size() << " bytes, errno " << errno << ", closes "
                    << (h.close_log().empty() ? 1 : h.close_log()[0].second);
    got.append(buf, static_cast<size_t>(r));
    if (++reads % 16 == 0) std::this_thread::sleep_for(1ms);  // a slow reader
  }
  ASSERT_EQ(got.size(), total);
  for (size_t i = 0; i < total; ++i)
    ASSERT_EQ(static_cast<uint8_t>(got[i]), pattern(i)) << "byte " << i;
  ASSERT_TRUE(wait_for([&] { return h.drained.load() >= 1; }));
  const shard_stats st = hx.stats(0);
  EXPECT_EQ(st.bytes_out, total);
  EXPECT_GT(st.writes, 1u);  // the queue went out in several vectored writes
  ::close(fd);
}

TEST_P(send_queue, slow_consumer_is_closed_and_counted_others_continue) {
  struct flood {
    timer t;
    shard* s = nullptr;
    conn_id id;
    frame_ref chunk = frame::copy(std::string(256u << 10, 'f'));
  } fl;
  fl.t.ctx = &fl;
  fl.t.fn = [](timer& t) {
    auto* f = static_cast<flood*>(t.ctx);
    if (f->s->send(f->id, f->chunk)) f->s->timers().arm(t, 2);
  };
  test_handler h;
  h.data_fn = [&](shard& s, conn_id id, std::span<uint8_t> d) {
    const std::string_view v(reinterpret_cast<const char*>(d.data()), d.size());
    if (v == "flood") {
      fl.s = &s;
      fl.id = id;
      s.timers().arm(fl.t, 1);
    } else {
      s.send(id, v);
    }
  };
  h.close_fn = [&](shard& s, conn_id id, int) {
    if (id == fl.id) s.timers().cancel(fl.t);
  };
  engine_options o = options(1);
  o.max_send_queue_bytes = 1u << 20;
  harness hx(o, [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int never_reads = connect_client(hx.port(), 4096);
  const int reader = connect_client(hx.port());
  ASSERT_TRUE(write_all(never_reads, "flood"));
  int echoes = 0;
  const bool closed = wait_for(
      [&] {
        // Keep the well-behaved peer busy meanwhile.
        const std::string m = "ping" + std::to_string(echoes);
        EXPECT_TRUE(write_all(reader, m));
        EXPECT_EQ(read_exact(reader, m.size()), m);
        ++echoes;
        return h.closed.load() == 1;
      },
      10000ms);
  ASSERT_TRUE(closed);
  const auto log = h.close_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].first, fl.id);
  EXPECT_EQ(log[0].second, -ENOBUFS);
  ASSERT_TRUE(write_all(reader, "still here"));
  EXPECT_EQ(read_exact(reader, 10), "still here");
  const shard_stats st = hx.stats(0);
  EXPECT_EQ(st.slow_consumer_closes, 1u);
  EXPECT_EQ(st.open, 1u);
  ::close(never_reads);
  ::close(reader);
}

TEST_P(send_queue, defer_runs_before_the_flush) {
  test_handler h;
  std::atomic<int> writes_between{-1};
  h.data_fn = [&](shard& s, conn_id id, std::span<uint8_t>) {
    const uint64_t writes_before = s.stats().writes;
    s.send(id, "A");
    s.defer([&s, id, writes_before, &writes_between] {
      writes_between = static_cast<int>(s.stats().writes - writes_before);
      s.send(id, "B");
    });
  };
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  ASSERT_TRUE(write_all(fd, "go"));
  EXPECT_EQ(read_exact(fd, 2), "AB");
  EXPECT_EQ(writes_between.load(), 0);  // no flush between on_data and the task
  EXPECT_EQ(hx.stats(0).writes, 1u);    // "A" and "B" left in one write
  ::close(fd);
}

TEST_P(send_queue, graceful_close_after_flush) {
  constexpr size_t n = 1u << 20;
  test_handler h;
  h.accept_fn = [&](shard& s, conn_id id) {
    EXPECT_TRUE(s.send(id, std::string(n, 'q')));
    s.close(id, 7, true);
    EXPECT_FALSE(s.is_open(id));
    EXPECT_FALSE(s.send(id, "late"));  // closing: refused
  };
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port(), 8192);
  std::this_thread::sleep_for(50ms);  // let the queue back up first
  EXPECT_EQ(read_exact(fd, n), std::string(n, 'q'));
  EXPECT_TRUE(read_eof(fd));
  EXPECT_EQ(h.closed.load(), 0);  // waits for our end (the linger)
  ::close(fd);
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  EXPECT_EQ(h.close_log()[0].second, 7);
}

TEST_P(send_queue, linger_is_bounded_when_the_peer_stays) {
  test_handler h;
  h.accept_fn = [&](shard& s, conn_id id) {
    s.send(id, "bye");
    s.close(id, 3, true);
  };
  engine_options o = options(1);
  o.close_linger_ms = 100;
  harness hx(o, [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  EXPECT_EQ(read_exact(fd, 3), "bye");
  EXPECT_TRUE(read_eof(fd));
  // Never close our side: the server gives up after the linger time.
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }, 3000ms));
  EXPECT_EQ(h.close_log()[0].second, 3);
  ::close(fd);
}

TEST_P(send_queue, close_at_once_drops_the_queue) {
  test_handler h;
  h.accept_fn = [&](shard& s, conn_id id) {
    s.send(id, std::string(1u << 20, 'd'));
    s.close(id, 9, false);
  };
  harness hx(options(1), [&](shard&) { return &h; });
  ASSERT_EQ(hx.start_result, 0);
  const int fd = connect_client(hx.port());
  ASSERT_TRUE(wait_for([&] { return h.closed.load() == 1; }));
  EXPECT_EQ(h.close_log()[0].second, 9);
  EXPECT_EQ(read_exact(fd, 1), "");  // nothing was written
  ::close(fd);
}

SIO_ENGINE_BACKENDS(send_queue);

}  // namespace
}  // namespace sio::engine::test
