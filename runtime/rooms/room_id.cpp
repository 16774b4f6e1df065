#include <sio/runtime/rooms/room_id.hpp>

#include <xxhash.h>

namespace sio::runtime {

room_id hash_room(std::string_view name) {
  return XXH3_64bits(name.data(), name.size());
}

}  // namespace sio::runtime
