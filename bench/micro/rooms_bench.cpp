// Room index micro-benchmarks: the target-set computation a broadcast runs
// (select) and the join/leave churn of sockets. Figures come from the release
// build; the debug build only smoke-runs them.

#include <sio/runtime/rooms/room_index.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sio::runtime::room_index;
using sio::runtime::slot_set;

constexpr uint32_t members = 10'000;

// Reports the time per room operation when one iteration does `ops` of them.
void per_op(benchmark::State& state, double ops) {
  state.counters["per_op"] = benchmark::Counter(
      ops, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Room "a" holds `members` slots: dense ones are [0, members), scattered ones
// are random slots among 10 × members live sockets (one per ~6 in every word).
struct fixture {
  room_index index;
  slot_set live;
  slot_set out;

  explicit fixture(bool scattered, uint32_t seed = 1) {
    std::mt19937 rng(seed);
    const uint32_t universe = scattered ? members * 10 : members * 2;
    for (uint32_t s = 0; s < universe; ++s) live.insert(s);
    fill("a", scattered, 0, rng);
    fill("b", scattered, members / 2, rng);  // dense: overlaps half of "a"
    // A small room to leave out: every 10th member of "a".
    for (uint32_t s = 0; s < members; s += 10) index.join("c", s);
  }

  void fill(std::string_view room, bool scattered, uint32_t first, std::mt19937& rng) {
    if (!scattered) {
      for (uint32_t s = first; s < first + members; ++s) index.join(room, s);
      return;
    }
    while (index.member_count(room) < members) index.join(room, rng() % (members * 10));
  }
};

void select_one_room(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const std::string_view rooms[] = {"a"};
  for (auto _ : state) {
    f.index.select(rooms, {}, f.live, f.out);
    benchmark::DoNotOptimize(f.out.size());
  }
  per_op(state, 1);
}
BENCHMARK(select_one_room)->ArgName("scattered")->Arg(0)->Arg(1);

void select_two_rooms_union(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const std::string_view rooms[] = {"a", "b"};
  for (auto _ : state) {
    f.index.select(rooms, {}, f.live, f.out);
    benchmark::DoNotOptimize(f.out.size());
  }
  per_op(state, 1);
}
BENCHMARK(select_two_rooms_union)->ArgName("scattered")->Arg(0)->Arg(1);

// to("a").except("c") plus the sender's own slot.
void select_except(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const std::string_view rooms[] = {"a"};
  const std::string_view except[] = {"c"};
  const uint32_t self[] = {5};
  for (auto _ : state) {
    f.index.select(rooms, except, self, f.live, f.out);
    benchmark::DoNotOptimize(f.out.size());
  }
  per_op(state, 1);
}
BENCHMARK(select_except)->ArgName("scattered")->Arg(0)->Arg(1);

// The namespace-wide broadcast: every live socket but one room.
void select_all_except(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const std::string_view except[] = {"c"};
  for (auto _ : state) {
    f.index.select({}, except, f.live, f.out);
    benchmark::DoNotOptimize(f.out.size());
  }
  per_op(state, 1);
}
BENCHMARK(select_all_except)->ArgName("scattered")->Arg(0)->Arg(1);

// select plus the walk of set bits a broadcast does to reach each recipient;
// per_op is per recipient here.
void select_and_walk(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const std::string_view rooms[] = {"a", "b"};
  uint64_t sum = 0;
  for (auto _ : state) {
    f.index.select(rooms, {}, f.live, f.out);
    f.out.for_each([&](uint32_t s) { sum += s; });
    benchmark::DoNotOptimize(sum);
  }
  per_op(state, static_cast<double>(f.out.size()));
}
BENCHMARK(select_and_walk)->ArgName("scattered")->Arg(0)->Arg(1);

// A socket joins and leaves a room of `members` others (no room created).
void join_leave_existing_room(benchmark::State& state) {
  fixture f(state.range(0) != 0);
  const uint32_t outsider = members * 10 + 7;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.index.join("a", outsider));
    benchmark::DoNotOptimize(f.index.leave("a", outsider));
  }
  per_op(state, 2);
}
BENCHMARK(join_leave_existing_room)->ArgName("scattered")->Arg(0)->Arg(1);

// A room created by the join and removed by the leave (a personal room),
// among 10 000 other rooms.
void join_leave_new_room(benchmark::State& state) {
  room_index index;
  std::vector<std::string> names;
  for (uint32_t i = 0; i < members; ++i) {
    names.push_back("room-" + std::to_string(i));
    index.join(names.back(), i);
  }
  const std::string fresh = "a-socket-id-20-chars";
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.join(fresh, 3));
    benchmark::DoNotOptimize(index.leave(fresh, 3));
  }
  per_op(state, 2);
}
BENCHMARK(join_leave_new_room);

// A socket joins 8 of 1 000 shared rooms, then leaves them all (disconnect).
void join_8_then_leave_all(benchmark::State& state) {
  room_index index;
  std::vector<std::string> names;
  for (uint32_t i = 0; i < 1000; ++i) {
    names.push_back("room-" + std::to_string(i));
    for (uint32_t s = 0; s < 10; ++s) index.join(names.back(), i * 10 + s);
  }
  std::vector<std::string_view> mine;
  for (uint32_t i = 0; i < 8; ++i) mine.push_back(names[i * 125]);
  const uint32_t slot = 20'000;
  for (auto _ : state) {
    for (std::string_view room : mine) benchmark::DoNotOptimize(index.join(room, slot));
    benchmark::DoNotOptimize(index.leave_all(mine, slot));
  }
  per_op(state, 16);
}
BENCHMARK(join_8_then_leave_all);

}  // namespace
