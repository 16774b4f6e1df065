#pragma once
// Outcomes of the HTTP/1.1 parsers (RFC 9112) and the status a server answers for each.

#include <cstdint>
#include <string_view>

namespace sio::proto::http {

/// Result of request_parser::feed / response_parser::feed. 0 is success; need_more is
/// not an error; every other value is final for the connection.
enum class errc : uint8_t {
  ok = 0,
  need_more,
  bad_request,       ///< malformed message (RFC 9112 §2.2, §5, §6.3), incl. CL + TE together
  header_too_large,  ///< request line + header section (or trailers) over limits::max_header_bytes
  too_many_headers,  ///< more header fields than limits::max_headers
  body_too_large,    ///< Content-Length or the de-chunked body over limits::max_body_bytes
  unsupported_transfer_encoding,  ///< a transfer coding other than chunked / identity
  bad_version,                    ///< anything but HTTP/1.0 or HTTP/1.1 (incl. the HTTP/2 preface)
};

/// HTTP status a server answers for a parse error (RFC 9110 §15, RFC 6585 §5): 400,
/// 431 (header_too_large, too_many_headers), 413 (body_too_large), 501
/// (unsupported_transfer_encoding), 505 (bad_version). ok gives 200, need_more 0.
int status_for(errc e);

/// Stable lower-case name of `e` for logs ("bad_request"); never empty.
std::string_view errc_name(errc e);

}  // namespace sio::proto::http
