#include "message_fields.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>

namespace sio::proto::http::detail {

namespace {

// A body larger than this is not kept between messages: an idle connection should
// not hold the memory of its largest request.
constexpr size_t retained_body_capacity = 64 * 1024;

}  // namespace

void message_fields::start_header(size_t reserve) {
  if (_headers.capacity() == 0) _headers.reserve(reserve);
  _headers.emplace_back();
}

bool message_fields::append(std::string_view& v, const char* at, size_t n) {
  const char* src = at;
  if (_buffered) {
    if (!grow_head(n)) return false;
    char* dst = _head.get() + _head_used;
    if (n > 0) std::memcpy(dst, at, n);
    _head_used += n;
    src = dst;
  }
  if (v.data() == nullptr) {
    v = {src, n};
  } else {
    // Pieces of one field are contiguous: within one feed llhttp reports a span once,
    // and across feeds the earlier piece is the last thing copied into _head.
    assert(v.data() + v.size() == src);
    v = {v.data(), v.size() + n};
  }
  return true;
}

void message_fields::add_body(const char* at, size_t n) {
  if (!_body_owned) {
    if (_body_view.data() == nullptr) {
      _body_view = {at, n};
      return;
    }
    if (_body_view.data() + _body_view.size() == at) {
      _body_view = {_body_view.data(), _body_view.size() + n};
      return;
    }
    // A second chunk: de-chunk into our own buffer.
    _body.assign(_body_view);
    _body_view = {};
    _body_owned = true;
  }
  _body.append(at, n);
  pad_body();
}

// The head so far is copied whole, so its views keep their offsets, and later head
// pieces land right behind it.
void message_fields::move_to_buffers(const char* data, size_t head_len) {
  assert(head_len <= _max_head);
  if (head_len > 0) {
    grow_head(head_len);
    std::memcpy(_head.get(), data, head_len);
    rebase(data, head_len, _head.get());
    _head_used = head_len;
  }
  if (!_body_owned) {
    _body.assign(_body_view);
    _body_view = {};
    _body_owned = true;
    pad_body();
  }
  _buffered = true;
}

void message_fields::clear() {
  _buffered = _body_owned = false;
  _method = _target = _reason = _body_view = {};
  _headers.clear();
  if (_body.capacity() > retained_body_capacity) {
    std::string().swap(_body);
  } else {
    _body.clear();
  }
  _head_used = 0;
}

bool message_fields::grow_head(size_t need) {
  if (_head_used + need <= _head_cap) return true;
  const size_t want = _head_used + need;
  if (want > _max_head) return false;
  const size_t cap = std::max(want, std::min(std::max<size_t>(_head_cap * 2, 1024), _max_head));
  std::unique_ptr<char[]> fresh(new char[cap]);
  if (_head_used > 0) std::memcpy(fresh.get(), _head.get(), _head_used);
  rebase(_head.get(), _head_used, fresh.get());
  _head = std::move(fresh);
  _head_cap = cap;
  return true;
}

// Points every head view that lies in [from, from + n] at the same offset in `to`
// (the end is included: a piece may be empty and sit right at it).
void message_fields::rebase(const char* from, size_t n, char* to) {
  if (from == nullptr) return;
  const auto lo = reinterpret_cast<uintptr_t>(from);
  const auto move = [&](std::string_view& v) {
    const auto p = reinterpret_cast<uintptr_t>(v.data());
    if (v.data() != nullptr && p >= lo && p <= lo + n) v = {to + (p - lo), v.size()};
  };
  move(_method);
  move(_target);
  move(_reason);
  for (header& h : _headers) {
    move(h.name);
    move(h.value);
  }
}

}  // namespace sio::proto::http::detail
