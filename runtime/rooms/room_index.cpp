#include <sio/runtime/rooms/room_index.hpp>

#include <utility>

namespace sio::runtime {

namespace {
constexpr size_t initial_buckets = 16;
}  // namespace

// Linear probing from the id's home bucket. Names are compared only when the
// full 64-bit ids match, so a collision (two names, one id) is two entries on
// the same chain and each lookup finds its own. Terminates: the table is at
// most half full, so every chain ends at an empty bucket.
size_t room_index::probe(std::string_view name, room_id id, bool& found) const {
  found = false;
  const size_t mask = _buckets.size() - 1;
  for (size_t i = home(id);; i = (i + 1) & mask) {
    const bucket& b = _buckets[i];
    if (b.pos == empty_pos) return i;
    if (b.id == id && _rooms[b.pos].name == name) {
      found = true;
      return i;
    }
  }
}

void room_index::grow() {
  const size_t size = _buckets.empty() ? initial_buckets : _buckets.size() * 2;
  _buckets.assign(size, bucket{0, empty_pos});
  const size_t mask = size - 1;
  for (size_t pos = 0; pos < _live; ++pos) {
    size_t i = home(_rooms[pos].id);
    while (_buckets[i].pos != empty_pos) i = (i + 1) & mask;
    _buckets[i] = bucket{_rooms[pos].id, static_cast<uint32_t>(pos)};
  }
}

bool room_index::join(std::string_view name, uint32_t slot) {
  const room_id id = _hash(name);
  bool found = false;
  size_t b = _buckets.empty() ? 0 : probe(name, id, found);
  if (found) return _rooms[_buckets[b].pos].members.insert(slot);

  if ((_live + 1) * 2 > _buckets.size()) {
    grow();
    b = probe(name, id, found);
  }
  // Reuse a spare room (name and member buffers) left by an earlier removal.
  if (_live == _rooms.size()) _rooms.emplace_back();
  room& r = _rooms[_live];
  r.name.assign(name);
  r.id = id;
  r.members.clear();
  r.members.insert(slot);
  _buckets[b] = bucket{id, static_cast<uint32_t>(_live)};
  ++_live;
  return true;
}

bool room_index::leave(std::string_view name, uint32_t slot) {
  if (_live == 0) return false;
  bool found = false;
  const size_t b = probe(name, _hash(name), found);
  if (!found) return false;
  slot_set& members = _rooms[_buckets[b].pos].members;
  if (!members.erase(slot)) return false;
  if (members.empty()) remove_room(b);
  return true;
}

// Frees bucket `b` by backward-shift deletion (no tombstones, so lookups never
// slow down with churn), then keeps [0, _live) dense by moving the last room
// into the freed position.
void room_index::remove_room(size_t b) {
  const size_t mask = _buckets.size() - 1;
  const size_t pos = _buckets[b].pos;
  const size_t last = _live - 1;

  size_t hole = b;
  for (size_t i = (hole + 1) & mask; _buckets[i].pos != empty_pos; i = (i + 1) & mask) {
    // Entry i may fill the hole when its home is not in (hole, i] cyclically,
    // i.e. it is at least as far from home as the hole is behind it.
    if (((i - home(_buckets[i].id)) & mask) >= ((i - hole) & mask)) {
      _buckets[hole] = _buckets[i];
      hole = i;
    }
  }
  _buckets[hole] = bucket{0, empty_pos};

  if (pos != last) {
    std::swap(_rooms[pos], _rooms[last]);
    for (size_t i = home(_rooms[pos].id);; i = (i + 1) & mask) {
      if (_buckets[i].pos == last) {
        _buckets[i].pos = static_cast<uint32_t>(pos);
        break;
      }
    }
  }
  --_live;
}

const slot_set* room_index::find(std::string_view name) const {
  if (_live == 0) return nullptr;
  bool found = false;
  const size_t b = probe(name, _hash(name), found);
  return found ? &_rooms[_buckets[b].pos].members : nullptr;
}

bool room_index::contains(std::string_view room, uint32_t slot) const {
  const slot_set* members = find(room);
  return members != nullptr && members->contains(slot);
}

size_t room_index::member_count(std::string_view room) const {
  const slot_set* members = find(room);
  return members != nullptr ? members->size() : 0;
}

void room_index::clear() {
  for (size_t pos = 0; pos < _live; ++pos) _rooms[pos].members.clear();
  _live = 0;
  for (bucket& b : _buckets) b = bucket{0, empty_pos};
}

void room_index::shrink_to_fit() {
  _rooms.resize(_live);
  _rooms.shrink_to_fit();
}

}  // namespace sio::runtime
