#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/unmask.hpp>

#include <cstring>

namespace sio::proto::ws {

namespace {

void key_bytes(uint32_t key, uint8_t out[4]) {
  out[0] = static_cast<uint8_t>(key >> 24);
  out[1] = static_cast<uint8_t>(key >> 16);
  out[2] = static_cast<uint8_t>(key >> 8);
  out[3] = static_cast<uint8_t>(key);
}

// Appends header + payload, masking the payload copy when `mask` is non-null.
void append(std::string& out, opcode op, const char* payload, size_t len, const uint8_t* mask) {
  uint8_t header[max_header_size];
  const size_t hlen = write_header(header, op, len, true, mask);
  const size_t at = out.size();
  out.resize(at + hlen + len);
  auto* dst = reinterpret_cast<uint8_t*>(out.data() + at);
  std::memcpy(dst, header, hlen);
  if (len != 0) std::memcpy(dst + hlen, payload, len);
  if (mask != nullptr) unmask(dst + hlen, len, mask, 0);
}

}  // namespace

// §5.2: FIN, RSV1-3 = 0, opcode; MASK bit and the 7-bit length, extended to 16 or 64
// bits in network byte order when it does not fit (minimal encoding); then the key.
size_t write_header(uint8_t* out, opcode op, uint64_t payload_len, bool fin, const uint8_t* mask) {
  out[0] = static_cast<uint8_t>((fin ? 0x80 : 0) | static_cast<uint8_t>(op));
  const uint8_t mask_flag = mask != nullptr ? 0x80 : 0;
  size_t n;
  if (payload_len < 126) {
    out[1] = static_cast<uint8_t>(mask_flag | payload_len);
    n = 2;
  } else if (payload_len <= 0xFFFF) {
    out[1] = mask_flag | 126;
    out[2] = static_cast<uint8_t>(payload_len >> 8);
    out[3] = static_cast<uint8_t>(payload_len);
    n = 4;
  } else {
    out[1] = mask_flag | 127;
    for (int i = 0; i < 8; ++i) out[2 + i] = static_cast<uint8_t>(payload_len >> (56 - 8 * i));
    n = 10;
  }
  if (mask != nullptr) {
    std::memcpy(out + n, mask, 4);
    n += 4;
  }
  return n;
}

void append_frame(std::string& out, opcode op, std::string_view payload) {
  append(out, op, payload.data(), payload.size(), nullptr);
}

void append_masked_frame(std::string& out, opcode op, std::string_view payload, uint32_t mask_key) {
  uint8_t key[4];
  key_bytes(mask_key, key);
  append(out, op, payload.data(), payload.size(), key);
}

// §5.5.1: the body starts with the 2-byte status code, then the reason.
void append_close(std::string& out, uint16_t code, std::string_view reason,
                  const uint32_t* mask_key) {
  char body[2 + 125];
  size_t len = 0;
  if (code != close_code::no_status) {
    body[0] = static_cast<char>(code >> 8);
    body[1] = static_cast<char>(code);
    // A control payload is at most 125 bytes (§5.5): cut an over-long reason, at a
    // code point boundary so it stays UTF-8.
    size_t n = reason.size();
    if (n > 123) {
      n = 123;
      while (n > 0 && (static_cast<uint8_t>(reason[n]) & 0xC0) == 0x80) --n;
    }
    if (n != 0) std::memcpy(body + 2, reason.data(), n);
    len = 2 + n;
  }
  uint8_t key[4];
  if (mask_key != nullptr) key_bytes(*mask_key, key);
  append(out, opcode::close, body, len, mask_key != nullptr ? key : nullptr);
}

}  // namespace sio::proto::ws
