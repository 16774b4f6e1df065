// frame, task, mailbox and io_backend: the engine's building blocks.
#include <sio/engine/frame.hpp>
#include <sio/engine/io_backend.hpp>
#include <sio/engine/mailbox.hpp>
#include <sio/engine/task.hpp>

#include <array>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sio::engine {
namespace {

TEST(frame, copy_holds_its_own_bytes) {
  std::string s = "hello";
  frame_ref f = frame::copy(s);
  s[0] = 'j';
  EXPECT_EQ(f->view(), "hello");
  EXPECT_EQ(f->size(), 5u);
  EXPECT_EQ(f->use_count(), 1u);
}

TEST(frame, adopt_takes_the_buffer_without_copying) {
  std::string big(100000, 'x');
  const char* p = big.data();
  frame_ref f = frame::adopt(std::move(big));
  EXPECT_EQ(reinterpret_cast<const char*>(f->data()), p);
  EXPECT_EQ(f->size(), 100000u);
  frame_ref small = frame::adopt(std::string("tiny"));  // short-string storage
  EXPECT_EQ(small->view(), "tiny");
}

TEST(frame, build_fills_in_place) {
  frame_ref f = frame::build(4, [](std::span<uint8_t> b) {
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>('a' + i);
  });
  EXPECT_EQ(f->view(), "abcd");
}

TEST(frame, refcount_copy_move_reset) {
  frame_ref a = frame::copy("x");
  frame_ref b = a;
  EXPECT_EQ(a->use_count(), 2u);
  frame_ref c = std::move(b);
  EXPECT_FALSE(b);
  EXPECT_EQ(a->use_count(), 2u);
  c.reset();
  EXPECT_EQ(a->use_count(), 1u);
  b = a;
  frame_ref& alias = b;
  b = alias;  // self-assignment keeps the count
  EXPECT_EQ(a->use_count(), 2u);
  frame* raw = b.release();
  frame_ref d = frame_ref::from_raw(raw);
  EXPECT_EQ(a->use_count(), 2u);
}

TEST(frame, shared_across_threads) {
  frame_ref f = frame::copy("shared");
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([f] {
      for (int i = 0; i < 10000; ++i) {
        frame_ref c = f;
        ASSERT_EQ(c->view(), "shared");
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(f->use_count(), 1u);
}

TEST(task, small_callables_stay_inline_large_ones_are_boxed) {
  int n = 0;
  task small([&n] { ++n; });
  small();
  small();
  EXPECT_EQ(n, 2);
  std::array<char, 200> big{};
  big[0] = 5;
  task large([&n, big] { n += big[0]; });
  task moved = std::move(large);
  EXPECT_FALSE(large);
  moved();
  EXPECT_EQ(n, 7);
}

TEST(task, move_only_captures_and_destruction) {
  auto counter = std::make_shared<int>(0);
  {
    auto p = std::make_unique<int>(41);
    task t([p = std::move(p), counter] { *counter += *p + 1; });
    EXPECT_EQ(counter.use_count(), 2);
    task u;
    u = std::move(t);
    u();
  }
  EXPECT_EQ(*counter, 42);
  EXPECT_EQ(counter.use_count(), 1);  // the task released its capture
}

TEST(mailbox, runs_in_order_and_respects_the_batch) {
  mailbox mb;
  std::vector<int> seen;
  EXPECT_TRUE(mb.empty());
  for (int i = 0; i < 10; ++i) mb.push([&seen, i] { seen.push_back(i); });
  EXPECT_FALSE(mb.empty());
  EXPECT_EQ(mb.drain(4), 4u);
  EXPECT_EQ(mb.drain(100), 6u);
  EXPECT_TRUE(mb.empty());
  EXPECT_EQ(mb.drain(100), 0u);
  ASSERT_EQ(seen.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], i);
}

TEST(mailbox, destroys_unrun_tasks) {
  auto counter = std::make_shared<int>(0);
  {
    mailbox mb;
    mb.push([counter] { ++*counter; });
    EXPECT_EQ(counter.use_count(), 2);
  }
  EXPECT_EQ(*counter, 0);
  EXPECT_EQ(counter.use_count(), 1);
}

TEST(mailbox, many_producers_one_consumer) {
  mailbox mb;
  constexpr int producers = 4, per = 20000;
  std::vector<int> last(producers, -1);
  std::atomic<int> bad{0};
  std::atomic<bool> done{false};
  size_t ran = 0;
  std::thread consumer([&] {
    while (!done.load() || !mb.empty()) ran += mb.drain(1000);
  });
  std::vector<std::thread> ts;
  for (int p = 0; p < producers; ++p)
    ts.emplace_back([&, p] {
      for (int i = 0; i < per; ++i)
        mb.push([&, p, i] {
          if (last[static_cast<size_t>(p)] != i - 1) ++bad;  // per-producer order
          last[static_cast<size_t>(p)] = i;
        });
    });
  for (auto& t : ts) t.join();
  done = true;
  consumer.join();
  ran += mb.drain(SIZE_MAX);
  EXPECT_EQ(ran, static_cast<size_t>(producers * per));
  EXPECT_EQ(bad.load(), 0);
}

TEST(io_backend, names_round_trip) {
  for (io_backend b : {io_backend::automatic, io_backend::uring, io_backend::epoll})
    EXPECT_EQ(parse_io_backend(to_string(b)), b);
  EXPECT_FALSE(parse_io_backend("kqueue").has_value());
  EXPECT_FALSE(parse_io_backend("").has_value());
  EXPECT_TRUE(io_backend_available(io_backend::epoll));
  std::string why;
  const bool uring = io_backend_available(io_backend::uring, &why);
  EXPECT_TRUE(uring || !why.empty());
}

}  // namespace
}  // namespace sio::engine
