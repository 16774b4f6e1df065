// Streaming JSON writer (RFC 8259 §2-§5 grammar, JSON.stringify's compact form).

#include <cassert>

#include <sio/proto/json/append.hpp>
#include <sio/proto/json/writer.hpp>

namespace sio::proto::json {

void writer::before_value() {
  if (_depth == 0) {
    if (_top_has_item) _out.push_back(',');
    _top_has_item = true;
    return;
  }
  uint64_t bit = uint64_t{1} << (_depth - 1);
  if (_is_object & bit) {
    // Inside an object a value is only valid right after its key, which
    // already wrote the comma.
    assert(_after_key && "json::writer: object value without a key");
    _after_key = false;
    return;
  }
  if (_has_item & bit) _out.push_back(',');
  _has_item |= bit;
}

void writer::open(char c, bool object) {
  before_value();
  assert(_depth < max_depth && "json::writer: nesting deeper than 64");
  ++_depth;
  uint64_t bit = uint64_t{1} << (_depth - 1);
  _has_item &= ~bit;
  if (object) {
    _is_object |= bit;
  } else {
    _is_object &= ~bit;
  }
  _out.push_back(c);
}

void writer::close(char c, [[maybe_unused]] bool object) {
  assert(_depth > 0 && "json::writer: end without begin");
  assert(((_is_object >> (_depth - 1)) & 1) == uint64_t{object} && "json::writer: mismatched end");
  assert(!_after_key && "json::writer: key without a value");
  --_depth;
  _out.push_back(c);
}

writer& writer::begin_object() {
  open('{', true);
  return *this;
}

writer& writer::end_object() {
  close('}', true);
  return *this;
}

writer& writer::begin_array() {
  open('[', false);
  return *this;
}

writer& writer::end_array() {
  close(']', false);
  return *this;
}

writer& writer::key(std::string_view k) {
  assert(_depth > 0 && ((_is_object >> (_depth - 1)) & 1) && "json::writer: key outside an object");
  assert(!_after_key && "json::writer: two keys in a row");
  uint64_t bit = uint64_t{1} << (_depth - 1);
  if (_has_item & bit) _out.push_back(',');
  _has_item |= bit;
  append_string(_out, k);
  _out.push_back(':');
  _after_key = true;
  return *this;
}

writer& writer::string(std::string_view s) {
  before_value();
  append_string(_out, s);
  return *this;
}

writer& writer::number(double v) {
  before_value();
  append_number(_out, v);
  return *this;
}

writer& writer::integer(int64_t v) {
  before_value();
  append_int(_out, v);
  return *this;
}

writer& writer::boolean(bool b) {
  before_value();
  _out.append(b ? "true" : "false");
  return *this;
}

writer& writer::null() {
  before_value();
  _out.append("null");
  return *this;
}

writer& writer::raw(std::string_view json) {
  before_value();
  _out.append(json);
  return *this;
}

}  // namespace sio::proto::json
