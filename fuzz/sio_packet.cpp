// Fuzz target for the Socket.IO v5 codec (protocol/sio).
//
// Input layout: a packet text, then optional attachments, each introduced by
// a 0x1E byte (the polling record separator, so seeds read like a payload).
// Checks:
//  - decode() never crashes; padded and unpadded decoding agree;
//  - a decoded packet re-encoded from its fields decodes to the same fields;
//  - binary_assembler fed the attachments keeps its invariants, and every
//    placeholder of a started packet indexes an announced attachment.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <sio/proto/sio/binary_assembler.hpp>
#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace {

using namespace sio::proto::sio;

#define FUZZ_CHECK(cond)  \
  do {                    \
    if (!(cond)) abort(); \
  } while (0)

struct fields {
  packet_type type;
  std::string nsp;
  uint64_t ack_id;
  uint32_t attachments;
  std::string event;
  std::string args;
};

fields copy(const packet& p) {
  return {p.type,        std::string(p.nsp),   p.ack_id,
          p.attachments, std::string(p.event), std::string(p.args)};
}

bool same(const fields& a, const fields& b) {
  return a.type == b.type && a.nsp == b.nsp && a.ack_id == b.ack_id &&
         a.attachments == b.attachments && a.event == b.event && a.args == b.args;
}

std::string reencode(const packet& p) {
  std::string out;
  switch (p.type) {
    // socket.io-parser reads an ack id on every type; the CONNECT and
    // DISCONNECT encoders write none, so those go through append_header.
    case packet_type::connect:
      if (p.ack_id == no_ack) {
        append_connect(out, p.nsp, p.payload);
      } else {
        append_header(out, p.type, p.nsp, p.ack_id);
        out.append(p.payload);
      }
      break;
    case packet_type::disconnect:
      if (p.ack_id == no_ack) {
        append_disconnect(out, p.nsp);
      } else {
        append_header(out, p.type, p.nsp, p.ack_id);
      }
      break;
    case packet_type::event:
      append_event(out, p.nsp, p.event, p.args, p.ack_id);
      break;
    case packet_type::ack:
      append_ack(out, p.nsp, p.ack_id, p.args);
      break;
    case packet_type::connect_error:
      append_header(out, p.type, p.nsp, p.ack_id);
      out.append(p.payload);
      break;
    case packet_type::binary_event:
      append_binary_event(out, p.nsp, p.event, p.args, p.attachments, p.ack_id);
      break;
    case packet_type::binary_ack:
      append_binary_ack(out, p.nsp, p.ack_id, p.args, p.attachments);
      break;
  }
  return out;
}

// Every placeholder in `v` indexes one of `attachments`.
bool placeholders_in_range(simdjson::dom::element v, uint32_t attachments) {
  int index = placeholder_index(v);
  if (index >= 0) return static_cast<uint32_t>(index) < attachments;
  if (index == -2) return false;
  if (v.is_array()) {
    simdjson::dom::array arr = v.get_array().value();
    for (simdjson::dom::element e : arr) {
      if (!placeholders_in_range(e, attachments)) return false;
    }
  } else if (v.is_object()) {
    simdjson::dom::object obj = v.get_object().value();
    for (simdjson::dom::key_value_pair kv : obj) {
      if (!placeholders_in_range(kv.value, attachments)) return false;
    }
  }
  return true;
}

decoder g_decoder;  // reused across inputs, as the runtime reuses one
decoder g_second;   // decodes the re-encoded text
decoder g_padded;   // decodes the padded copy
binary_assembler g_assembler;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t sep = input.find('\x1e');
  std::string_view text = input.substr(0, sep);
  std::vector<std::string_view> attachments;
  while (sep != std::string_view::npos) {
    size_t next = input.find('\x1e', sep + 1);
    attachments.push_back(
        input.substr(sep + 1, next == std::string_view::npos ? next : next - sep - 1));
    sep = next;
  }

  g_assembler.reset();  // whatever the previous input left
  std::string padded(text);
  padded.append(simdjson::SIMDJSON_PADDING, '\x1e');
  auto pr = g_padded.decode(std::string_view(padded).substr(0, text.size()), true);

  auto r = g_decoder.decode(text);
  FUZZ_CHECK(r.has_value() == pr.has_value());
  if (!r) {
    FUZZ_CHECK(r.error() == pr.error() && r.error() != errc::ok);
    return 0;
  }
  const packet& p = *r;
  fields first = copy(p);
  FUZZ_CHECK(same(first, copy(*pr)));
  FUZZ_CHECK(!p.nsp.empty() && p.nsp[0] == '/');
  FUZZ_CHECK(p.ack_id == no_ack || p.ack_id <= max_ack_id);
  FUZZ_CHECK(is_binary(p.type) == (p.attachments > 0));
  FUZZ_CHECK(p.attachments <= g_decoder.options().max_attachments);
  FUZZ_CHECK(!is_reserved_event(p.event));

  std::string again = reencode(p);
  auto r2 = g_second.decode(again);
  FUZZ_CHECK(r2.has_value());
  FUZZ_CHECK(same(first, copy(*r2)));
  FUZZ_CHECK(reencode(*r2) == again);  // the encoders' output is a fixed point

  if (!is_binary(p.type)) {
    FUZZ_CHECK(g_assembler.start(p) == errc::bad_type);
    return 0;
  }
  errc e = g_assembler.start(p);
  if (e != errc::ok) {
    FUZZ_CHECK(e == errc::bad_placeholder);
    FUZZ_CHECK(!g_assembler.collecting() && !g_assembler.complete());
    FUZZ_CHECK(g_assembler.add({}) == errc::unexpected_binary);
    return 0;
  }
  const packet& h = g_assembler.packet_view();
  FUZZ_CHECK(same(first, copy(h)));
  if (!h.payload.empty()) FUZZ_CHECK(placeholders_in_range(h.json, h.attachments));
  FUZZ_CHECK(g_assembler.start(p) == errc::unexpected_text);
  for (std::string_view a : attachments) {
    bool was_collecting = g_assembler.collecting();
    uint32_t before = g_assembler.received();
    errc ae = g_assembler.add({reinterpret_cast<const uint8_t*>(a.data()), a.size()});
    if (was_collecting) {
      FUZZ_CHECK(ae == errc::ok && g_assembler.received() == before + 1);
      FUZZ_CHECK(g_assembler.attachments().back() == a);
    } else {
      FUZZ_CHECK(ae == errc::unexpected_binary && g_assembler.complete());
    }
  }
  FUZZ_CHECK(g_assembler.complete() == (attachments.size() >= h.attachments));
  FUZZ_CHECK(g_assembler.collecting() == (attachments.size() < h.attachments));
  FUZZ_CHECK(same(first, copy(g_assembler.packet_view())));
  return 0;
}
