#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace sio::engine {

class frame;

/// Intrusive smart pointer to a frame: copy = +1, move = free, destructor = -1.
/// Safe to copy and destroy on any thread (the count is atomic); the frame is
/// freed by whichever thread drops the last reference.
class frame_ref {
 public:
  /// An empty reference.
  frame_ref() = default;
  /// Shares o's frame (+1).
  frame_ref(const frame_ref& o) noexcept;
  /// Takes o's reference; o becomes empty.
  frame_ref(frame_ref&& o) noexcept : _f(std::exchange(o._f, nullptr)) {}
  frame_ref& operator=(const frame_ref& o) noexcept;
  frame_ref& operator=(frame_ref&& o) noexcept;
  ~frame_ref();

  /// The frame, or nullptr when empty. Valid while this reference lives.
  const frame* get() const { return _f; }
  const frame* operator->() const { return _f; }
  const frame& operator*() const { return *_f; }
  /// True when not empty.
  explicit operator bool() const { return _f != nullptr; }
  /// Drops the reference (the pointer becomes empty).
  void reset() noexcept;

  /// Gives up ownership without dropping the count; pair with from_raw.
  frame* release() noexcept { return std::exchange(_f, nullptr); }
  /// Takes over one reference previously given up with release().
  static frame_ref from_raw(frame* f) noexcept {
    frame_ref r;
    r._f = f;
    return r;
  }

 private:
  frame* _f = nullptr;
};

/// Immutable refcounted bytes. Built once (copy, adopt or build), then only
/// read: a broadcast hands the same frame to every recipient's send queue, on
/// any shard. The bytes never move while a reference exists.
class frame {
 public:
  /// A new frame holding a copy of `bytes` (one allocation for header + bytes).
  static frame_ref copy(std::string_view bytes);
  /// A new frame that takes over the string's buffer: no copy of the bytes.
  static frame_ref adopt(std::string&& bytes);
  /// A new frame of `size` bytes filled in place by `fill(std::span<uint8_t>)`
  /// before anyone else can see it (encoders write straight into the frame).
  template <class Fill>
  static frame_ref build(size_t size, Fill&& fill) {
    uint8_t* bytes = nullptr;
    frame_ref r = allocate(size, bytes);
    fill(std::span<uint8_t>(bytes, size));
    return r;
  }

  /// The bytes (never moved or changed while a reference exists).
  const uint8_t* data() const { return _data; }
  size_t size() const { return _size; }
  /// The bytes as text.
  std::string_view view() const { return {reinterpret_cast<const char*>(_data), _size}; }
  /// Current reference count (a hint for tests and diagnostics: racy by nature).
  uint32_t use_count() const { return _refs.load(std::memory_order_relaxed); }

  frame(const frame&) = delete;
  frame& operator=(const frame&) = delete;

 private:
  friend class frame_ref;
  enum class kind : uint8_t { inline_bytes, adopted };

  frame(kind k, const uint8_t* data, size_t size) : _kind(k), _size(size), _data(data) {}
  ~frame() = default;

  static frame_ref allocate(size_t size, uint8_t*& bytes);
  void add_ref() const { _refs.fetch_add(1, std::memory_order_relaxed); }
  void drop_ref() const {
    if (_refs.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy(const_cast<frame*>(this));
  }
  static void destroy(frame* f);

  mutable std::atomic<uint32_t> _refs{1};
  kind _kind;
  size_t _size;
  const uint8_t* _data;
};

inline frame_ref::frame_ref(const frame_ref& o) noexcept : _f(o._f) {
  if (_f) _f->add_ref();
}
inline frame_ref& frame_ref::operator=(const frame_ref& o) noexcept {
  frame* f = o._f;  // read first: o may be *this
  if (f) f->add_ref();
  reset();
  _f = f;
  return *this;
}
inline frame_ref& frame_ref::operator=(frame_ref&& o) noexcept {
  if (this != &o) {
    reset();
    _f = std::exchange(o._f, nullptr);
  }
  return *this;
}
inline frame_ref::~frame_ref() {
  reset();
}
inline void frame_ref::reset() noexcept {
  if (frame* f = std::exchange(_f, nullptr)) f->drop_ref();
}

}  // namespace sio::engine
