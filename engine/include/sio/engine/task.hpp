#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace sio::engine {

/// A move-only, type-erased `void()` callable for mailbox and deferred work.
/// Callables up to `inline_size` bytes that are nothrow-movable live inside the
/// task (no allocation); larger ones are boxed on the heap once. Invoking an
/// empty (default-constructed or moved-from) task is a programming error.
class task {
 public:
  static constexpr size_t inline_size = 48;

  task() noexcept = default;

  template <class F, class D = std::decay_t<F>,
            class = std::enable_if_t<!std::is_same_v<D, task> && std::is_invocable_r_v<void, D&>>>
  task(F&& f) {  // NOLINT(google-explicit-constructor): a lambda converts implicitly
    if constexpr (sizeof(D) <= inline_size && alignof(D) <= alignof(std::max_align_t) &&
                  std::is_nothrow_move_constructible_v<D>) {
      ::new (static_cast<void*>(_buf)) D(std::forward<F>(f));
      _vt = &inline_vtable<D>;
    } else {
      ::new (static_cast<void*>(_buf)) D*(new D(std::forward<F>(f)));
      _vt = &boxed_vtable<D>;
    }
  }

  task(task&& o) noexcept : _vt(o._vt) {
    if (_vt) {
      _vt->move(_buf, o._buf);
      o._vt = nullptr;
    }
  }
  task& operator=(task&& o) noexcept {
    if (this != &o) {
      reset();
      if (o._vt) {
        _vt = o._vt;
        _vt->move(_buf, o._buf);
        o._vt = nullptr;
      }
    }
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() { reset(); }

  /// Runs the callable (it stays valid: a task may be run more than once).
  void operator()() { _vt->call(_buf); }
  explicit operator bool() const { return _vt != nullptr; }
  /// Destroys the held callable, leaving the task empty.
  void reset() noexcept {
    if (_vt) {
      _vt->destroy(_buf);
      _vt = nullptr;
    }
  }

 private:
  struct vtable {
    void (*call)(void*);
    void (*move)(void* dst, void* src) noexcept;  // move-construct dst, destroy src
    void (*destroy)(void*) noexcept;
  };

  template <class D>
  static constexpr vtable inline_vtable = {
      [](void* p) { (*std::launder(static_cast<D*>(p)))(); },
      [](void* dst, void* src) noexcept {
        D* s = std::launder(static_cast<D*>(src));
        ::new (dst) D(std::move(*s));
        s->~D();
      },
      [](void* p) noexcept { std::launder(static_cast<D*>(p))->~D(); },
  };
  template <class D>
  static constexpr vtable boxed_vtable = {
      [](void* p) { (**std::launder(static_cast<D**>(p)))(); },
      [](void* dst, void* src) noexcept { ::new (dst) D*(*std::launder(static_cast<D**>(src))); },
      [](void* p) noexcept { delete *std::launder(static_cast<D**>(p)); },
  };

  alignas(std::max_align_t) unsigned char _buf[inline_size];
  const vtable* _vt = nullptr;
};

}  // namespace sio::engine
