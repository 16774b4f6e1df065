#include <sio/runtime/rooms/slot_set.hpp>

#include <algorithm>

namespace sio::runtime {

namespace {

using chunk = slot_set::chunk;

constexpr uint32_t word_of(uint32_t slot) {
  return slot >> 6;
}
constexpr uint64_t bit_of(uint32_t slot) {
  return uint64_t{1} << (slot & 63);
}

template <class Ptr>
Ptr lower_bound(Ptr first, Ptr last, uint32_t word) {
  return std::lower_bound(first, last, word, [](const chunk& c, uint32_t w) { return c.word < w; });
}

// The first chunk of [pos, last) whose word is >= `word`, by exponential then
// binary search: O(1) when the next word is at hand (merging two sets of like
// density), O(log distance) when one side is much sparser (a small room
// against a large one), so no merge has to choose a strategy up front.
template <class Ptr>
Ptr seek(Ptr pos, Ptr last, uint32_t word) {
  if (pos == last || pos->word >= word) return pos;
  const size_t left = static_cast<size_t>(last - pos);
  size_t bound = 1;
  while (bound < left && pos[bound].word < word) bound *= 2;
  // pos[bound / 2] is below `word` (or is pos itself); the answer is at most
  // pos + bound.
  return lower_bound(pos + bound / 2, pos + std::min(bound, left), word);
}

}  // namespace

namespace {

size_t count_portable(const chunk* c, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) count += static_cast<size_t>(std::popcount(c[i].bits));
  return count;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__POPCNT__)
// The baseline x86-64 target has no POPCNT instruction, so std::popcount
// becomes a library call per word; every x86-64 CPU this runs on has it, so
// count with it when the CPU says so.
__attribute__((target("popcnt"))) size_t count_popcnt(const chunk* c, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) count += static_cast<size_t>(__builtin_popcountll(c[i].bits));
  return count;
}

size_t count_words(const chunk* c, size_t n) {
  static const bool has_popcnt = __builtin_cpu_supports("popcnt");
  return has_popcnt ? count_popcnt(c, n) : count_portable(c, n);
}
#else
size_t count_words(const chunk* c, size_t n) {
  return count_portable(c, n);
}
#endif

}  // namespace

size_t slot_set::count_bits() const {
  return count_words(_chunks.data(), _chunks.size());
}

bool slot_set::insert(uint32_t slot) {
  const uint32_t word = word_of(slot);
  const uint64_t bit = bit_of(slot);
  // Slots are handed out low first, so joins mostly land in or after the last chunk.
  if (_chunks.empty() || _chunks.back().word < word) {
    _chunks.push_back({word, bit});
  } else {
    chunk* it = lower_bound(_chunks.data(), _chunks.data() + _chunks.size(), word);
    if (it->word == word) {
      if ((it->bits & bit) != 0) return false;
      it->bits |= bit;
    } else {
      _chunks.insert(_chunks.begin() + (it - _chunks.data()), chunk{word, bit});
    }
  }
  if (_count != unknown_count) ++_count;
  return true;
}

bool slot_set::erase(uint32_t slot) {
  const uint32_t word = word_of(slot);
  const uint64_t bit = bit_of(slot);
  chunk* end = _chunks.data() + _chunks.size();
  chunk* it = lower_bound(_chunks.data(), end, word);
  if (it == end || it->word != word || (it->bits & bit) == 0) return false;
  it->bits &= ~bit;
  if (_count != unknown_count) --_count;
  // No zero chunk is kept, so an emptied set is empty() at once and costs
  // nothing to walk.
  if (it->bits == 0) _chunks.erase(_chunks.begin() + (it - _chunks.data()));
  return true;
}

bool slot_set::contains(uint32_t slot) const {
  const uint32_t word = word_of(slot);
  const chunk* end = _chunks.data() + _chunks.size();
  const chunk* it = lower_bound(_chunks.data(), end, word);
  return it != end && it->word == word && (it->bits & bit_of(slot)) != 0;
}

void slot_set::assign(const slot_set& other) {
  if (this == &other) return;
  // assign() keeps the buffer when it is large enough, unlike a fresh copy.
  _chunks.assign(other._chunks.begin(), other._chunks.end());
  _count = other._count;
}

void slot_set::assign_union(const slot_set& a, const slot_set& b) {
  if (this == &a) return unite(b);
  if (this == &b) return unite(a);
  if (a.empty() || b.empty()) return assign(a.empty() ? b : a);
  const size_t n = a._chunks.size();
  const size_t m = b._chunks.size();
  // Sized up front (no zeroing, see uninit_allocator), written through a
  // pointer, trimmed at the end.
  _chunks.resize(n + m);
  chunk* out = _chunks.data();
  const chunk* x = a._chunks.data();
  const chunk* const x_end = x + n;
  const chunk* y = b._chunks.data();
  const chunk* const y_end = y + m;
  while (x != x_end && y != y_end) {
    if (x->word == y->word) {
      *out++ = chunk{x->word, x->bits | y->bits};
      ++x;
      ++y;
    } else if (x->word < y->word) {
      *out++ = *x++;
    } else {
      *out++ = *y++;
    }
  }
  out = std::copy(x, x_end, out);
  out = std::copy(y, y_end, out);
  _chunks.resize(static_cast<size_t>(out - _chunks.data()));
  _count = unknown_count;
}

void slot_set::unite(const slot_set& other) {
  if (this == &other || other.empty()) return;
  if (empty()) return assign(other);
  const size_t n = _chunks.size();
  const size_t m = other._chunks.size();

  // Pass 1: OR `other` into the chunks both sets have; count the words only
  // `other` has. When there are none (a subset, or a sparse set into a dense
  // one) the union is done in place.
  size_t missing = 0;
  chunk* pos = _chunks.data();
  chunk* const end = pos + n;
  for (const chunk& c : other._chunks) {
    pos = seek(pos, end, c.word);
    if (pos != end && pos->word == c.word) {
      pos->bits |= c.bits;
      ++pos;
    } else {
      ++missing;
    }
  }
  _count = unknown_count;
  if (missing == 0) return;

  // Pass 2: grow once and merge from the back, so no chunk is read after it
  // was overwritten and no scratch buffer is needed.
  _chunks.resize(n + missing);
  size_t i = n;  // unread chunks of this set: [0, i)
  size_t j = m;  // unread chunks of other: [0, j)
  size_t k = n + missing;
  while (j > 0) {
    const chunk& theirs = other._chunks[j - 1];
    if (i > 0 && _chunks[i - 1].word >= theirs.word) {
      // Equal words were already ORed in pass 1.
      if (_chunks[i - 1].word == theirs.word) --j;
      _chunks[--k] = _chunks[--i];
    } else {
      _chunks[--k] = theirs;
      --j;
    }
  }
  // What remains of this set, [0, i), is already in place (k == i).
}

void slot_set::subtract(const slot_set& other) {
  if (empty() || other.empty()) return;
  if (this == &other) return clear();
  chunk* pos = _chunks.data();
  chunk* const end = pos + _chunks.size();

  // Clear bits first, then drop the chunks that became zero in one
  // compaction pass (only when one did).
  bool emptied = false;
  for (const chunk& c : other._chunks) {
    pos = seek(pos, end, c.word);
    if (pos == end) break;
    if (pos->word != c.word) continue;
    pos->bits &= ~c.bits;
    emptied |= pos->bits == 0;
    ++pos;
  }
  _count = unknown_count;
  if (emptied) {
    auto kept =
        std::remove_if(_chunks.begin(), _chunks.end(), [](const chunk& c) { return c.bits == 0; });
    _chunks.erase(kept, _chunks.end());
  }
}

void slot_set::intersect(const slot_set& other) {
  if (this == &other || empty()) return;
  if (other.empty()) return clear();
  const chunk* theirs = other._chunks.data();
  const chunk* const theirs_end = theirs + other._chunks.size();
  size_t out = 0;
  for (const chunk& c : _chunks) {
    theirs = seek(theirs, theirs_end, c.word);
    if (theirs == theirs_end) break;
    if (theirs->word != c.word) continue;
    const uint64_t bits = c.bits & theirs->bits;
    ++theirs;
    if (bits != 0) _chunks[out++] = chunk{c.word, bits};
  }
  _chunks.resize(out);
  _count = unknown_count;
}

}  // namespace sio::runtime
