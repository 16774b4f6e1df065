#pragma once
// Client side (load generator, tests): an incremental HTTP/1.1 response parser for one
// connection (RFC 9112), llhttp underneath.

#include <sio/proto/http/errc.hpp>
#include <sio/proto/http/feed_result.hpp>
#include <sio/proto/http/limits.hpp>
#include <sio/proto/http/request_parser.hpp>
#include <sio/proto/http/response.hpp>

#include <memory>
#include <string_view>

namespace sio::proto::http {

/// Same feed / current / next contract as request_parser. A body is framed by
/// Content-Length, chunked coding, or (neither given) the end of the stream, which
/// finish() reports. 1xx, 204 and 304 responses never have a body (RFC 9112 §6.3).
class response_parser {
 public:
  explicit response_parser(limits l = {});
  ~response_parser();
  response_parser(response_parser&&) noexcept;
  response_parser& operator=(response_parser&&) noexcept;

  /// As request_parser::feed.
  request_parser::feed_result feed(std::string_view data);

  /// The peer closed the stream: completes a response whose body runs to the end
  /// of the stream (status ok, consumed 0). need_more when no response was under
  /// way; bad_request when one was cut short.
  request_parser::feed_result finish();

  /// The complete response; views valid until the next feed(), finish() or next().
  const response& current() const { return _res; }

  /// Ready for the next response on the same connection (also clears an error).
  void next();

  /// The next response answers a HEAD request or is a 101 (no body, RFC 9110 §9.3.2):
  /// call before that response's header section has been fed. Applies to one
  /// response.
  void expect_no_body();

  /// Bytes of the incomplete response received so far, 0 between responses.
  size_t buffered() const;

 private:
  std::unique_ptr<detail::message_parser> _core;
  response _res;
};

}  // namespace sio::proto::http
