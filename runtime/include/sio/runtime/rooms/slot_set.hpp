#pragma once
// A set of socket slots (the dense per-shard socket numbers) as a chunked
// bitmap: a vector of {word index, 64 bits} sorted by word index, holding no
// all-zero chunk. A sparse set costs one chunk per member at most; a dense one
// costs one chunk per 64 slots. Set algebra is a merge over sorted words, so a
// broadcast's (A | B) & ~C costs a pass over the chunks, not over the members.
// Not thread-safe: a set belongs to one shard.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <utility>
#include <vector>

namespace sio::runtime {

namespace detail {
// Leaves trivially constructible elements uninitialized on resize(): set
// algebra sizes its output up front and writes every element, so zeroing it
// first would only double the memory traffic of a broadcast's merge.
template <class T>
struct uninit_allocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = uninit_allocator<U>;
  };
  using std::allocator<T>::allocator;
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
}  // namespace detail

class slot_set {
 public:
  /// Slots word * 64 .. word * 64 + 63: bit i of `bits` is slot word * 64 + i.
  struct chunk {
    uint32_t word;
    uint64_t bits;
    bool operator==(const chunk&) const = default;
  };

  slot_set() = default;

  /// Adds `slot`; returns true if it was not a member. May allocate (a new chunk).
  bool insert(uint32_t slot);
  /// Removes `slot`; returns true if it was a member. Never allocates.
  bool erase(uint32_t slot);
  bool contains(uint32_t slot) const;

  /// Number of members. O(1) after insert/erase; the first call after a set
  /// operation counts the bits once (set algebra skips the popcounts so a
  /// broadcast that only walks its targets never pays for them).
  size_t size() const {
    if (_count == unknown_count) _count = count_bits();
    return _count;
  }
  /// O(1): a set holds no all-zero chunk.
  bool empty() const { return _chunks.empty(); }

  /// Calls fn(uint32_t slot) for each member in ascending order. `fn` must not
  /// modify this set.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (const chunk& c : _chunks) {
      const uint32_t base = c.word << 6;
      for (uint64_t bits = c.bits; bits != 0; bits &= bits - 1) {
        fn(base + static_cast<uint32_t>(std::countr_zero(bits)));
      }
    }
  }

  /// this |= other: one merge over the sorted chunks. Allocates only when the
  /// union has more chunks than this set's capacity holds.
  void unite(const slot_set& other);
  /// this = a | b: one forward merge into this set's buffer (a broadcast to two
  /// rooms). `a` or `b` may be this set.
  void assign_union(const slot_set& a, const slot_set& b);
  /// this &= ~other: in place, never allocates.
  void subtract(const slot_set& other);
  /// this &= other: in place, never allocates.
  void intersect(const slot_set& other);
  /// Becomes a copy of `other`, reusing this set's buffer (no allocation once
  /// the capacity suffices). Self-assignment is a no-op.
  void assign(const slot_set& other);

  /// Removes every member; keeps the buffer for reuse.
  void clear() {
    _chunks.clear();
    _count = 0;
  }
  /// Releases the spare capacity (after a large set shrank).
  void shrink_to_fit() { _chunks.shrink_to_fit(); }

  /// The sorted chunks, for a caller that walks words itself. Valid until the
  /// next change to this set.
  std::span<const chunk> chunks() const { return _chunks; }
  size_t chunk_count() const { return _chunks.size(); }

  bool operator==(const slot_set& other) const { return _chunks == other._chunks; }

 private:
  static constexpr size_t unknown_count = SIZE_MAX;
  size_t count_bits() const;

  std::vector<chunk, detail::uninit_allocator<chunk>> _chunks;  // sorted by word, no zero bits
  // Cached member count, or unknown_count after a set operation. Mutable: a
  // set belongs to one shard, so the const size() may fill it in.
  mutable size_t _count = 0;
};

static_assert(sizeof(slot_set::chunk) == 16);
static_assert(sizeof(slot_set) == 32, "a room's member set stays small");

}  // namespace sio::runtime
