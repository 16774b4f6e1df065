#pragma once

#include <cstdint>

namespace sio::engine {

class timer_wheel;

namespace detail {
/// Doubly linked list hook shared by timers and the wheel's slot heads.
struct timer_link {
  timer_link* next = nullptr;
  timer_link* prev = nullptr;  // nullptr while the timer is not armed
};
}  // namespace detail

/// Intrusive timer: embed it in the object it belongs to and arm it on the
/// owning shard's timer_wheel. It must not move or be destroyed while armed
/// (cancel it first). Copying yields an unarmed timer with the same fn/ctx.
struct timer : private detail::timer_link {
  /// Called on the shard's thread when the timer fires (it is already unarmed,
  /// so fn may re-arm it or destroy its owner).
  void (*fn)(timer&) = nullptr;
  /// Free for the owner (typically the object the timer is embedded in).
  void* ctx = nullptr;

  timer() = default;
  timer(void (*f)(timer&), void* c) : fn(f), ctx(c) {}
  timer(const timer& o) : detail::timer_link(), fn(o.fn), ctx(o.ctx) {}
  timer& operator=(const timer& o) {
    fn = o.fn;
    ctx = o.ctx;
    return *this;
  }

  /// Expiry in the wheel's milliseconds; meaningful only while armed.
  uint64_t expiry() const { return _expiry; }

 private:
  friend class timer_wheel;
  uint64_t _expiry = 0;
};

}  // namespace sio::engine
