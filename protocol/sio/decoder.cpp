// Socket.IO v5 text decoding (socket.io-protocol v5 §"Packet encoding"),
// step by step as socket.io-parser 4.2.7 Decoder.decodeString and
// Decoder.isPayloadValid do it (PROTOCOL.md §3.2).

#include <cstring>

#include <sio/proto/json/append.hpp>
#include <sio/proto/json/js_compat.hpp>
#include <sio/proto/sio/decoder.hpp>

#include "array_text.hpp"

namespace sio::proto::sio {
namespace {

using simdjson::dom::element_type;

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

decoder::decoder(decoder_options o) : _opts(o) {}

const char* decoder::padded_copy(std::string_view s) {
  size_t need = s.size() + simdjson::SIMDJSON_PADDING;
  if (need > _pad_capacity) {
    _pad_capacity = need < 256 ? 256 : need + need / 2;
    _pad.reset(new char[_pad_capacity]);
  }
  std::memcpy(_pad.get(), s.data(), s.size());
  // simdjson only needs the padding to be readable; zeroing it keeps
  // memory checkers quiet.
  std::memset(_pad.get() + s.size(), 0, simdjson::SIMDJSON_PADDING);
  return _pad.get();
}

errc decoder::parse(std::string_view json, bool padded) {
  if (_parser.max_depth() != _opts.max_depth) {
    if (_parser.allocate(json.size(), _opts.max_depth) != simdjson::SUCCESS) return errc::bad_json;
  }
  const char* data = padded ? json.data() : padded_copy(json);
  auto err = _parser.parse(data, json.size(), false).get(_doc);
  if (err == simdjson::NUMBER_ERROR || err == simdjson::STRING_ERROR) {
    // Big integers and unpaired surrogate escapes: JSON.parse takes them.
    if (json::js_compat_rewrite(json, _compat)) {
      data = padded_copy(_compat);
      err = _parser.parse(data, _compat.size(), false).get(_doc);
    }
  }
  return err == simdjson::SUCCESS ? errc::ok : errc::bad_json;
}

std::string_view decoder::number_name(simdjson::dom::element e) {
  // An EventEmitter key is a property key: String(n) of the JS number.
  double v = 0;
  switch (e.type()) {
    case element_type::INT64:
      v = static_cast<double>(e.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      v = static_cast<double>(e.get_uint64().value_unsafe());
      break;
    default:
      v = e.get_double().value_unsafe();
      break;
  }
  _name.clear();
  json::append_number(_name, v);
  return _name;
}

result<packet, errc> decoder::decode(std::string_view text, bool padded) {
  packet p;
  if (text.empty()) return unexpected{errc::empty};
  // 1. type: one digit 0-6.
  char t = text[0];
  if (t < '0' || t > '6') return unexpected{errc::bad_type};
  p.type = static_cast<packet_type>(t - '0');
  size_t i = 1;
  const size_t n = text.size();

  // 2. binary types: "<count>-". The count must be an integer ≥ 1 (4.2.7)
  // and at most max_attachments.
  if (is_binary(p.type)) {
    size_t dash = text.find('-', 1);
    if (dash == std::string_view::npos || dash == 1) return unexpected{errc::bad_attachments};
    uint64_t count = 0;
    for (size_t j = 1; j < dash; ++j) {
      if (!is_digit(text[j])) return unexpected{errc::bad_attachments};
      if (count <= _opts.max_attachments) count = count * 10 + static_cast<unsigned>(text[j] - '0');
    }
    if (count == 0) return unexpected{errc::bad_attachments};
    if (count > _opts.max_attachments) return unexpected{errc::too_many_attachments};
    p.attachments = static_cast<uint32_t>(count);
    i = dash + 1;
  }

  // 3. namespace: from '/' to the first ',' (consumed) or to the end.
  if (i < n && text[i] == '/') {
    size_t comma = text.find(',', i);
    if (comma == std::string_view::npos) {
      p.nsp = text.substr(i);
      i = n;
    } else {
      p.nsp = text.substr(i, comma - i);
      i = comma + 1;
    }
  }

  // 4. ack id: the run of digits that follows.
  if (i < n && is_digit(text[i])) {
    uint64_t id = 0;
    for (; i < n && is_digit(text[i]); ++i) {
      if (id <= max_ack_id) id = id * 10 + static_cast<unsigned>(text[i] - '0');
    }
    if (id > max_ack_id) return unexpected{errc::bad_ack_id};
    p.ack_id = id;
  }

  // 5. payload: the rest, JSON.
  if (i == n) {
    // socket.io-parser skips validation when nothing follows the header; an
    // event without a name is useless to the runtime, so it is refused here.
    if (p.type == packet_type::event || p.type == packet_type::binary_event) {
      return unexpected{errc::bad_payload};
    }
    return p;
  }
  p.payload = text.substr(i);
  // isPayloadValid(DISCONNECT) is `payload === undefined`: anything is wrong.
  if (p.type == packet_type::disconnect) return unexpected{errc::bad_payload};
  // The payload ends where `text` ends, so `text`'s padding covers it.
  if (errc e = parse(p.payload, padded); e != errc::ok) return unexpected{e};
  p.json = _doc;
  element_type root = _doc.type();

  switch (p.type) {
    case packet_type::connect:
      if (root != element_type::OBJECT) return unexpected{errc::bad_payload};
      break;
    case packet_type::connect_error:
      if (root != element_type::OBJECT && root != element_type::STRING) {
        return unexpected{errc::bad_payload};
      }
      break;
    case packet_type::ack:
    case packet_type::binary_ack:
      if (root != element_type::ARRAY) return unexpected{errc::bad_payload};
      p.args = detail::array_inner(p.payload);
      break;
    case packet_type::event:
    case packet_type::binary_event: {
      if (root != element_type::ARRAY) return unexpected{errc::bad_payload};
      simdjson::dom::array arr = _doc.get_array().value_unsafe();
      auto it = arr.begin();
      if (it == arr.end()) return unexpected{errc::bad_payload};
      simdjson::dom::element name = *it;
      switch (name.type()) {
        case element_type::STRING:
          p.event = name.get_string().value_unsafe();
          if (is_reserved_event(p.event)) return unexpected{errc::reserved_event};
          break;
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
          p.event = number_name(name);
          break;
        default:
          return unexpected{errc::bad_payload};
      }
      p.args = detail::array_tail(p.payload);
      break;
    }
    case packet_type::disconnect:
      break;  // handled above
  }
  return p;
}

}  // namespace sio::proto::sio
