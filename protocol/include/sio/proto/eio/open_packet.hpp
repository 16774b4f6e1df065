#pragma once
// The Engine.IO v4 open packet: "0" + handshake JSON (engine.io-protocol v4,
// §"Handshake"; PROTOCOL.md §2.4).

#include <cstdint>
#include <string>
#include <string_view>

#include <sio/proto/eio/errc.hpp>
#include <sio/proto/result.hpp>

namespace simdjson::dom {
class parser;
}

namespace sio::proto::eio {

/// What the server announces in its open packet.
struct open_params {
  std::string_view sid;
  bool upgrade_to_websocket;  ///< "upgrades":["websocket"] when opened by polling, [] for WS
  uint32_t ping_interval_ms, ping_timeout_ms;
  uint64_t max_payload;
};

/// Appends `0{"sid":"…","upgrades":[…],"pingInterval":N,"pingTimeout":N,"maxPayload":N}`
/// with exactly these keys in this order (PROTOCOL.md §2.4; the conformance
/// suites reject any other key). `sid` is JSON-escaped (server sids are
/// base64url and need none). Never fails.
void append_open(std::string& out, const open_params& p);

/// The handshake as a client reads it.
struct open_info {
  std::string sid;
  bool can_upgrade = false;  ///< "upgrades" lists "websocket"
  uint32_t ping_interval_ms = 0, ping_timeout_ms = 0;
  uint64_t max_payload = 0;  ///< 0 when the server sent no maxPayload
};

/// Client side (load generator): parses the JSON of an open packet (without the
/// leading '0') with simdjson; sid is copied into the result. Required: "sid" (a
/// non-empty string), "pingInterval" and "pingTimeout" (integers in 0..2^32-1).
/// Optional: "upgrades" (an array of strings), "maxPayload" (a non-negative
/// integer). Unknown keys are ignored; for a repeated key the last one wins (as
/// JSON.parse). Errors: bad_json (not valid JSON or not an object), bad_open (a
/// required key missing, or a known key of the wrong type or range).
/// Allocates a parser per call; see the overload to reuse one.
result<open_info, errc> parse_open(std::string_view json);

/// As above with a caller-owned parser (one per thread), so repeated handshakes
/// reuse its buffers.
result<open_info, errc> parse_open(std::string_view json, simdjson::dom::parser& parser);

}  // namespace sio::proto::eio
