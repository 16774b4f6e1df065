#pragma once
// A parsed HTTP/1.1 request (RFC 9112 §3): views over the bytes it was parsed from.

#include <sio/proto/http/header.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace sio::proto::http {

/// The methods a server routes on (RFC 9110 §9, RFC 5789); every other one is `other`
/// and keeps its name in request::method_name.
enum class method : uint8_t { get, head, post, put, delete_, options, patch, other };

/// A complete request as request_parser::current() returns it. Every view points into
/// the parser's input or buffers and lives as long as request_parser::current() does.
struct request {
  http::method method = http::method::other;
  std::string_view method_name;  ///< as sent ("GET", "PROPFIND")
  std::string_view target;       ///< raw request-target (RFC 9112 §3.2)
  std::string_view path;         ///< target up to '?' (or '#'), not percent-decoded
  std::string_view query;        ///< after '?' up to any '#', raw ("" when none)
  uint8_t version_major = 1, version_minor = 1;
  /// RFC 9112 §9.3: HTTP/1.1 persists unless "Connection: close"; HTTP/1.0 only with
  /// "Connection: keep-alive".
  bool keep_alive = true;
  /// "Connection: upgrade" and an Upgrade field (RFC 9110 §7.8), or a CONNECT request:
  /// the bytes after this request belong to the new protocol (or the tunnel).
  bool upgrade = false;
  std::span<const http::header> headers;  ///< in arrival order, trailers excluded
  std::string_view body;  ///< whole body, de-chunked; "" when none (see body_padding)

  /// First header with this name, case-insensitive; "" when absent.
  std::string_view header(std::string_view name) const { return find_header(headers, name); }
  /// True when a header with this name (case-insensitive) is present, even if empty.
  bool has_header(std::string_view name) const;
};

}  // namespace sio::proto::http
