#include "message_parser.hpp"

#include "list_item.hpp"

#include <algorithm>

namespace sio::proto::http::detail {

namespace {

message_parser& self(llhttp_t* p) {
  return *static_cast<message_parser*>(p->data);
}

bool is_ows(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

// Per-connection memory (one block per parser, besides the buffers a split message
// needs): keep an eye on it.
static_assert(sizeof(message_parser) <= 448);

// Designated initializers keep this a constant (no static-initialisation order).
const llhttp_settings_t message_parser::settings = {
    .on_url = &message_parser::on_url,
    .on_status = &message_parser::on_status,
    .on_method = &message_parser::on_method,
    .on_header_field = &message_parser::on_header_field,
    .on_header_value = &message_parser::on_header_value,
    .on_chunk_extension_name = &message_parser::on_chunk_extension,
    .on_chunk_extension_value = &message_parser::on_chunk_extension,
    .on_headers_complete = &message_parser::on_headers_complete,
    .on_body = &message_parser::on_body,
    .on_message_complete = &message_parser::on_message_complete,
    .on_header_field_complete = &message_parser::on_header_field_complete,
    .on_header_value_complete = &message_parser::on_header_value_complete,
    .on_chunk_extension_name_complete = &message_parser::on_chunk_extension_complete,
    .on_chunk_extension_value_complete = &message_parser::on_chunk_extension_complete,
    .on_chunk_header = &message_parser::on_chunk_header,
};

message_parser::message_parser(llhttp_type_t type, const limits& l)
    : _limits(l), _request(type == HTTP_REQUEST), _fields(l.max_header_bytes) {
  // No llhttp_set_lenient_*: every leniency stays off (request smuggling, RFC 9112 §11.2).
  llhttp_init(&_p, type, &settings);
  _p.data = this;
}

feed_result message_parser::feed(std::string_view data) {
  if (_error != errc::ok) return {0, _error};
  if (_complete) next();
  if (data.empty()) return {0, errc::need_more};
  _p.data = this;  // the parser may have moved since the last feed
  const char* const base = data.data();
  const size_t size = data.size();
  size_t pos = 0;
  bool resumed = false;
  for (;;) {
    size_t len = size - pos;
    if (!_head_done) {
      // Never let llhttp see more head bytes than the limit allows, so the limit
      // holds however the input is split and nothing past it is examined.
      const size_t room = _limits.max_header_bytes - _head_bytes;
      if (room == 0) return fail_feed(errc::header_too_large, pos);
      len = std::min(len, room);
    }
    // After a resume llhttp must run even on no bytes: a message without a body
    // completes right at the end of its header section.
    if (len == 0 && !resumed) break;
    resumed = false;
    _exec_begin = base + pos;
    _exec_end = _exec_begin + len;
    const llhttp_errno_t e = llhttp_execute(&_p, _exec_begin, len);
    if (e == HPE_OK) {
      if (!_head_done) _head_bytes += len;
      pos += len;
      continue;
    }
    const char* at = llhttp_get_error_pos(&_p);
    const size_t stop = at != nullptr ? static_cast<size_t>(at - base) : pos;
    if (e != HPE_PAUSED || _pause == pause_reason::none) return fail_feed(map_error(e), stop);
    const pause_reason why = _pause;
    _pause = pause_reason::none;
    if (why == pause_reason::head) {
      _head_bytes += stop - pos;
      _head_done = true;
      pos = stop;
      if (const errc h = check_head(); h != errc::ok) return fail_feed(h, stop);
      llhttp_resume(&_p);
      resumed = true;
      continue;
    }
    complete();
    return {stop, errc::ok};
  }
  _msg_bytes += size;
  // This feed started the message (an earlier one would have buffered it already), so
  // its head so far is base[0, _head_bytes).
  if (!_fields.buffered()) _fields.move_to_buffers(base, _head_bytes);
  return {size, errc::need_more};
}

feed_result message_parser::finish() {
  if (_error != errc::ok) return {0, _error};
  if (_complete || _msg_bytes == 0) return {0, errc::need_more};
  _p.data = this;
  _exec_begin = _exec_end = nullptr;
  const llhttp_errno_t e = llhttp_finish(&_p);
  if (e == HPE_PAUSED && _pause == pause_reason::message) {
    _pause = pause_reason::none;
    complete();
    return {0, errc::ok};
  }
  if (e == HPE_OK) return {0, errc::need_more};  // only blank lines were received
  return fail_feed(_pending != errc::ok ? _pending : errc::bad_request, 0);
}

void message_parser::next() {
  llhttp_reset(&_p);  // keeps settings, data and (no) lenient flags
  _head_done = _complete = _value_ran_to_end = false;
  _open = open_part::none;
  _pause = pause_reason::none;
  _pending = _error = errc::ok;
  _head_bytes = _msg_bytes = _meta_bytes = _body_bytes = 0;
  _fields.clear();
  _msg = {};
}

feed_result message_parser::fail_feed(errc e, size_t consumed) {
  _error = e;
  return {consumed, e};
}

errc message_parser::map_error(llhttp_errno_t e) const {
  if (_pending != errc::ok) return _pending;
  switch (e) {
    case HPE_INVALID_VERSION:
    case HPE_PAUSED_H2_UPGRADE:  // "PRI * HTTP/2.0": the HTTP/2 connection preface
      return errc::bad_version;
    default:
      return errc::bad_request;
  }
}

// Runs once per message at the end of its header section (RFC 9112 §6.3 decides the
// body length from what is checked here).
errc message_parser::check_head() {
  if (_p.http_major != 1 || _p.http_minor > 1) return errc::bad_version;
  if (_p.flags & F_TRANSFER_ENCODING) {
    if (const errc e = check_transfer_coding(); e != errc::ok) return e;
  }
  if (!_request) {
    // RFC 9112 §6.3 rule 1: these never carry a body, whatever they announce.
    const uint16_t s = _p.status_code;
    if (_no_body || s / 100 == 1 || s == 204 || s == 304) _p.flags |= F_SKIPBODY;
  }
  if (!(_p.flags & F_SKIPBODY) && (_p.flags & F_CONTENT_LENGTH) &&
      _p.content_length > _limits.max_body_bytes) {
    return errc::body_too_large;
  }
  return errc::ok;
}

// RFC 9112 §6.1: a server answers 501 to a transfer coding it does not understand;
// only chunked (and the no-op identity) are understood. llhttp itself rejects a
// request whose final coding is not chunked (§6.3 rule 4) and Content-Length together
// with Transfer-Encoding (§6.3 rule 3).
errc message_parser::check_transfer_coding() {
  bool only_identity = true;
  for (const header& h : _fields.headers()) {
    if (!iequals(h.name, "transfer-encoding")) continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      const std::string_view item = next_list_item(rest);
      if (item.empty() || iequals(item, "identity")) continue;
      only_identity = false;
      if (!iequals(item, "chunked") && _request) return errc::unsupported_transfer_encoding;
    }
  }
  // "identity" alone means no coding at all: the length comes from Content-Length
  // (which llhttp already refused next to Transfer-Encoding), so no body.
  if (only_identity) _p.flags &= ~F_TRANSFER_ENCODING;
  return errc::ok;
}

void message_parser::complete() {
  const message_fields& f = _fields;
  _msg.method_name = f.method();
  _msg.target = f.target();
  _msg.reason = f.reason();
  _msg.headers = f.headers();
  _msg.body = f.body();
  _msg.method = _p.method;
  _msg.version_major = _p.http_major;
  _msg.version_minor = _p.http_minor;
  _msg.status = _p.status_code;
  _complete = true;
  _no_body = false;  // expect_no_body() covers one response
}

// Chunk extensions and trailers are parsed, not kept. Their pieces are only summed
// here and judged when an element is complete, like every other check.
int message_parser::count_meta(size_t n) {
  _meta_bytes += n;
  return 0;
}

int message_parser::commit_meta() {
  return _meta_bytes > _limits.max_header_bytes ? fail(errc::header_too_large) : 0;
}

// --- llhttp callbacks -------------------------------------------------------------

int message_parser::on_method(llhttp_t* p, const char* at, size_t n) {
  return self(p).append(self(p)._fields.method(), at, n);
}

int message_parser::on_url(llhttp_t* p, const char* at, size_t n) {
  return self(p).append(self(p)._fields.target(), at, n);
}

int message_parser::on_status(llhttp_t* p, const char* at, size_t n) {
  return self(p).append(self(p)._fields.reason(), at, n);
}

int message_parser::on_header_field(llhttp_t* p, const char* at, size_t n) {
  message_parser& s = self(p);
  if (s._head_done) return s.count_meta(n);  // a trailer field: bounded, not kept
  if (s._open != open_part::name) {
    // One spare slot: the limit is judged once the name is complete, so the outcome
    // does not depend on where the input was split.
    s._fields.start_header(size_t{s._limits.max_headers} + 1);
    s._open = open_part::name;
  }
  return s.append(s._fields.last_header().name, at, n);
}

int message_parser::on_header_field_complete(llhttp_t* p) {
  message_parser& s = self(p);
  if (s._head_done) return s.commit_meta();
  s._open = open_part::none;
  if (s._fields.header_count() > s._limits.max_headers) return s.fail(errc::too_many_headers);
  // RFC 9112 §5.1: whitespace between name and colon MUST be rejected with 400
  // (llhttp's loose mode lets "Name :" through).
  const std::string_view name = s._fields.last_header().name;
  if (name.empty() || is_ows(name.back())) return s.fail(errc::bad_request);
  return 0;
}

int message_parser::on_header_value(llhttp_t* p, const char* at, size_t n) {
  message_parser& s = self(p);
  if (s._head_done) return s.count_meta(n);
  if (s._open == open_part::value) {
    // A second piece of one value is legitimate only across a feed boundary; any
    // other is an obs-fold line, which a server may reject (RFC 9112 §5.2).
    if (!(s._value_ran_to_end && at == s._exec_begin)) return s.fail(errc::bad_request);
  }
  s._open = open_part::value;
  s._value_ran_to_end = at + n == s._exec_end;
  return s.append(s._fields.last_header().value, at, n);
}

int message_parser::on_header_value_complete(llhttp_t* p) {
  message_parser& s = self(p);
  if (s._head_done) return s.commit_meta();
  s._open = open_part::none;
  std::string_view& v = s._fields.last_header().value;
  // Defensive: llhttp strips leading whitespace (even across an obs-fold right after
  // the colon, which then reads as the one space §5.2 allows), so none should be left.
  if (!v.empty() && is_ows(v.front())) return s.fail(errc::bad_request);
  while (!v.empty() && is_ows(v.back())) v.remove_suffix(1);  // RFC 9112 §5.1 OWS
  return 0;
}

int message_parser::on_headers_complete(llhttp_t* p) {
  self(p)._pause = pause_reason::head;
  return HPE_PAUSED;
}

int message_parser::on_body(llhttp_t* p, const char* at, size_t n) {
  message_parser& s = self(p);
  if (n > s._limits.max_body_bytes - s._body_bytes) return s.fail(errc::body_too_large);
  s._body_bytes += n;
  s._fields.add_body(at, n);
  return 0;
}

int message_parser::on_chunk_header(llhttp_t* p) {
  message_parser& s = self(p);
  // p->content_length holds this chunk's size: refuse before reading it.
  if (p->content_length > s._limits.max_body_bytes - s._body_bytes) {
    return s.fail(errc::body_too_large);
  }
  return 0;
}

int message_parser::on_chunk_extension(llhttp_t* p, const char*, size_t n) {
  return self(p).count_meta(n);
}

int message_parser::on_chunk_extension_complete(llhttp_t* p) {
  return self(p).commit_meta();
}

int message_parser::on_message_complete(llhttp_t* p) {
  message_parser& s = self(p);
  s._msg.keep_alive = llhttp_should_keep_alive(p) != 0;
  s._msg.upgrade = p->upgrade != 0;
  s._pause = pause_reason::message;
  return HPE_PAUSED;
}

}  // namespace sio::proto::http::detail
