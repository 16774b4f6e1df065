#pragma once
// The id a room name is interned to: its xxHash3 64-bit hash. The hash is
// seedless so every shard (and every node) derives the same id for a name.

#include <cstdint>
#include <string_view>

namespace sio::runtime {

/// A room's interned id. Not unique by itself: two names may share one (the
/// room index keeps the name and compares it).
using room_id = uint64_t;

/// xxHash3-64 of the room name (stable: the same name gives the same id on every
/// shard). Pure; any thread.
room_id hash_room(std::string_view name);

}  // namespace sio::runtime
