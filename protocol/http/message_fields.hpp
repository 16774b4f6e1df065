#pragma once
// The parts of one HTTP message as they are parsed, and where their bytes live.
// Private to protocol/http.

#include <sio/proto/http/header.hpp>
#include <sio/proto/http/limits.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sio::proto::http::detail {

/// Views of the start line, the header fields and the body of the message being
/// parsed. While the message arrives within one feed they point into the fed bytes
/// (no copy). When a feed ends inside the message, move_to_buffers() copies what they
/// need into the object's own buffers; from then on every piece is appended there:
/// head pieces to one block that never outgrows max_header_bytes, body pieces to a
/// string. A field split across feeds therefore stays one contiguous view.
class message_fields {
 public:
  explicit message_fields(size_t max_header_bytes) : _max_head(max_header_bytes) {}

  std::string_view& method() { return _method; }
  std::string_view& target() { return _target; }
  std::string_view& reason() { return _reason; }
  std::string_view method() const { return _method; }
  std::string_view target() const { return _target; }
  std::string_view reason() const { return _reason; }

  /// Starts a new header field; capacity `reserve` is taken once, on first use.
  void start_header(size_t reserve);
  header& last_header() { return _headers.back(); }
  std::span<const header> headers() const { return {_headers.data(), _headers.size()}; }
  size_t header_count() const { return _headers.size(); }

  /// Adds the next piece of `v` (one of the views above). False when the piece would
  /// overflow max_header_bytes (cannot happen when the caller bounds the head).
  bool append(std::string_view& v, const char* at, size_t n);

  /// Adds body bytes: kept as a view while contiguous in one feed, else copied (and
  /// then followed by body_padding readable bytes).
  void add_body(const char* at, size_t n);
  std::string_view body() const { return _body_owned ? std::string_view(_body) : _body_view; }

  /// The feed that started the message (at `data`) ends inside it: copies the first
  /// `head_len` bytes (the head so far) and the body so far into own buffers.
  void move_to_buffers(const char* data, size_t head_len);
  bool buffered() const { return _buffered; }

  /// Forgets the message; keeps the buffers (a large body buffer is released).
  void clear();

 private:
  bool grow_head(size_t need);
  void pad_body() {
    if (_body.capacity() - _body.size() < body_padding) _body.reserve(_body.size() + body_padding);
  }
  void rebase(const char* from, size_t n, char* to);

  size_t _max_head;
  bool _buffered = false;
  bool _body_owned = false;
  std::string_view _method, _target, _reason;
  std::vector<header> _headers;
  std::string_view _body_view;
  std::string _body;
  std::unique_ptr<char[]> _head;
  size_t _head_cap = 0, _head_used = 0;
};

}  // namespace sio::proto::http::detail
