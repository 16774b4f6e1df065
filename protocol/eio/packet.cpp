// engine.io-protocol v4, §"Packet encoding" and §"WebSocket".

#include <sio/proto/eio/packet.hpp>

namespace sio::proto::eio {

// §"Packet encoding": "<type digit>[<data>]". The reference decoder also reads
// 'b' as base64 binary; sioring keeps that to polling payloads, the only place
// a v4 peer sends it.
result<packet, errc> decode_text(std::string_view text) {
  if (text.empty()) return unexpected{errc::empty_packet};
  const char c = text[0];
  if (c < '0' || c > '6') return unexpected{errc::bad_type};
  return packet{static_cast<packet_type>(c - '0'), false, text.substr(1)};
}

// §"WebSocket": in v4 a binary frame carries only the message bytes.
packet decode_binary(std::span<const uint8_t> bytes) {
  return packet{packet_type::message, true,
                std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())};
}

void append_packet(std::string& out, packet_type type, std::string_view data) {
  out.reserve(out.size() + 1 + data.size());
  out.push_back(type_char(type));
  out.append(data);
}

}  // namespace sio::proto::eio
