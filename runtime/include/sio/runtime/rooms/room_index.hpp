#pragma once
// The rooms of one (shard, namespace): room name -> set of socket slots.
// Names are interned once to a room_id (xxHash3-64) in an open-addressing
// table; the name is kept beside its set for listing and to tell apart two
// names that hash alike, so a hash collision costs a probe, never a wrong room.
// Pure data: no I/O, no clock, no locks. Every call is on the owning shard's
// thread. Rooms removed when they empty out keep their buffers for the next
// room created, so join/leave churn does not allocate in steady state.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sio/runtime/rooms/room_id.hpp>
#include <sio/runtime/rooms/slot_set.hpp>

namespace sio::runtime {

class room_index {
 public:
  /// Maps a room name to its id. Must be pure and the same on every shard.
  using hash_fn = room_id (*)(std::string_view name);

  room_index() = default;
  /// Uses `hash` instead of hash_room: a test hook (a constant hash forces every
  /// name into one collision chain).
  explicit room_index(hash_fn hash) : _hash(hash) {}
  room_index(const room_index&) = delete;
  room_index& operator=(const room_index&) = delete;
  /// A moved-from index is empty and usable.
  room_index(room_index&& other) noexcept
      : _hash(other._hash),
        _rooms(std::move(other._rooms)),
        _live(std::exchange(other._live, 0)),
        _buckets(std::move(other._buckets)) {
    other._rooms.clear();
    other._buckets.clear();
  }
  room_index& operator=(room_index&& other) noexcept {
    if (this != &other) {
      _hash = other._hash;
      _rooms = std::move(other._rooms);
      _live = std::exchange(other._live, 0);
      _buckets = std::move(other._buckets);
      other._rooms.clear();
      other._buckets.clear();
    }
    return *this;
  }

  /// Adds `slot` to the room (creates it); returns true if it was not a member.
  /// Invalidates pointers returned by find().
  bool join(std::string_view room, uint32_t slot);
  /// Removes `slot` from the room; removes the room when it becomes empty.
  /// Returns true if the slot was a member. Invalidates pointers from find().
  bool leave(std::string_view room, uint32_t slot);
  /// Removes the slot from every room in `rooms_of_slot` (the socket's own list
  /// of joined rooms: any range of std::string or std::string_view). Returns
  /// how many rooms it was in. The other rooms are not searched.
  template <class Rooms>
  size_t leave_all(const Rooms& rooms_of_slot, uint32_t slot) {
    size_t left = 0;
    for (const auto& room : rooms_of_slot) left += leave(std::string_view(room), slot) ? 1 : 0;
    return left;
  }

  /// The room's members, or nullptr when no such room exists. Valid until the
  /// next join() or leave().
  const slot_set* find(std::string_view room) const;
  bool contains(std::string_view room, uint32_t slot) const;
  /// Number of (non-empty) rooms.
  size_t room_count() const { return _live; }
  /// Number of members of the room (0 when it does not exist).
  size_t member_count(std::string_view room) const;

  /// Target set for a broadcast: (⋃ rooms) \ (⋃ except rooms); with no rooms,
  /// all `live` slots (the namespace's sockets) minus the except rooms. A
  /// socket in two target rooms appears once. Unknown names count as empty
  /// rooms. `out` is overwritten and its buffer reused; it must not be a set
  /// owned by this index.
  void select(std::span<const std::string_view> rooms, std::span<const std::string_view> except,
              const slot_set& live, slot_set& out) const {
    select(rooms, except, std::span<const uint32_t>{}, live, out);
  }
  /// The same, also leaving out `except_slots` (a socket's own broadcast).
  /// `rooms` and `except` are any ranges of std::string or std::string_view.
  template <class Rooms, class Except>
  void select(const Rooms& rooms, const Except& except, std::span<const uint32_t> except_slots,
              const slot_set& live, slot_set& out) const;

  /// Calls fn(std::string_view name, const slot_set& members) once per room,
  /// in no particular order. `fn` must not join or leave.
  template <class Fn>
  void for_each_room(Fn&& fn) const {
    for (size_t i = 0; i < _live; ++i) fn(std::string_view(_rooms[i].name), _rooms[i].members);
  }

  /// Removes every room (buffers kept for reuse).
  void clear();
  /// Frees the buffers kept from removed rooms.
  void shrink_to_fit();

 private:
  struct room {
    std::string name;
    room_id id = 0;
    slot_set members;
  };
  // A table entry: the hash is kept here so a probe compares names only on a
  // full 64-bit hash match.
  struct bucket {
    room_id id;
    uint32_t pos;  // index into _rooms, or empty_pos
  };
  static constexpr uint32_t empty_pos = UINT32_MAX;

  // The bucket holding `name`, or the empty bucket where it would go.
  size_t probe(std::string_view name, room_id id, bool& found) const;
  size_t home(room_id id) const { return static_cast<size_t>(id) & (_buckets.size() - 1); }
  void grow();
  void remove_room(size_t bucket_index);

  hash_fn _hash = &hash_room;
  std::vector<room> _rooms;  // [0, _live) are rooms; the rest are spare buffers
  size_t _live = 0;
  std::vector<bucket> _buckets;  // power-of-two size, at most half full
};

template <class Rooms, class Except>
void room_index::select(const Rooms& rooms, const Except& except,
                        std::span<const uint32_t> except_slots, const slot_set& live,
                        slot_set& out) const {
  if (std::empty(rooms)) {
    out.assign(live);
  } else {
    // The first two rooms found are merged into `out` in one pass; any
    // further room is united in place.
    const slot_set* first = nullptr;
    bool merged = false;
    for (const auto& name : rooms) {
      const slot_set* members = find(std::string_view(name));
      if (members == nullptr) continue;
      if (first == nullptr) {
        first = members;
      } else if (!merged) {
        out.assign_union(*first, *members);
        merged = true;
      } else {
        out.unite(*members);
      }
    }
    if (first == nullptr) {
      out.clear();
      return;
    }
    if (!merged) out.assign(*first);
  }
  for (const auto& name : except) {
    if (out.empty()) return;
    if (const slot_set* members = find(std::string_view(name))) out.subtract(*members);
  }
  for (uint32_t slot : except_slots) out.erase(slot);
}

}  // namespace sio::runtime
