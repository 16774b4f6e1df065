#pragma once
// Size limits a parser enforces on each message, fixed for the parser's lifetime.

#include <cstddef>
#include <cstdint>

namespace sio::proto::http {

/// Per-parser limits. Every one is checked as bytes arrive, across any split of the
/// input, so a peer can never make the parser buffer more than these.
struct limits {
  /// Request line (status line) + header section including the blank line; also the
  /// bound on chunk extensions plus trailers. Over it: header_too_large (431).
  size_t max_header_bytes = 8192;
  /// Header fields per message. Over it: too_many_headers (431).
  uint16_t max_headers = 64;
  /// Body bytes after de-chunking. Over it: body_too_large (413), found from
  /// Content-Length (or a chunk size) before any of the body is read.
  size_t max_body_bytes = 1'000'000;
};

/// Readable bytes after a body the parser copied into its own buffer (a body that
/// spanned feeds or came in several chunks), so that a JSON parser needing padding
/// (SIMDJSON_PADDING is 64) can read the body in place. A body that points into the
/// caller's bytes has whatever padding the caller's buffer has.
inline constexpr size_t body_padding = 64;

}  // namespace sio::proto::http
