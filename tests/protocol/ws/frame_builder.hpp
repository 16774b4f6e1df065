#pragma once
// Builds frames byte by byte for tests, including ones the writer never produces
// (RSV bits, reserved opcodes, non-minimal lengths).

#include <sio/proto/ws/unmask.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace sio::proto::ws::test {

/// Length encodings of §5.2; `minimal` picks the shortest.
enum class length_form { minimal, len7, len16, len64 };

struct raw_frame {
  uint8_t b0 = 0x82;  // FIN | RSV1-3 | opcode, as on the wire
  std::string payload;
  bool masked = false;
  uint32_t key = 0x37fa213d;
  length_form form = length_form::minimal;
  uint64_t declared = UINT64_MAX;  // length written in the header; default: payload size
};

/// Serialises `f`: header as described, then the payload (masked when f.masked).
inline std::string build(const raw_frame& f) {
  std::string out;
  out.push_back(static_cast<char>(f.b0));
  const uint64_t len = f.declared != UINT64_MAX ? f.declared : f.payload.size();
  length_form form = f.form;
  if (form == length_form::minimal) {
    form = len < 126 ? length_form::len7 : len <= 0xFFFF ? length_form::len16 : length_form::len64;
  }
  const char mask_flag = f.masked ? static_cast<char>(0x80) : 0;
  if (form == length_form::len7) {
    out.push_back(static_cast<char>(mask_flag | static_cast<char>(len)));
  } else if (form == length_form::len16) {
    out.push_back(static_cast<char>(mask_flag | 126));
    out.push_back(static_cast<char>(len >> 8));
    out.push_back(static_cast<char>(len));
  } else {
    out.push_back(static_cast<char>(mask_flag | 127));
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(len >> (56 - 8 * i)));
  }
  uint8_t key[4] = {static_cast<uint8_t>(f.key >> 24), static_cast<uint8_t>(f.key >> 16),
                    static_cast<uint8_t>(f.key >> 8), static_cast<uint8_t>(f.key)};
  if (f.masked) out.append(reinterpret_cast<const char*>(key), 4);
  const size_t at = out.size();
  out += f.payload;
  if (f.masked) unmask(reinterpret_cast<uint8_t*>(out.data() + at), f.payload.size(), key);
  return out;
}

/// A masked (client) frame with first byte `b0`.
inline std::string client_frame(uint8_t b0, std::string_view payload,
                                length_form form = length_form::minimal) {
  return build({b0, std::string(payload), true, 0x37fa213d, form});
}

/// An unmasked (server) frame with first byte `b0`.
inline std::string server_frame(uint8_t b0, std::string_view payload,
                                length_form form = length_form::minimal) {
  return build({b0, std::string(payload), false, 0, form});
}

}  // namespace sio::proto::ws::test
