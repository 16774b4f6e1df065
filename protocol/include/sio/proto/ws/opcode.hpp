#pragma once
// RFC 6455 §5.2 / §11.8: the frame opcodes a peer may send.

#include <cstdint>

namespace sio::proto::ws {

/// The opcode nibble of a frame header. Values 0x3-0x7 and 0xB-0xF are reserved and
/// never produced by this codec; the decoder rejects them with close code 1002.
enum class opcode : uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

/// §5.5: control frames are the opcodes with the high bit of the nibble set.
constexpr bool is_control(opcode op) {
  return (static_cast<uint8_t>(op) & 0x8) != 0;
}

/// True for the six opcodes RFC 6455 defines (any 4-bit value may be passed).
constexpr bool is_known_opcode(uint8_t nibble) {
  return nibble <= 0x2 || (nibble >= 0x8 && nibble <= 0xA);
}

}  // namespace sio::proto::ws
