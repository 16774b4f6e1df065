#pragma once

#include <cstddef>
#include <cstdint>

#include <sio/engine/timer.hpp>

namespace sio::engine {

/// Hierarchical timing wheel with millisecond ticks: four levels of 256 slots
/// (exact to 2^32 ms, about 49 days) plus an overflow list re-hashed once per
/// 2^32 ms. Arm and cancel are O(1); a timer cascades down at most three times
/// before it fires; occupancy bitmaps let advance() and next_timeout_ms() skip
/// empty slots. Time is explicit (advance(now_ms)), so it is unit-testable.
/// Not thread-safe: a shard's wheel is used on that shard's thread only.
class timer_wheel {
 public:
  /// A wheel whose current time is `now_ms`.
  explicit timer_wheel(uint64_t now_ms);
  /// Timers still armed are unlinked (they read as not armed afterwards).
  ~timer_wheel();
  timer_wheel(const timer_wheel&) = delete;
  timer_wheel& operator=(const timer_wheel&) = delete;

  /// Arms `t` to fire `delay_ms` after the wheel's current time (re-arming an
  /// armed timer moves it). Delay 0 fires on the next advance(). `t.fn` must be set.
  void arm(timer& t, uint64_t delay_ms);
  /// Disarms `t`; a no-op when it is not armed.
  void cancel(timer& t);
  /// True between arm() and its firing or cancel().
  bool armed(const timer& t) const;
  /// Moves time to `now_ms` (never backwards) and fires every timer due by
  /// then: timers with an earlier expiry fire first, equal expiries in arming
  /// order. Callbacks may arm and cancel timers, including the one firing.
  void advance(uint64_t now_ms);
  /// Milliseconds from the wheel's current time until it must be advanced
  /// again (the next expiry, or an earlier internal cascade), 0 when a timer is
  /// already due, -1 when nothing is armed.
  int64_t next_timeout_ms() const;
  /// The wheel's current time (the last advance(), or the constructor's).
  uint64_t now() const { return _now; }
  /// Number of armed timers.
  size_t size() const { return _count; }

 private:
  using link = detail::timer_link;
  static constexpr unsigned slot_bits = 8;
  static constexpr unsigned slots = 1u << slot_bits;
  static constexpr unsigned levels = 4;
  static constexpr uint64_t none = UINT64_MAX;

  static void init_list(link& head);
  static bool list_empty(const link& head) { return head.next == &head; }
  static void push_back(link& head, link& n);
  static void splice_all(link& from, link& to);
  static timer& owner(link* l) { return static_cast<timer&>(*l); }

  // Places an armed timer by its expiry relative to _now; false when it is
  // already due (the caller decides where due timers go).
  bool place(timer& t);
  void unlink(timer& t);
  void fire_list(link& list);
  void cascade(link& head, link& due);
  uint64_t next_event() const;

  link _heads[levels][slots];
  link _overflow;
  link _due;
  uint64_t _bitmap[levels][slots / 64] = {};
  uint64_t _now;
  size_t _count = 0;
};

}  // namespace sio::engine
