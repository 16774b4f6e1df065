#include <sio/proto/ws/close_code.hpp>
#include <sio/proto/ws/decoder_core.hpp>
#include <sio/proto/ws/unmask.hpp>

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace sio::proto::ws {

// The per-frame steps, inlined into next(): a call each costs a visible share of a
// small frame's decoding time.
#define SIO_WS_HOT [[gnu::always_inline]] inline

namespace {

enum : uint8_t { st_header, st_payload, st_closed, st_failed };

// §5.2 header bits.
constexpr uint8_t fin_bit = 0x80;
constexpr uint8_t rsv_bits = 0x70;
constexpr uint8_t opcode_bits = 0x0F;
constexpr uint8_t mask_bit = 0x80;
constexpr uint8_t length_bits = 0x7F;
constexpr uint8_t op_continuation = 0x0;
constexpr uint8_t op_text = 0x1;
constexpr uint8_t control_bit = 0x8;
// §5.5: a control frame's payload is at most 125 bytes.
constexpr size_t max_control_payload = 125;

// §5.2: total header length, known from the second byte alone.
size_t header_length(uint8_t b1) {
  const uint8_t len7 = b1 & length_bits;
  return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & mask_bit) ? 4 : 0);
}

bool valid_utf8(const uint8_t* data, size_t size) {
  return simdjson::validate_utf8(reinterpret_cast<const char*>(data), size);
}

decoder_event event(decoder_event_kind kind, opcode op, uint8_t* data, size_t size,
                    uint16_t code = 0) {
  return decoder_event{kind, op, code, data, size};
}

}  // namespace

decoder_core::decoder_core(const decoder_options& options)
    : _max_message_size(options.max_message_size), _server(options.server) {}

bool decoder_core::failed() const {
  return _state == st_failed;
}
bool decoder_core::closed() const {
  return _state == st_closed;
}

bool decoder_core::is_text_frame() const {
  return _frame_op == op_text || (_frame_op == op_continuation && _message_op == op_text);
}

decoder_event decoder_core::fail(uint16_t code) {
  _state = st_failed;
  _buffer.release();
  return event(decoder_event_kind::error, opcode::continuation, nullptr, 0, code);
}

// §5.2 (RSV, opcode), §5.1/§5.3 (masking direction), §5.5 (control frames), §5.4
// (fragmentation): everything decidable from the first two bytes. 0 when acceptable.
SIO_WS_HOT uint16_t decoder_core::check_start(uint8_t b0, uint8_t b1) const {
  // No extension is ever negotiated, so any RSV bit is an error (§5.2).
  if (b0 & rsv_bits) return close_code::protocol_error;
  const uint8_t op = b0 & opcode_bits;
  if (!is_known_opcode(op)) return close_code::protocol_error;
  if (static_cast<bool>(b1 & mask_bit) != _server) return close_code::protocol_error;
  if (op & control_bit) {
    if (!(b0 & fin_bit) || (b1 & length_bits) > max_control_payload) {
      return close_code::protocol_error;
    }
  } else if (op == op_continuation) {
    if (_message_op == 0) return close_code::protocol_error;  // nothing to continue
  } else if (_message_op != 0) {
    return close_code::protocol_error;  // a new message inside a fragmented one
  }
  return 0;
}

// §5.2: lengths (non-minimal encodings accepted, the 64-bit MSB must be 0) and the
// mask key; §10.4: the message size limit, checked before any payload is buffered.
SIO_WS_HOT uint16_t decoder_core::begin_frame(const uint8_t* h) {
  const uint8_t b0 = h[0];
  const uint8_t b1 = h[1];
  const uint8_t* p = h + 2;
  uint64_t len = b1 & length_bits;
  if (len == 126) {
    len = (uint64_t{p[0]} << 8) | p[1];
    p += 2;
  } else if (len == 127) {
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | p[i];
    p += 8;
    if (len >> 63) return close_code::protocol_error;
  }
  if (b1 & mask_bit) std::memcpy(_mask, p, 4);
  const uint8_t op = b0 & opcode_bits;
  if (op & control_bit) {
    _control_len = static_cast<uint8_t>(len);
  } else {
    const size_t have = op == op_continuation ? _buffer.size() : 0;
    if (len > _max_message_size || have > _max_message_size - len) {
      return close_code::message_too_big;
    }
    if (op != op_continuation) {
      _utf8_checked = 0;
      if (!(b0 & fin_bit)) _message_op = op;
    }
  }
  _frame_op = op;
  _fin = (b0 & fin_bit) != 0;
  _remaining = len;
  _phase = 0;
  _copying = false;
  return 0;
}

// Completes the current header from `in` (directly, or through _spill when it is split
// across feeds). Returns 0 when the frame has begun, else a close code, or
// `need_more_bytes` when `in` ran out.
SIO_WS_HOT uint16_t decoder_core::read_header(std::span<uint8_t> in, size_t& pos) {
  const size_t avail = in.size() - pos;
  if (_spill_len == 0 && avail >= 2) {
    const size_t len = header_length(in[pos + 1]);
    if (avail >= len) {
      const uint8_t* h = in.data() + pos;
      pos += len;
      if (const uint16_t code = check_start(h[0], h[1])) return code;
      return begin_frame(h);
    }
  }
  // Slow path: gather the header in _spill. The first two bytes are checked as soon
  // as they are here, so a bad frame is refused without waiting for the rest.
  if (_spill_len < 2) {
    const size_t take = std::min<size_t>(2 - _spill_len, in.size() - pos);
    if (take == 0) return need_more_bytes;  // also keeps a null data() away from memcpy
    std::memcpy(_spill + _spill_len, in.data() + pos, take);
    _spill_len += static_cast<uint8_t>(take);
    pos += take;
    if (_spill_len < 2) return need_more_bytes;
    if (const uint16_t code = check_start(_spill[0], _spill[1])) return code;
  }
  const size_t len = header_length(_spill[1]);
  const size_t take = std::min<size_t>(len - _spill_len, in.size() - pos);
  if (take != 0) std::memcpy(_spill + _spill_len, in.data() + pos, take);
  _spill_len += static_cast<uint8_t>(take);
  pos += take;
  if (_spill_len < len) return need_more_bytes;
  _spill_len = 0;
  return begin_frame(_spill);
}

decoder_event decoder_core::next(std::span<uint8_t> in, size_t& pos) {
  for (;;) {
    if (_state == st_header) {
      if (const uint16_t code = read_header(in, pos)) {
        if (code == need_more_bytes) return event(decoder_event_kind::need_more, {}, nullptr, 0);
        return fail(code);
      }
      _state = st_payload;
    }
    if (_state != st_payload) [[unlikely]] {
      if (_state == st_closed) {
        _buffer.release();
        pos = in.size();
      }
      return event(decoder_event_kind::need_more, {}, nullptr, 0);
    }
    uint8_t* p = in.data() + pos;
    const size_t avail = in.size() - pos;
    // A control frame or an unfragmented data frame whose payload is all here is
    // handed out where it lies: no copy.
    const bool self_contained = (_frame_op & control_bit) || (_fin && _frame_op != op_continuation);
    if (self_contained && !_copying && _remaining <= avail) {
      const size_t n = static_cast<size_t>(_remaining);
      if (_server) unmask(p, n, _mask, 0);
      pos += n;
      _remaining = 0;
      _state = st_header;
      return whole_frame(p, n);
    }
    // Otherwise the payload goes to _buffer: a control frame's after the message
    // bytes, so it can interleave with a fragmented message (§5.4).
    const size_t n = static_cast<size_t>(std::min<uint64_t>(_remaining, avail));
    // The header ended the input: the payload may yet come whole in the next feed.
    if (n == 0 && _remaining != 0) return event(decoder_event_kind::need_more, {}, nullptr, 0);
    if (_server) {
      unmask(p, n, _mask, _phase);
      _phase = static_cast<uint8_t>((_phase + n) & 3);
    }
    const size_t buffer_limit = _max_message_size > SIZE_MAX - max_control_payload
                                    ? SIZE_MAX
                                    : _max_message_size + max_control_payload;
    if (!_buffer.append(p, n, buffer_limit)) {
      return fail(close_code::internal_error);
    }
    _copying = true;
    pos += n;
    _remaining -= n;
    if (is_text_frame() && !check_utf8_prefix()) return fail(close_code::invalid_payload);
    if (_remaining != 0) return event(decoder_event_kind::need_more, {}, nullptr, 0);
    _state = st_header;
    _copying = false;
    if (_frame_op & control_bit) {
      const size_t start = _buffer.size() - _control_len;
      _buffer.truncate(start);
      return whole_frame(_buffer.data() + start, _control_len);
    }
    if (_fin) return message_from_buffer();
    // A non-final fragment: nothing to report, read on.
  }
}

// A frame complete by itself (control, or unfragmented data), payload unmasked.
SIO_WS_HOT decoder_event decoder_core::whole_frame(uint8_t* payload, size_t size) {
  switch (static_cast<opcode>(_frame_op)) {
    case opcode::text:
      if (!valid_utf8(payload, size)) return fail(close_code::invalid_payload);
      return event(decoder_event_kind::message, opcode::text, payload, size);
    case opcode::binary:
      return event(decoder_event_kind::message, opcode::binary, payload, size);
    case opcode::ping:
      return event(decoder_event_kind::ping, opcode::ping, payload, size);
    case opcode::pong:
      return event(decoder_event_kind::pong, opcode::pong, payload, size);
    case opcode::close:
      return close_frame(payload, size);
    case opcode::continuation:
      break;
  }
  return fail(close_code::protocol_error);  // unreachable: check_start filtered the rest
}

// The last frame of a buffered message arrived: validate the text tail, hand it out.
// The buffer is emptied before the sink sees the bytes (the memory stays) so the
// decoder is consistent even if the sink stops.
decoder_event decoder_core::message_from_buffer() {
  const opcode op = static_cast<opcode>(_frame_op == op_continuation ? _message_op : _frame_op);
  // Padding must follow even an empty message, so make sure there is memory.
  if (_buffer.data() == nullptr && !_buffer.append(nullptr, 0, 0)) {
    return fail(close_code::internal_error);
  }
  const size_t size = _buffer.size();
  if (op == opcode::text && !valid_utf8(_buffer.data() + _utf8_checked, size - _utf8_checked)) {
    return fail(close_code::invalid_payload);
  }
  _message_op = 0;
  _buffer.truncate(0);
  return event(decoder_event_kind::message, op, _buffer.data(), size);
}

// §5.5.1 / §7.4: an empty payload means "no status" (1005); otherwise a valid code
// and a UTF-8 reason (§5.5.1: "MUST be UTF-8").
decoder_event decoder_core::close_frame(uint8_t* payload, size_t size) {
  uint16_t code = close_code::no_status;
  if (size != 0) {
    if (size == 1) return fail(close_code::protocol_error);
    code = static_cast<uint16_t>((payload[0] << 8) | payload[1]);
    if (!is_valid_close_code(code)) return fail(close_code::protocol_error);
    if (!valid_utf8(payload + 2, size - 2)) return fail(close_code::invalid_payload);
    payload += 2;
    size -= 2;
  }
  _state = st_closed;
  return event(decoder_event_kind::close, opcode::close, payload, size, code);
}

// §8.1: validates the buffered text up to the last complete code point, so an invalid
// fragment fails at once while a code point split across frames or feeds is accepted.
bool decoder_core::check_utf8_prefix() {
  const uint8_t* d = _buffer.data();
  const size_t end = _buffer.size();
  size_t upto = end;
  // Look back at most 3 bytes for the lead byte of a sequence that is still incomplete.
  for (size_t i = end; i > _utf8_checked && end - i < 4;) {
    const uint8_t c = d[--i];
    if ((c & 0xC0) == 0x80) continue;
    // Bytes that never start a sequence (80-BF were skipped; C0, C1, F5-FF) count as
    // complete, so they are refused now rather than when more bytes arrive.
    const size_t need = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
    if (i + need > end) upto = i;
    break;
  }
  if (upto <= _utf8_checked) return true;
  if (!valid_utf8(d + _utf8_checked, upto - _utf8_checked)) return false;
  _utf8_checked = upto;
  return true;
}

#undef SIO_WS_HOT

}  // namespace sio::proto::ws
