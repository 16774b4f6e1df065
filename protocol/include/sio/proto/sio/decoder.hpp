#pragma once
// Socket.IO v5 text packet decoder (socket.io-protocol v5 §"Packet encoding"),
// mirroring socket.io-parser 4.2.7's Decoder.decodeString and isPayloadValid
// (PROTOCOL.md §3.2).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <simdjson.h>

#include <sio/proto/result.hpp>
#include <sio/proto/sio/errc.hpp>
#include <sio/proto/sio/packet.hpp>

namespace sio::proto::sio {

/// Limits of one decoder.
struct decoder_options {
  /// Most attachments a binary packet may announce (socket.io-parser 4.2.7
  /// default maxAttachments).
  uint32_t max_attachments = 10;
  /// Deepest JSON nesting accepted in a payload (simdjson's default).
  uint32_t max_depth = 1024;
};

/// Decodes Socket.IO text packets. Holds one simdjson parser and its buffers
/// and reuses them: once it has seen its largest packet, decoding allocates
/// nothing. Not thread-safe; one per shard or per connection. Movable, but a
/// move invalidates the views of the last decoded packet.
class decoder {
 public:
  explicit decoder(decoder_options o = {});

  /// Decodes one packet, `text` being the Engine.IO message data (after the
  /// EIO '4'). The header is
  /// `<type>[<attachments>-][<nsp>,][<ack id>][<JSON payload>]`, read as
  /// socket.io-parser reads it: the namespace runs from '/' to the first ','
  /// or to the end (`40/custom`); the ack id is the run of ASCII digits after
  /// it; the rest is the payload, parsed as JSON.parse would (including the
  /// integers beyond 64 bits and unpaired surrogate escapes JSON.stringify
  /// writes; see json::js_compat_rewrite).
  ///
  /// Payload rules (isPayloadValid): connect — none or an object; disconnect
  /// — none; event / binary_event — an array whose first element is a string
  /// not in reserved_events, or a number; ack / binary_ack — none or an array;
  /// connect_error — none, an object or a string (the v4 form). Whether a
  /// client may send a given type at all is the runtime's business.
  ///
  /// Errors: empty (""), bad_type, bad_attachments (5/6 without
  /// "<digits>-", or a count of 0), too_many_attachments (above
  /// max_attachments), bad_ack_id (above max_ack_id), bad_json (including
  /// invalid UTF-8, nesting beyond max_depth and numbers beyond the double
  /// range), bad_payload (wrong shape, or an event with no payload),
  /// reserved_event.
  ///
  /// Lifetime: `payload`, `nsp` and `args` view `text`; `event` and `json`
  /// view the decoder's parsed document (a number name: the decoder's own
  /// storage). All stay valid until the next decode() on this decoder (or
  /// until it is moved or destroyed), and no longer than `text`.
  /// Padding: if `text` is followed by SIMDJSON_PADDING readable bytes, pass
  /// padded=true to skip a copy; otherwise the payload is first copied into
  /// the decoder's own padded buffer.
  result<packet, errc> decode(std::string_view text, bool padded = false);

  const decoder_options& options() const { return _opts; }

 private:
  // Parses `json` (padded when `padded`) into _doc; bad_json on failure.
  errc parse(std::string_view json, bool padded);
  // The element's JS property-key text for a number event name.
  std::string_view number_name(simdjson::dom::element e);
  const char* padded_copy(std::string_view s);

  decoder_options _opts;
  simdjson::dom::parser _parser;
  simdjson::dom::element _doc;
  std::unique_ptr<char[]> _pad;  // payload copy followed by SIMDJSON_PADDING bytes
  size_t _pad_capacity = 0;
  std::string _compat;  // json::js_compat_rewrite output
  std::string _name;    // number event names
};

}  // namespace sio::proto::sio
