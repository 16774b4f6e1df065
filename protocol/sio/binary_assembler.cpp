// Binary packet reassembly (socket.io-protocol v5 §"Binary data";
// socket.io-parser 4.2.7 BinaryReconstructor and binary.ts
// reconstructPacket).

#include <sio/proto/sio/binary_assembler.hpp>
#include <sio/proto/sio/encoder.hpp>
#include <sio/proto/sio/placeholder.hpp>

namespace sio::proto::sio {
namespace {

// Walks the payload as _reconstructPacket does: arrays and objects are
// entered, a placeholder object is checked and not entered. Recursion depth
// is bounded by the decoder's max_depth.
bool placeholders_valid(simdjson::dom::element v, uint32_t attachments) {
  using simdjson::dom::element_type;
  switch (v.type()) {
    case element_type::ARRAY: {
      simdjson::dom::array arr = v.get_array().value_unsafe();
      for (simdjson::dom::element child : arr) {
        if (!placeholders_valid(child, attachments)) return false;
      }
      return true;
    }
    case element_type::OBJECT: {
      int index = placeholder_index(v);
      if (index >= 0) return static_cast<uint32_t>(index) < attachments;
      if (index == -2) return false;
      simdjson::dom::object obj = v.get_object().value_unsafe();
      for (simdjson::dom::key_value_pair kv : obj) {
        if (!placeholders_valid(kv.value, attachments)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

}  // namespace

binary_assembler::binary_assembler(decoder_options o) : _decoder(o) {}

errc binary_assembler::start(const packet& header) {
  if (collecting()) return errc::unexpected_text;
  reset();
  if (!is_binary(header.type)) return errc::bad_type;
  if (header.attachments == 0) return errc::bad_attachments;
  if (header.attachments > _decoder.options().max_attachments) {
    return errc::too_many_attachments;
  }
  // The header's views die with the caller's frame and decoder: rebuild its
  // text from the fields and decode that copy with our own decoder.
  _header.clear();
  append_header(_header, header.type, header.nsp, header.ack_id, header.attachments);
  _header.append(header.payload);
  auto r = _decoder.decode(_header, false);
  if (!r) return r.error();
  if (!r->payload.empty() && !placeholders_valid(r->json, r->attachments)) {
    return errc::bad_placeholder;
  }
  _packet = *r;
  _active = true;
  return errc::ok;
}

errc binary_assembler::add(std::span<const uint8_t> attachment) {
  if (!collecting()) return errc::unexpected_binary;
  if (_slots.size() <= _received) _slots.emplace_back();
  _slots[_received].assign(reinterpret_cast<const char*>(attachment.data()), attachment.size());
  ++_received;
  return errc::ok;
}

void binary_assembler::reset() {
  _active = false;
  _received = 0;
  _packet = packet{};
}

void binary_assembler::release() {
  reset();
  std::vector<std::string>().swap(_slots);
  std::string().swap(_header);
}

}  // namespace sio::proto::sio
