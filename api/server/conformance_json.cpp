// JSON helpers of the conformance events: reading selectors and fields the way
// the reference's JavaScript does, and relaying received values (binary
// placeholders included) into new packets.
#include <sio/proto/json/writer.hpp>
#include <sio/proto/sio/placeholder.hpp>

#include "conformance.hpp"

namespace sio::server_app {

using element_type = simdjson::dom::element_type;

bool is_object(simdjson::dom::element v) {
  return v.type() == element_type::OBJECT;
}

std::optional<std::string_view> string_field(simdjson::dom::element v, std::string_view key) {
  std::string_view out;
  if (!is_object(v) || v[key].get_string().get(out)) return std::nullopt;
  return out;
}

bool true_field(simdjson::dom::element v, std::string_view key) {
  bool b = false;
  return is_object(v) && !v[key].get_bool().get(b) && b;
}

namespace {

// The reference's stringList(): the string entries of an array, else nothing.
std::vector<std::string> string_list(simdjson::dom::element spec, std::string_view key) {
  std::vector<std::string> out;
  simdjson::dom::array arr;
  if (spec[key].get_array().get(arr)) return out;
  for (simdjson::dom::element item : arr) {
    std::string_view sv;
    if (!item.get_string().get(sv)) out.emplace_back(sv);
  }
  return out;
}

}  // namespace

selector read_selector(simdjson::dom::element spec) {
  selector sel;
  if (!is_object(spec)) return sel;
  sel.rooms = string_list(spec, "rooms");
  sel.except = string_list(spec, "except");
  return sel;
}

runtime::broadcast_op& apply(runtime::broadcast_op& op, const selector& sel) {
  for (const auto& room : sel.rooms) op.to(room);
  for (const auto& room : sel.except) op.except(room);
  return op;
}

// socket-io-parser's deconstructPacket numbers attachments depth first, in
// the order met; doing the same keeps a relayed packet byte-identical to what
// the reference would send.
void write_value(proto::json::writer& w, simdjson::dom::element v, std::span<const std::string> in,
                 std::vector<std::string>& out) {
  const auto type = v.type();
  const bool container = type == element_type::ARRAY || type == element_type::OBJECT;
  if (container && w.depth() + 1 >= proto::json::writer::max_depth) {
    // The writer nests 64 levels at most; a peer may send deeper values. Below
    // that depth the value is copied as simdjson prints it (placeholders that
    // deep keep their numbers; nothing the official clients produce).
    w.raw(simdjson::to_string(v));
    return;
  }
  switch (type) {
    case element_type::ARRAY: {
      w.begin_array();
      // Held in a local: a range over value_unsafe() of a temporary dangles.
      const simdjson::dom::array arr = v.get_array().value_unsafe();
      for (simdjson::dom::element item : arr) write_value(w, item, in, out);
      w.end_array();
      return;
    }
    case element_type::OBJECT: {
      const int n = proto::sio::placeholder_index(v);
      if (n >= 0 && static_cast<size_t>(n) < in.size()) {
        std::string placeholder;
        proto::sio::append_placeholder(placeholder, static_cast<uint32_t>(out.size()));
        w.raw(placeholder);
        out.push_back(in[static_cast<size_t>(n)]);
        return;
      }
      w.begin_object();
      const simdjson::dom::object obj = v.get_object().value_unsafe();
      for (auto field : obj) {
        w.key(field.key);
        write_value(w, field.value, in, out);
      }
      w.end_object();
      return;
    }
    case element_type::INT64:
      w.integer(v.get_int64().value_unsafe());
      return;
    case element_type::UINT64:
      // Beyond int64: a JavaScript peer holds it as a double anyway.
      w.number(static_cast<double>(v.get_uint64().value_unsafe()));
      return;
    case element_type::DOUBLE:
      w.number(v.get_double().value_unsafe());
      return;
    case element_type::STRING:
      w.string(v.get_string().value_unsafe());
      return;
    case element_type::BOOL:
      w.boolean(v.get_bool().value_unsafe());
      return;
    case element_type::NULL_VALUE:
      w.null();
      return;
  }
}

void add_value(std::string& json, std::vector<std::string>& atts, const runtime::arg& a,
               std::span<const std::string> in) {
  if (!json.empty()) json += ',';
  proto::json::writer w(json);
  if (in.empty()) {
    w.raw(a.raw());
  } else {
    write_value(w, a.json(), in, atts);
  }
}

// Valid UTF-8 (the decoder checked it): every byte that does not continue a
// sequence starts a code point, and 4-byte ones need a surrogate pair.
size_t utf16_length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) ++n;
    if (b >= 0xF0) ++n;
  }
  return n;
}

}  // namespace sio::server_app
