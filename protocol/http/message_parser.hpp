#pragma once
// The llhttp driver behind request_parser and response_parser: one message at a time,
// stopped exactly at its last byte, zero-copy when a message arrives whole.
// Private to protocol/http: <llhttp.h> must not reach public headers.

#include <sio/proto/http/errc.hpp>
#include <sio/proto/http/feed_result.hpp>
#include <sio/proto/http/header.hpp>
#include <sio/proto/http/limits.hpp>

#include "message_fields.hpp"

#include <llhttp.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sio::proto::http::detail {

/// A complete message as message_parser found it.
struct parsed_message {
  std::string_view method_name, target, reason, body;
  std::span<const header> headers;
  uint8_t method = 0;  // llhttp_method_t
  uint8_t version_major = 1, version_minor = 1;
  uint16_t status = 0;
  bool keep_alive = true, upgrade = false;
};

/// Wraps llhttp (RFC 9112). llhttp pauses twice per message: at the end of the header
/// section (limits and codings are checked there, with the exact head length) and at
/// the end of the message (so `consumed` is exact and pipelined or upgraded bytes are
/// left alone). Every check is made when its element is complete, so the outcome
/// never depends on how the input was split. Storage: message_fields.
class message_parser {
 public:
  message_parser(llhttp_type_t type, const limits& l);
  message_parser(const message_parser&) = delete;
  message_parser& operator=(const message_parser&) = delete;

  feed_result feed(std::string_view data);
  feed_result finish();
  void next();
  void expect_no_body() { _no_body = true; }
  size_t buffered() const { return _complete ? 0 : _msg_bytes; }
  const parsed_message& current() const { return _msg; }

 private:
  enum class open_part : uint8_t { none, name, value };
  enum class pause_reason : uint8_t { none, head, message };

  static int on_method(llhttp_t* p, const char* at, size_t n);
  static int on_url(llhttp_t* p, const char* at, size_t n);
  static int on_status(llhttp_t* p, const char* at, size_t n);
  static int on_header_field(llhttp_t* p, const char* at, size_t n);
  static int on_header_field_complete(llhttp_t* p);
  static int on_header_value(llhttp_t* p, const char* at, size_t n);
  static int on_header_value_complete(llhttp_t* p);
  static int on_headers_complete(llhttp_t* p);
  static int on_body(llhttp_t* p, const char* at, size_t n);
  static int on_chunk_header(llhttp_t* p);
  static int on_chunk_extension(llhttp_t* p, const char* at, size_t n);
  static int on_chunk_extension_complete(llhttp_t* p);
  static int on_message_complete(llhttp_t* p);
  static const llhttp_settings_t settings;

  int fail(errc e) {
    _pending = e;
    return -1;
  }
  int append(std::string_view& v, const char* at, size_t n) {
    return _fields.append(v, at, n) ? 0 : fail(errc::header_too_large);
  }
  int count_meta(size_t n);
  int commit_meta();
  errc check_head();
  errc check_transfer_coding();
  errc map_error(llhttp_errno_t e) const;
  feed_result fail_feed(errc e, size_t consumed);
  void complete();

  llhttp_t _p;
  limits _limits;
  bool _request;
  // The current llhttp_execute() span: obs-fold tells itself from a split value by it.
  const char* _exec_begin = nullptr;
  const char* _exec_end = nullptr;

  // Per message.
  bool _head_done = false;
  bool _complete = false;
  bool _no_body = false;
  bool _value_ran_to_end = false;  // last value piece ended at _exec_end
  open_part _open = open_part::none;
  pause_reason _pause = pause_reason::none;
  errc _pending = errc::ok;  // chosen by a callback that failed
  errc _error = errc::ok;    // sticky until next()
  size_t _head_bytes = 0;    // request/status line + header section so far
  size_t _msg_bytes = 0;     // bytes of this message consumed by earlier feeds
  size_t _meta_bytes = 0;    // chunk extensions + trailers
  size_t _body_bytes = 0;
  message_fields _fields;
  parsed_message _msg;
};

}  // namespace sio::proto::http::detail
