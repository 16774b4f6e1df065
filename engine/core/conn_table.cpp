#include "core/connection.hpp"

namespace sio::engine::detail {

uint32_t conn_table::allocate() {
  uint32_t slot = _free;
  if (slot != UINT32_MAX) {
    _free = (*this)[slot].next_free;
  } else {
    if ((_size & (chunk_size - 1)) == 0) _chunks.emplace_back(new connection[chunk_size]);
    slot = _size++;
  }
  connection& c = (*this)[slot];
  c.next_free = UINT32_MAX;
  ++_live;
  return slot;
}

void conn_table::release(uint32_t slot) {
  connection& c = (*this)[slot];
  const uint32_t gen = c.gen + 1;
  c = connection{};
  c.gen = gen;
  c.next_free = _free;
  _free = slot;
  --_live;
}

}  // namespace sio::engine::detail
