#include <sio/engine/timer_wheel.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace sio::engine {
namespace {

// A timer that records when (in wheel time) it fired.
struct probe {
  timer t;
  timer_wheel* wheel = nullptr;
  std::vector<uint64_t> fired_at;
  std::vector<uint64_t>* order = nullptr;  // shared log of expiries, in firing order
  probe() {
    t.fn = [](timer& tm) {
      auto* self = static_cast<probe*>(tm.ctx);
      self->fired_at.push_back(self->wheel->now());
      if (self->order) self->order->push_back(tm.expiry());
    };
    t.ctx = this;
  }
};

TEST(timer_wheel, fires_exactly_at_expiry) {
  timer_wheel w(1000);
  probe p;
  p.wheel = &w;
  w.arm(p.t, 10);
  EXPECT_TRUE(w.armed(p.t));
  EXPECT_EQ(w.next_timeout_ms(), 10);
  w.advance(1009);
  EXPECT_TRUE(p.fired_at.empty());
  w.advance(1010);
  ASSERT_EQ(p.fired_at.size(), 1u);
  EXPECT_EQ(p.fired_at[0], 1010u);
  EXPECT_FALSE(w.armed(p.t));
  EXPECT_EQ(w.next_timeout_ms(), -1);
  EXPECT_EQ(w.size(), 0u);
}

TEST(timer_wheel, late_advance_fires_once) {
  timer_wheel w(0);
  probe p;
  p.wheel = &w;
  w.arm(p.t, 5);
  w.advance(100000);
  ASSERT_EQ(p.fired_at.size(), 1u);
  EXPECT_EQ(w.now(), 100000u);
}

TEST(timer_wheel, cancel_prevents_firing_and_is_idempotent) {
  timer_wheel w(0);
  probe p;
  p.wheel = &w;
  w.cancel(p.t);  // not armed: no-op
  w.arm(p.t, 300);
  w.cancel(p.t);
  w.cancel(p.t);
  EXPECT_FALSE(w.armed(p.t));
  EXPECT_EQ(w.next_timeout_ms(), -1);
  w.advance(1000);
  EXPECT_TRUE(p.fired_at.empty());
}

TEST(timer_wheel, rearm_moves_the_timer) {
  timer_wheel w(0);
  probe p;
  p.wheel = &w;
  w.arm(p.t, 100);
  w.arm(p.t, 20);  // earlier
  w.advance(20);
  ASSERT_EQ(p.fired_at.size(), 1u);
  EXPECT_EQ(p.fired_at[0], 20u);
  w.arm(p.t, 10);
  w.arm(p.t, 5000);  // later, into another level
  w.advance(4000);
  EXPECT_EQ(p.fired_at.size(), 1u);
  w.advance(5020);
  ASSERT_EQ(p.fired_at.size(), 2u);
  EXPECT_EQ(p.fired_at[1], 5020u);
}

TEST(timer_wheel, zero_delay_fires_on_next_advance) {
  timer_wheel w(50);
  probe p;
  p.wheel = &w;
  w.arm(p.t, 0);
  EXPECT_EQ(w.next_timeout_ms(), 0);
  w.advance(50);
  EXPECT_EQ(p.fired_at.size(), 1u);
}

TEST(timer_wheel, delays_beyond_one_revolution_fire_on_time) {
  // Level 0 spans 256 ms; these land in levels 1, 2, 3 and the overflow list.
  const uint64_t start = 123456789;
  const uint64_t delays[] = {255,   256,      257,      1000,          65535,        65536,
                             70000, 16777216, 20000000, 4294967295ull, 5000000000ull};
  for (uint64_t d : delays) {
    timer_wheel w(start);
    probe p;
    p.wheel = &w;
    w.arm(p.t, d);
    w.advance(start + d - 1);
    EXPECT_TRUE(p.fired_at.empty()) << "delay " << d;
    w.advance(start + d);
    ASSERT_EQ(p.fired_at.size(), 1u) << "delay " << d;
    EXPECT_EQ(p.fired_at[0], start + d) << "delay " << d;
  }
}

TEST(timer_wheel, next_timeout_never_overshoots) {
  // Stepping by next_timeout_ms reaches each expiry exactly, with few steps.
  for (uint64_t d : {7ull, 300ull, 99999ull, 30000000ull}) {
    timer_wheel w(1);
    probe p;
    p.wheel = &w;
    w.arm(p.t, d);
    int steps = 0;
    while (p.fired_at.empty() && steps < 100) {
      const int64_t t = w.next_timeout_ms();
      ASSERT_GT(t, 0);
      ASSERT_LE(static_cast<uint64_t>(t), 1 + d - w.now());
      w.advance(w.now() + static_cast<uint64_t>(t));
      ++steps;
    }
    ASSERT_EQ(p.fired_at.size(), 1u);
    EXPECT_EQ(p.fired_at[0], 1 + d);
    EXPECT_LE(steps, 5) << "delay " << d;
  }
}

TEST(timer_wheel, ten_thousand_timers_fire_once_in_order) {
  timer_wheel w(0);
  std::mt19937_64 rng(42);
  std::vector<uint64_t> order;
  std::vector<std::unique_ptr<probe>> probes;
  for (int i = 0; i < 10000; ++i) {
    probes.push_back(std::make_unique<probe>());
    probe& p = *probes.back();
    p.wheel = &w;
    p.order = &order;
    // Mostly short delays, some far beyond one revolution.
    const uint64_t d = i % 10 == 0 ? rng() % 5'000'000 : rng() % 3000;
    w.arm(p.t, d);
  }
  EXPECT_EQ(w.size(), 10000u);
  uint64_t now = 0;
  while (w.size() > 0) {
    const size_t before = order.size();
    now += 1 + rng() % 5000;
    w.advance(now);
    for (size_t i = before; i < order.size(); ++i) ASSERT_LE(order[i], now);
  }
  ASSERT_EQ(order.size(), 10000u);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  for (auto& p : probes) {
    ASSERT_EQ(p->fired_at.size(), 1u);
    EXPECT_EQ(p->fired_at[0], p->t.expiry());  // fired at its own expiry tick
  }
}

TEST(timer_wheel, same_expiry_fires_in_arming_order) {
  timer_wheel w(0);
  std::vector<int> seen;
  struct tagged {
    timer t;
    int n;
    std::vector<int>* seen;
  };
  std::vector<std::unique_ptr<tagged>> ts;
  for (int i = 0; i < 50; ++i) {
    ts.push_back(std::make_unique<tagged>(tagged{{}, i, &seen}));
    ts.back()->t.ctx = ts.back().get();
    ts.back()->t.fn = [](timer& t) {
      auto* self = static_cast<tagged*>(t.ctx);
      self->seen->push_back(self->n);
    };
    w.arm(ts.back()->t, 700);
  }
  w.advance(700);
  ASSERT_EQ(seen.size(), 50u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST(timer_wheel, callbacks_may_rearm_and_cancel) {
  timer_wheel w(0);
  struct periodic {
    timer t;
    timer* victim = nullptr;
    timer_wheel* w = nullptr;
    int fired = 0;
  } p;
  probe victim;
  victim.wheel = &w;
  p.w = &w;
  p.victim = &victim.t;
  p.t.ctx = &p;
  p.t.fn = [](timer& t) {
    auto* self = static_cast<periodic*>(t.ctx);
    ++self->fired;
    self->w->cancel(*self->victim);  // due in the same tick: must not fire
    self->w->arm(t, 10);             // periodic
  };
  w.arm(p.t, 10);
  w.arm(victim.t, 10);
  w.advance(10);
  EXPECT_EQ(p.fired, 1);
  EXPECT_TRUE(victim.fired_at.empty());
  w.advance(55);
  EXPECT_EQ(p.fired, 5);
  // A callback re-arming with delay 0 waits for the next advance (no spin).
  p.t.fn = [](timer& t) {
    auto* self = static_cast<periodic*>(t.ctx);
    ++self->fired;
    self->w->arm(t, 0);
  };
  w.advance(60);
  EXPECT_EQ(p.fired, 6);
  w.advance(60);
  EXPECT_EQ(p.fired, 7);
  w.cancel(p.t);
}

TEST(timer_wheel, destructor_leaves_timers_unarmed) {
  probe p;
  {
    timer_wheel w(0);
    w.arm(p.t, 100);
    EXPECT_TRUE(w.armed(p.t));
  }
  timer_wheel w2(0);
  EXPECT_FALSE(w2.armed(p.t));
}

}  // namespace
}  // namespace sio::engine
