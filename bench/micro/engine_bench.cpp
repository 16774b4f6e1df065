// Micro-benchmarks of the engine's building blocks: the timer wheel, the
// mailbox (alone and through a live shard), frames.
#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <sio/engine/engine.hpp>
#include <sio/engine/mailbox.hpp>

namespace {

using namespace sio::engine;

void noop(timer&) {}

// Arm + cancel with `range(0)` other timers armed (an idle-timeout pattern).
void BM_timer_arm_cancel(benchmark::State& state) {
  timer_wheel w(0);
  std::vector<timer> others(static_cast<size_t>(state.range(0)), timer(&noop, nullptr));
  std::mt19937 rng(1);
  for (auto& t : others) w.arm(t, rng() % 100000);
  timer t(&noop, nullptr);
  uint64_t d = 1;
  for (auto _ : state) {
    w.arm(t, d);
    w.cancel(t);
    d = d * 7 % 60000 + 1;
  }
  for (auto& o : others) w.cancel(o);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_timer_arm_cancel)->Arg(0)->Arg(100000);

// Re-arming an armed timer further out (a heartbeat pushed back on traffic).
void BM_timer_rearm(benchmark::State& state) {
  timer_wheel w(0);
  timer t(&noop, nullptr);
  w.arm(t, 25000);
  uint64_t d = 25000;
  for (auto _ : state) {
    w.arm(t, d);
    d = d == 25000 ? 25001 : 25000;
  }
  w.cancel(t);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_timer_rearm);

// Arms range(0) timers over 0..10 s and advances 1 ms at a time until all fired.
void BM_timer_advance_fire(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  std::vector<timer> ts(n, timer(&noop, nullptr));
  std::mt19937 rng(2);
  for (auto _ : state) {
    timer_wheel w(0);
    for (auto& t : ts) w.arm(t, 1 + rng() % 10000);
    for (uint64_t now = 1; w.size() > 0; ++now) w.advance(now);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_timer_advance_fire)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// One thread: push a batch, drain it.
void BM_mailbox_push_drain(benchmark::State& state) {
  mailbox mb;
  uint64_t sum = 0;
  const int batch = 256;
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) mb.push([&sum, i] { sum += static_cast<uint64_t>(i); });
    mb.drain(batch);
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_mailbox_push_drain);

// range(0) producer threads push while this thread drains.
void BM_mailbox_mpsc(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  constexpr int per = 100000;
  for (auto _ : state) {
    mailbox mb;
    std::atomic<int> ran{0};
    std::vector<std::thread> ts;
    for (int p = 0; p < producers; ++p)
      ts.emplace_back([&] {
        for (int i = 0; i < per; ++i)
          mb.push([&ran] { ran.fetch_add(1, std::memory_order_relaxed); });
      });
    while (ran.load(std::memory_order_relaxed) < producers * per) mb.drain(4096);
    for (auto& t : ts) t.join();
  }
  state.SetItemsProcessed(state.iterations() * producers * per);
}
BENCHMARK(BM_mailbox_mpsc)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond)->UseRealTime();

// shard::post from this thread to a running shard, including its wake-ups.
void BM_shard_post(benchmark::State& state) {
  engine_options o;
  o.shards = 1;
  o.listen = false;
  o.pin_threads = false;
  o.io = state.range(0) ? io_backend::uring : io_backend::epoll;
  if (o.io == io_backend::uring && !io_backend_available(io_backend::uring)) {
    state.SkipWithError("io_uring unavailable");
    return;
  }
  engine e(o);
  e.start([](shard&) -> listener_handler* { return nullptr; });
  std::thread runner([&] { e.run(); });
  shard& s = e.at(0);
  constexpr int batch = 10000;
  std::atomic<int> ran{0};
  for (auto _ : state) {
    ran.store(0);
    for (int i = 0; i < batch; ++i) s.post([&ran] { ran.fetch_add(1, std::memory_order_relaxed); });
    while (ran.load(std::memory_order_relaxed) < batch) std::this_thread::yield();
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["wakeups"] = static_cast<double>(s.stats().wakeups);
  e.stop(0);
  runner.join();
}
BENCHMARK(BM_shard_post)->Arg(0)->Arg(1)->ArgName("uring")->UseRealTime();

// A broadcast's cost per recipient: one reference more and one less.
void BM_frame_share(benchmark::State& state) {
  frame_ref f = frame::copy(std::string(64, 'b'));
  std::vector<frame_ref> refs(1000);
  for (auto _ : state) {
    for (auto& r : refs) r = f;
    for (auto& r : refs) r.reset();
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_frame_share);

void BM_frame_copy_64(benchmark::State& state) {
  const std::string s(64, 'c');
  for (auto _ : state) benchmark::DoNotOptimize(frame::copy(s));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_frame_copy_64);

}  // namespace
