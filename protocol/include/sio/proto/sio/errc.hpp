#pragma once
// Socket.IO v5 codec errors: one flat enum, 0 = success (DESIGN.md "Errors").

#include <cstdint>
#include <string_view>

namespace sio::proto::sio {

/// Why a Socket.IO decode failed. socket.io-parser throws on each of these and
/// the Node server closes the whole Engine.IO connection (PROTOCOL.md §3.2);
/// sioring's runtime does the same.
enum class errc : uint8_t {
  ok = 0,
  empty,                 ///< no type character at all
  bad_type,              ///< first character is not '0'..'6'
  bad_attachments,       ///< 5/6 without "<digits>-", or a count of 0
  too_many_attachments,  ///< attachment count above decoder_options::max_attachments
  bad_ack_id,            ///< ack id above 2^53 - 1 (Number.MAX_SAFE_INTEGER)
  bad_json,              ///< the payload is not JSON (JSON.parse would throw)
  bad_payload,           ///< valid JSON, wrong shape for the packet type
  reserved_event,        ///< an event named connect, disconnect, ... (reserved_events)
  unexpected_binary,     ///< an attachment when none is expected
  unexpected_text,       ///< a new binary header while attachments are still due
  bad_placeholder,       ///< {"_placeholder":true,...} whose num is not an index < attachments
};

/// A short, stable, lower-case name for logs and metrics ("bad_json").
/// Never fails: unknown values give "unknown".
std::string_view errc_name(errc e);

}  // namespace sio::proto::sio
