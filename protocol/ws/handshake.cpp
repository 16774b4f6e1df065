#include <sio/proto/ws/handshake.hpp>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstring>

namespace sio::proto::ws {

namespace {

constexpr std::string_view guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";  // §1.3
constexpr size_t accept_size = 28;  // base64 of a 20-byte SHA-1 digest

// §4.2.2: the accept value for `key`, written to out[0..28).
void write_accept(std::string_view key, char* out) {
  uint8_t digest[SHA_DIGEST_LENGTH];
  unsigned char joined[128];
  if (key.size() + guid.size() <= sizeof(joined)) {
    std::memcpy(joined, key.data(), key.size());
    std::memcpy(joined + key.size(), guid.data(), guid.size());
    SHA1(joined, key.size() + guid.size(), digest);
  } else {  // never for a valid key (24 characters); kept correct for any input
    std::string s;
    s.reserve(key.size() + guid.size());
    s.append(key).append(guid);
    SHA1(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  }
  unsigned char b64[accept_size + 1];  // EVP_EncodeBlock NUL-terminates
  EVP_EncodeBlock(b64, digest, SHA_DIGEST_LENGTH);
  std::memcpy(out, b64, accept_size);
}

// RFC 7230 §3.2.3: optional whitespace around header values and list items.
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// RFC 7230 §7: a comma-separated list holds `token` (case-insensitive).
bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    if (iequals(trim(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// §4.1: "a base64-encoded value that, when decoded, is 16 bytes in length".
bool is_client_key(std::string_view key) {
  key = trim(key);
  if (key.size() != 24 || key.substr(22) != "==") return false;
  for (size_t i = 0; i < 22; ++i) {
    if (!is_base64_char(key[i])) return false;
  }
  return true;
}

}  // namespace

std::string accept_key(std::string_view sec_websocket_key) {
  std::string out(accept_size, '\0');
  write_accept(sec_websocket_key, out.data());
  return out;
}

handshake_errc validate_upgrade(const upgrade_request& r) {
  if (r.method != "GET") return handshake_errc::not_get;
  if (!has_token(r.upgrade, "websocket") || !has_token(r.connection, "upgrade")) {
    return handshake_errc::not_upgrade;
  }
  if (trim(r.version) != "13") return handshake_errc::bad_version;
  if (!is_client_key(r.key)) return handshake_errc::bad_key;
  return handshake_errc::ok;
}

int http_status(handshake_errc e) {
  switch (e) {
    case handshake_errc::ok:
      return 101;
    case handshake_errc::bad_version:
      return 426;
    default:
      return 400;
  }
}

std::string_view describe(handshake_errc e) {
  switch (e) {
    case handshake_errc::ok:
      return "OK";
    case handshake_errc::not_get:
      return "WebSocket upgrade must be a GET";
    case handshake_errc::not_upgrade:
      return "Missing Upgrade: websocket or Connection: Upgrade";
    case handshake_errc::bad_version:
      return "Unsupported WebSocket version";
    case handshake_errc::bad_key:
      return "Missing or invalid Sec-WebSocket-Key";
  }
  return "Bad request";
}

void append_upgrade_response(std::string& out, std::string_view sec_websocket_key) {
  char accept[accept_size];
  write_accept(trim(sec_websocket_key), accept);
  out.append(
      "HTTP/1.1 101 Switching Protocols\r\n"
      "Upgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Accept: ");
  out.append(accept, accept_size);
  out.append("\r\n\r\n");
}

void append_upgrade_rejection(std::string& out, handshake_errc e) {
  const std::string_view body = describe(e);
  out.append(e == handshake_errc::bad_version
                 ? "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
                 : "HTTP/1.1 400 Bad Request\r\n");
  out.append("Connection: close\r\nContent-Type: text/plain\r\nContent-Length: ");
  out.append(std::to_string(body.size()));
  out.append("\r\n\r\n");
  out.append(body);
}

void append_upgrade_request(std::string& out, std::string_view host, std::string_view target,
                            std::string_view sec_websocket_key) {
  out.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
  out.append(
      "\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\n"
      "Sec-WebSocket-Key: ");
  out.append(sec_websocket_key);
  out.append("\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

std::string make_client_key(uint64_t seed_a, uint64_t seed_b) {
  unsigned char raw[16];
  for (int i = 0; i < 8; ++i) {
    raw[i] = static_cast<unsigned char>(seed_a >> (56 - 8 * i));
    raw[8 + i] = static_cast<unsigned char>(seed_b >> (56 - 8 * i));
  }
  unsigned char b64[25];  // 24 characters + the NUL EVP_EncodeBlock writes
  EVP_EncodeBlock(b64, raw, sizeof(raw));
  return std::string(reinterpret_cast<const char*>(b64), 24);
}

bool accept_matches(std::string_view client_key, std::string_view accept_header) {
  char expected[accept_size];
  write_accept(trim(client_key), expected);
  return trim(accept_header) == std::string_view(expected, accept_size);
}

}  // namespace sio::proto::ws
