#pragma once
// A parsed HTTP/1.1 response (RFC 9112 §4): views over the bytes it was parsed from.

#include <sio/proto/http/header.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace sio::proto::http {

/// A complete response as response_parser::current() returns it. Every view lives as
/// long as response_parser::current() does.
struct response {
  int status = 0;
  std::span<const http::header> headers;  ///< in arrival order, trailers excluded
  std::string_view body;  ///< whole body, de-chunked; "" when none (see body_padding)
  /// RFC 9112 §9.3; false too when the body ran to the end of the stream.
  bool keep_alive = true;
  std::string_view reason;  ///< reason-phrase as sent (may be empty)
  uint8_t version_major = 1, version_minor = 1;
  /// A 101 with "Connection: upgrade" and an Upgrade field: the bytes after this
  /// response belong to the new protocol.
  bool upgrade = false;

  /// First header with this name, case-insensitive; "" when absent.
  std::string_view header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace sio::proto::http
