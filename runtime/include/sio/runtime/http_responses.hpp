#pragma once
// The HTTP answers of the Engine.IO endpoint, byte-compatible with the
// reference server where clients or the protocol suites look at them.

#include <string>
#include <string_view>

#include <sio/proto/http/request_parser.hpp>
#include <sio/runtime/options.hpp>

namespace sio::runtime {

/// The Access-Control-Allow-Origin value for this request: "*" when any origin
/// is allowed, the request's Origin when listed, "" for no CORS headers.
std::string_view cors_origin(const eio_options& o, const proto::http::request& r);

/// 200, text/plain; charset=UTF-8, cache-control: no-store: a polling payload.
void append_polling_response(std::string& out, std::string_view payload, std::string_view origin,
                             bool keep_alive);
/// 200 "ok" (text/html), the answer to a polling POST.
void append_post_ok(std::string& out, std::string_view origin, bool keep_alive);
/// {"code":N,"message":"…"} as application/json with the given status.
void append_eio_error(std::string& out, int status, int code, std::string_view message,
                      std::string_view origin, bool keep_alive);
/// A plain-text error that closes the connection (failed WebSocket upgrades).
void append_text_error(std::string& out, int status, std::string_view message);
/// 400 or 426 (with Sec-WebSocket-Version: 13) for a bad WebSocket handshake.
void append_ws_handshake_error(std::string& out, int status);
/// 204 answer to a CORS preflight.
void append_preflight(std::string& out, std::string_view origin, std::string_view request_headers,
                      bool keep_alive);

}  // namespace sio::runtime
