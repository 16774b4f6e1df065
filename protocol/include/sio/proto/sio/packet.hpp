#pragma once
// One Socket.IO v5 packet (socket.io-protocol v5 §"Packet format";
// PROTOCOL.md §3.1-3.2).

#include <cstdint>
#include <string_view>

#include <simdjson.h>

namespace sio::proto::sio {

/// The packet type; the value is the digit that starts the text form.
enum class packet_type : uint8_t {
  connect = 0,
  disconnect,
  event,
  ack,
  connect_error,
  binary_event,
  binary_ack,
};

/// The ASCII type digit of `t` ('0'..'6').
constexpr char type_char(packet_type t) {
  return static_cast<char>('0' + static_cast<uint8_t>(t));
}

/// True for binary_event and binary_ack, the types that carry attachments.
constexpr bool is_binary(packet_type t) {
  return t == packet_type::binary_event || t == packet_type::binary_ack;
}

/// "No ack requested" in packet::ack_id and the encoders' ack_id arguments.
inline constexpr uint64_t no_ack = ~uint64_t{0};

/// Largest ack id accepted and written: Number.MAX_SAFE_INTEGER, the largest
/// id a JS peer can hold exactly.
inline constexpr uint64_t max_ack_id = (uint64_t{1} << 53) - 1;

/// Event names a client may not send (socket.io-parser RESERVED_EVENTS); the
/// server must not emit them either.
inline constexpr std::string_view reserved_events[] = {
    "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener",
};

/// True when `name` is one of reserved_events.
constexpr bool is_reserved_event(std::string_view name) {
  for (std::string_view r : reserved_events) {
    if (r == name) return true;
  }
  return false;
}

/// A decoded packet. Borrowed: every view points into the decoder's input, into
/// decoder-owned storage or into the parsed document, and is valid until that
/// decoder's next decode() (for binary_assembler::packet_view(): until its next
/// start() or reset()).
struct packet {
  packet_type type = packet_type::connect;
  /// The namespace; "/" when absent. Always starts with '/'.
  std::string_view nsp = "/";
  /// The ack id (≤ max_ack_id), or no_ack.
  uint64_t ack_id = no_ack;
  /// binary_event / binary_ack: number of attachments that follow (≥ 1).
  uint32_t attachments = 0;
  /// The raw JSON text after the header, as received ("" when none).
  std::string_view payload;
  /// event / binary_event: the event name, unescaped. A number name is given as
  /// JS would turn it into a property key (String(n): `[1.50]` gives "1.5").
  std::string_view event;
  /// event / binary_event: the raw JSON of the arguments after the name,
  /// comma-separated, without the brackets ("" for none): payload
  /// ["chat","hi",{"a":1}] gives "hi",{"a":1} (with its quotes).
  /// ack / binary_ack: the inside of the array. Whitespace between elements is
  /// kept as received. Lets a relay re-encode without parsing.
  std::string_view args;
  /// The parsed payload (array for event/ack, object for connect, object or
  /// string for connect_error); a default (unusable) element when payload is "".
  simdjson::dom::element json;
};

}  // namespace sio::proto::sio
