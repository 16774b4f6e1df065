#pragma once
// A value-or-error result for the codecs (C++20 has no std::expected).
// Success holds a T; failure holds the layer's flat errc enum.

#include <cassert>
#include <type_traits>
#include <utility>

namespace sio::proto {

template <class E>
struct unexpected {
  E error;
};

template <class E>
unexpected(E) -> unexpected<E>;

template <class T, class E>
class result {
 public:
  result(T value) : _value(std::move(value)), _ok(true) {}  // NOLINT: implicit by design
  result(unexpected<E> e) : _error(e.error), _ok(false) {}  // NOLINT

  bool has_value() const { return _ok; }
  explicit operator bool() const { return _ok; }

  T& value() & {
    assert(_ok);
    return _value;
  }
  const T& value() const& {
    assert(_ok);
    return _value;
  }
  T&& value() && {
    assert(_ok);
    return std::move(_value);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  E error() const {
    assert(!_ok);
    return _error;
  }

 private:
  T _value{};
  E _error{};
  bool _ok;
};

}  // namespace sio::proto
