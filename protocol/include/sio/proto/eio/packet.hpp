#pragma once
// One Engine.IO v4 packet and its text/binary form (engine.io-protocol v4,
// §"Packet encoding"; PROTOCOL.md §2.1-2.2).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sio/proto/eio/errc.hpp>
#include <sio/proto/result.hpp>

namespace sio::proto::eio {

/// The packet type; the value is the digit that starts the text form.
enum class packet_type : uint8_t { open = 0, close, ping, pong, message, upgrade, noop };

/// The ASCII type digit of `t` ('0'..'6').
constexpr char type_char(packet_type t) {
  return static_cast<char>('0' + static_cast<uint8_t>(t));
}

/// A decoded packet. Borrowed: `data` points into the decoder's input (or into
/// the caller's scratch for a polling binary record) and lives no longer.
struct packet {
  packet_type type;
  bool binary = false;    ///< a binary message (WS binary frame or polling "b<base64>")
  std::string_view data;  ///< text after the type digit, or the binary bytes
};

/// One text packet: a WebSocket text message, or one record of a polling payload
/// ("<digit><data>", §"Packet encoding"). 'b' is not accepted here: over a
/// WebSocket, binary travels in binary frames. Errors: empty_packet (""),
/// bad_type (first character not '0'..'6'). `data` is a view into `text`.
result<packet, errc> decode_text(std::string_view text);

/// A WebSocket binary message is always a binary message packet in v4
/// (§"WebSocket"; no type byte, unlike v3). Never fails; `data` views `bytes`.
packet decode_binary(std::span<const uint8_t> bytes);

/// Appends one text packet "<digit><data>" (§"Packet encoding"). `data` is
/// written as is: the caller guarantees it holds no 0x1E when it goes into a
/// polling payload (the spec assumes text never contains it).
void append_packet(std::string& out, packet_type type, std::string_view data = {});

}  // namespace sio::proto::eio
