#pragma once
// RFC 6455 §5.2: writing frames (the decoder is frame_decoder.hpp).

#include <sio/proto/ws/close_code.hpp>
#include <sio/proto/ws/opcode.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sio::proto::ws {

/// The longest frame header: 2 bytes, a 64-bit extended length, a 4-byte mask key.
inline constexpr size_t max_header_size = 14;

/// §5.2: header length of a frame with `payload_len` bytes (2, 4 or 10, plus 4 when
/// masked). Always the minimal length encoding, as write_header produces.
constexpr size_t header_size(uint64_t payload_len, bool masked = false) {
  return (payload_len < 126 ? 2 : payload_len <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
}

/// §5.2: writes the header of a frame of `payload_len` bytes with the minimal length
/// encoding and returns its size (see header_size). `out` has room for
/// max_header_size bytes. `mask` (client frames) is the 4-byte key as written on the
/// wire; it follows the length and sets the MASK bit. The payload is not touched:
/// masking it is the caller's job (unmask.hpp). RSV bits are always 0.
size_t write_header(uint8_t* out, opcode op, uint64_t payload_len, bool fin = true,
                    const uint8_t* mask = nullptr);

/// Appends a whole unmasked frame (FIN set): the server's direction.
void append_frame(std::string& out, opcode op, std::string_view payload);

/// Appends a whole masked frame (FIN set): the client's direction (§5.3). The key goes
/// on the wire most significant byte first: 0x37fa213d is written 37 fa 21 3d.
void append_masked_frame(std::string& out, opcode op, std::string_view payload, uint32_t mask_key);

/// §5.5.1: appends a close frame whose payload is the 2-byte `code` (big-endian) then
/// `reason`, masked with *mask_key (byte order as in append_masked_frame) when
/// non-null. `code` must be one is_valid_close_code accepts and `reason` UTF-8 (the
/// caller's contract, not checked); a reason over 123 bytes is cut at a code point
/// boundary to fit §5.5's 125-byte limit. code == no_status writes an empty payload.
void append_close(std::string& out, uint16_t code, std::string_view reason = {},
                  const uint32_t* mask_key = nullptr);

}  // namespace sio::proto::ws
