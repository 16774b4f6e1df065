#pragma once
// Server side: an incremental HTTP/1.1 request parser for one keep-alive connection
// (RFC 9112), llhttp underneath.

#include <sio/proto/http/errc.hpp>
#include <sio/proto/http/feed_result.hpp>
#include <sio/proto/http/limits.hpp>
#include <sio/proto/http/request.hpp>

#include <memory>
#include <string_view>

namespace sio::proto::http {

namespace detail {
class message_parser;
}

/// Parses the requests of one connection, one at a time, from bytes split anywhere.
/// Strict: no llhttp leniency; obs-fold (except right after the colon, where it reads
/// as the one space §5.2 allows) and whitespace before ':' are rejected (RFC 9112
/// §5.1, §5.2); Content-Length with Transfer-Encoding is 400 (§6.3). The outcome never
/// depends on how the input was split.
/// Single-threaded; movable (moving invalidates current()); one heap block per
/// parser, buffers reused from request to request.
class request_parser {
 public:
  using feed_result = http::feed_result;

  explicit request_parser(limits l = {});
  ~request_parser();
  request_parser(request_parser&&) noexcept;
  request_parser& operator=(request_parser&&) noexcept;

  /// Feeds bytes of a keep-alive stream. status == ok: a request is complete,
  /// `consumed` counts only its bytes (the rest of `data` belongs to the next
  /// pipelined request or, after an upgrade request, to the new protocol).
  /// need_more: all bytes consumed, request not complete yet. Anything else: error
  /// (answer status_for(e) and close); later calls return the same error.
  /// Feeding after ok without next() starts the next request (as next() would).
  feed_result feed(std::string_view data);

  /// The complete request; its views stay valid until the next feed() or next().
  /// They point into the caller's `data` when the request arrived whole in one
  /// feed (no copy), else into the parser's own buffer. Only meaningful after ok.
  const request& current() const { return _req; }

  /// Ready for the next request on the same connection (also clears an error).
  void next();

  /// Bytes of the incomplete request received so far, 0 between requests (for
  /// slow-client checks).
  size_t buffered() const;

 private:
  std::unique_ptr<detail::message_parser> _core;
  request _req;
};

}  // namespace sio::proto::http
