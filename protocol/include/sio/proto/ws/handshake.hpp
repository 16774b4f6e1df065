#pragma once
// RFC 6455 §4: the HTTP/1.1 opening handshake, both sides. The HTTP parsing itself is
// sio::proto::http's; these functions take header values already extracted.

#include <cstdint>
#include <string>
#include <string_view>

namespace sio::proto::ws {

/// §4.2.2 step 5.4: base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")), 28
/// characters. `sec_websocket_key` is used as given (the caller trims it).
std::string accept_key(std::string_view sec_websocket_key);

/// Why validate_upgrade refused a request (0 = ok).
enum class handshake_errc : uint8_t { ok = 0, not_get, not_upgrade, bad_version, bad_key };

/// The header values of an upgrade request as received ("" when absent). Views into
/// the caller's request buffer; nothing is copied.
struct upgrade_request {
  std::string_view method, upgrade, connection, version, key;
};

/// §4.2.1, checked in this order: method GET (case-sensitive) -> not_get; Upgrade
/// lists the token "websocket" and Connection the token "upgrade" (comma lists,
/// case-insensitive, optional whitespace) -> not_upgrade; Sec-WebSocket-Version is
/// 13 -> bad_version; Sec-WebSocket-Key is 22 base64 characters then "==" (the
/// encoding of 16 bytes, surrounding whitespace ignored) -> bad_key.
handshake_errc validate_upgrade(const upgrade_request& r);

/// The HTTP status answering a validate_upgrade result: 101 for ok, 426 Upgrade
/// Required for bad_version (§4.4: the response carries Sec-WebSocket-Version: 13),
/// else 400.
int http_status(handshake_errc e);

/// A short English reason for `e`, e.g. "Unsupported WebSocket version".
std::string_view describe(handshake_errc e);

/// §4.2.2: appends "HTTP/1.1 101 Switching Protocols" with Upgrade: websocket,
/// Connection: Upgrade and Sec-WebSocket-Accept, through the blank line ending the
/// head. `sec_websocket_key` is the request's (trimmed) key.
void append_upgrade_response(std::string& out, std::string_view sec_websocket_key);

/// Appends the complete refusal of an upgrade (e != ok): status http_status(e),
/// Connection: close, a text/plain body holding describe(e), and for bad_version the
/// Sec-WebSocket-Version: 13 header §4.4 requires.
void append_upgrade_rejection(std::string& out, handshake_errc e);

/// §4.1: appends a client's GET upgrade request for `target` (path and query) on
/// `host` (the Host header value, with port when not the default) through the blank
/// line ending the head.
void append_upgrade_request(std::string& out, std::string_view host, std::string_view target,
                            std::string_view sec_websocket_key);

/// A Sec-WebSocket-Key: base64 of the 16 bytes seed_a then seed_b, big-endian, 24
/// characters. §4.1 wants the 16 bytes random: the caller supplies the randomness
/// (protocol/ has no entropy source).
std::string make_client_key(uint64_t seed_a, uint64_t seed_b);

/// §4.1 (client, step 4 of the response checks): true when `accept_header` (surrounding
/// whitespace ignored) is accept_key(client_key).
bool accept_matches(std::string_view client_key, std::string_view accept_header);

}  // namespace sio::proto::ws
