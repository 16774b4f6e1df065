#include <sio/engine/timer_wheel.hpp>

#include <bit>

namespace sio::engine {

timer_wheel::timer_wheel(uint64_t now_ms) : _now(now_ms) {
  for (auto& level : _heads)
    for (auto& head : level) init_list(head);
  init_list(_overflow);
  init_list(_due);
}

timer_wheel::~timer_wheel() {
  auto drop = [](link& head) {
    for (link* l = head.next; l != &head;) {
      link* next = l->next;
      l->next = l->prev = nullptr;
      l = next;
    }
    init_list(head);
  };
  for (auto& level : _heads)
    for (auto& head : level) drop(head);
  drop(_overflow);
  drop(_due);
}

void timer_wheel::init_list(link& head) {
  head.next = head.prev = &head;
}

void timer_wheel::push_back(link& head, link& n) {
  n.prev = head.prev;
  n.next = &head;
  head.prev->next = &n;
  head.prev = &n;
}

void timer_wheel::splice_all(link& from, link& to) {
  if (list_empty(from)) return;
  link* first = from.next;
  link* last = from.prev;
  first->prev = to.prev;
  to.prev->next = first;
  last->next = &to;
  to.prev = last;
  init_list(from);
}

void timer_wheel::arm(timer& t, uint64_t delay_ms) {
  if (armed(t)) unlink(t);
  t._expiry = delay_ms > UINT64_MAX - _now ? UINT64_MAX : _now + delay_ms;
  ++_count;
  if (!place(t)) push_back(_due, t);
}

void timer_wheel::cancel(timer& t) {
  if (armed(t)) unlink(t);
}

bool timer_wheel::armed(const timer& t) const {
  return t.prev != nullptr;
}

bool timer_wheel::place(timer& t) {
  const uint64_t e = t._expiry;
  if (e <= _now) return false;
  // The highest bit where expiry and now differ picks the level: a timer sits
  // in the lowest level whose next-higher block it shares with now, so its
  // slot index is strictly ahead of now's index at that level.
  const unsigned high = 63u - static_cast<unsigned>(std::countl_zero(e ^ _now));
  const unsigned level = high / slot_bits;
  if (level >= levels) {
    push_back(_overflow, t);
    return true;
  }
  const unsigned idx = static_cast<unsigned>(e >> (level * slot_bits)) & (slots - 1);
  push_back(_heads[level][idx], t);
  _bitmap[level][idx / 64] |= uint64_t{1} << (idx % 64);
  return true;
}

void timer_wheel::unlink(timer& t) {
  link* prev = t.prev;
  link* next = t.next;
  prev->next = next;
  next->prev = prev;
  t.next = t.prev = nullptr;
  --_count;
  // A link pointing to itself is a list head that just became empty; when it
  // is one of the slot heads, clear its occupancy bit.
  if (prev->next == prev) {
    const link* base = &_heads[0][0];
    if (prev >= base && prev < base + levels * slots) {
      const auto flat = static_cast<unsigned>(prev - base);
      const unsigned level = flat / slots;
      const unsigned idx = flat % slots;
      _bitmap[level][idx / 64] &= ~(uint64_t{1} << (idx % 64));
    }
  }
}

uint64_t timer_wheel::next_event() const {
  for (unsigned level = 0; level < levels; ++level) {
    const unsigned shift = level * slot_bits;
    const unsigned start = (static_cast<unsigned>(_now >> shift) & (slots - 1)) + 1;
    for (unsigned word = start / 64; word < slots / 64; ++word) {
      uint64_t bits = _bitmap[level][word];
      if (word == start / 64) bits &= ~uint64_t{0} << (start % 64);
      if (bits) {
        const uint64_t idx = word * 64u + static_cast<unsigned>(std::countr_zero(bits));
        const unsigned block_shift = shift + slot_bits;
        const uint64_t block = block_shift >= 64 ? 0 : (_now >> block_shift) << block_shift;
        // Lower levels always hold earlier events than higher ones.
        return block | (idx << shift);
      }
    }
  }
  if (!list_empty(_overflow)) {
    const uint64_t block = (_now >> 32) + 1;
    return block >= (uint64_t{1} << 32) ? none : block << 32;
  }
  return none;
}

void timer_wheel::cascade(link& head, link& due) {
  link moving;
  init_list(moving);
  splice_all(head, moving);
  while (!list_empty(moving)) {
    link* l = moving.next;
    l->next->prev = &moving;
    moving.next = l->next;
    timer& t = owner(l);
    if (!place(t)) push_back(due, t);
  }
}

void timer_wheel::fire_list(link& list) {
  while (!list_empty(list)) {
    timer& t = owner(list.next);
    unlink(t);
    t.fn(t);
  }
}

void timer_wheel::advance(uint64_t now_ms) {
  link firing;
  init_list(firing);
  // Delay-0 timers armed since the last advance; ones armed by these callbacks
  // wait for the next advance, so a self re-arming timer cannot spin here.
  splice_all(_due, firing);
  fire_list(firing);

  for (uint64_t ev = next_event(); ev != none && ev <= now_ms; ev = next_event()) {
    _now = ev;
    // Entering a new block at some level: move that level's slot for the block
    // down, highest level first. Timers expiring exactly now come out due.
    if ((ev & 0xffffffffu) == 0) cascade(_overflow, firing);
    for (unsigned level = levels - 1; level >= 1; --level) {
      const unsigned shift = level * slot_bits;
      if ((ev & ((uint64_t{1} << shift) - 1)) != 0) continue;
      const unsigned idx = static_cast<unsigned>(ev >> shift) & (slots - 1);
      if (_bitmap[level][idx / 64] & (uint64_t{1} << (idx % 64))) {
        _bitmap[level][idx / 64] &= ~(uint64_t{1} << (idx % 64));
        cascade(_heads[level][idx], firing);
      }
    }
    const unsigned idx0 = static_cast<unsigned>(ev) & (slots - 1);
    if (_bitmap[0][idx0 / 64] & (uint64_t{1} << (idx0 % 64))) {
      _bitmap[0][idx0 / 64] &= ~(uint64_t{1} << (idx0 % 64));
      splice_all(_heads[0][idx0], firing);
    }
    fire_list(firing);
  }
  if (now_ms > _now) _now = now_ms;
}

int64_t timer_wheel::next_timeout_ms() const {
  if (!list_empty(_due)) return 0;
  const uint64_t ev = next_event();
  if (ev == none) return -1;
  const uint64_t d = ev - _now;
  return d > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(d);
}

}  // namespace sio::engine
