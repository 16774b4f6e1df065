#pragma once
// Engine.IO v4 codec errors: one flat enum, 0 = success (DESIGN.md "Errors").

#include <cstdint>
#include <string_view>

namespace sio::proto::eio {

/// Why an Engine.IO decode failed. Every value other than `ok` received from a
/// peer means "parse error": the runtime closes that session (PROTOCOL.md §2.1).
enum class errc : uint8_t {
  ok = 0,
  empty_packet,      ///< a packet or payload record with no type character
  bad_type,          ///< type character outside '0'..'6' (or 'b' where binary is not allowed)
  bad_base64,        ///< a "b" record whose base64 is not strict RFC 4648 §4 with padding
  too_many_packets,  ///< a polling payload with more records than the caller allows
  bad_json,          ///< parse_open: not a JSON object
  bad_open,          ///< parse_open: a required key is missing or has the wrong type/range
};

/// A short, stable, lower-case name for logs and metrics ("bad_base64").
/// Never fails: unknown values give "unknown".
std::string_view errc_name(errc e);

}  // namespace sio::proto::eio
