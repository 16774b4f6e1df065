#pragma once

#include <cstdint>

namespace sio::engine::detail {

// Every operation a reactor has in flight carries a 64-bit tag (io_uring
// user_data, epoll_event.data.u64):
//
//   63        56 55                   32 31                            0
//  +------------+-----------------------+-------------------------------+
//  | op_kind    | generation (low 24)   | slot (connection) / listener  |
//  +------------+-----------------------+-------------------------------+
//
// The op kind routes the completion; slot + generation name the connection, so
// a completion for a slot that was freed and reused is recognised as stale.
enum class op_kind : uint8_t {
  ignore = 0,    // cancel / close requests: nothing to do on completion
  accept = 1,    // multishot accept; slot = listener index
  recv = 2,      // multishot receive into the provided-buffer ring
  send = 3,      // one send / sendmsg
  connect = 4,   // one connect
  wake = 5,      // read of the shard's eventfd
  conn = 6,      // epoll: readiness of a connection's socket
  detached = 7,  // io_uring: a receive completion consumed by detach()
};

inline constexpr uint32_t gen_mask = 0xffffffu;

constexpr uint64_t make_tag(op_kind k, uint32_t gen, uint32_t slot) {
  return uint64_t{static_cast<uint8_t>(k)} << 56 | uint64_t{gen & gen_mask} << 32 | slot;
}
constexpr op_kind tag_kind(uint64_t t) {
  return static_cast<op_kind>(t >> 56);
}
constexpr uint32_t tag_gen(uint64_t t) {
  return static_cast<uint32_t>(t >> 32) & gen_mask;
}
constexpr uint32_t tag_slot(uint64_t t) {
  return static_cast<uint32_t>(t);
}

}  // namespace sio::engine::detail
