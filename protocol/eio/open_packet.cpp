// engine.io-protocol v4, §"Handshake": the open packet's JSON.

#include <sio/proto/eio/open_packet.hpp>

#include <charconv>
#include <limits>

#include <simdjson.h>

namespace sio::proto::eio {
namespace {

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// A JSON string body (RFC 8259 §7). Server sids are base64url, so this is a
// plain copy in practice; escaping keeps the packet valid JSON regardless.
void append_json_chars(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out.append("\\u00");
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
}

bool get_u32(simdjson::dom::element v, uint32_t& out) {
  uint64_t n = 0;
  if (v.get_uint64().get(n) != simdjson::SUCCESS) return false;
  if (n > std::numeric_limits<uint32_t>::max()) return false;
  out = static_cast<uint32_t>(n);
  return true;
}

}  // namespace

// Key order as the reference server writes it (PROTOCOL.md §2.4).
void append_open(std::string& out, const open_params& p) {
  out.reserve(out.size() + 128 + p.sid.size());
  out.append("0{\"sid\":\"");
  append_json_chars(out, p.sid);
  out.append(p.upgrade_to_websocket ? "\",\"upgrades\":[\"websocket\"],\"pingInterval\":"
                                    : "\",\"upgrades\":[],\"pingInterval\":");
  append_uint(out, p.ping_interval_ms);
  out.append(",\"pingTimeout\":");
  append_uint(out, p.ping_timeout_ms);
  out.append(",\"maxPayload\":");
  append_uint(out, p.max_payload);
  out.push_back('}');
}

result<open_info, errc> parse_open(std::string_view json, simdjson::dom::parser& parser) {
  simdjson::dom::object obj;
  // realloc_if_needed: the caller's text carries no simdjson padding.
  if (parser.parse(json.data(), json.size(), true).get(obj) != simdjson::SUCCESS) {
    return unexpected{errc::bad_json};
  }
  open_info info;
  bool have_sid = false, have_interval = false, have_timeout = false;
  for (const auto field : obj) {
    const std::string_view key = field.key;
    const simdjson::dom::element v = field.value;
    if (key == "sid") {
      std::string_view sid;
      if (v.get_string().get(sid) != simdjson::SUCCESS || sid.empty()) {
        return unexpected{errc::bad_open};
      }
      info.sid.assign(sid);
      have_sid = true;
    } else if (key == "upgrades") {
      simdjson::dom::array list;
      if (v.get_array().get(list) != simdjson::SUCCESS) return unexpected{errc::bad_open};
      info.can_upgrade = false;
      for (const simdjson::dom::element t : list) {
        std::string_view name;
        if (t.get_string().get(name) != simdjson::SUCCESS) return unexpected{errc::bad_open};
        if (name == "websocket") info.can_upgrade = true;
      }
    } else if (key == "pingInterval") {
      if (!get_u32(v, info.ping_interval_ms)) return unexpected{errc::bad_open};
      have_interval = true;
    } else if (key == "pingTimeout") {
      if (!get_u32(v, info.ping_timeout_ms)) return unexpected{errc::bad_open};
      have_timeout = true;
    } else if (key == "maxPayload") {
      if (v.get_uint64().get(info.max_payload) != simdjson::SUCCESS) {
        return unexpected{errc::bad_open};
      }
    }
  }
  if (!have_sid || !have_interval || !have_timeout) return unexpected{errc::bad_open};
  return info;
}

result<open_info, errc> parse_open(std::string_view json) {
  simdjson::dom::parser parser;
  return parse_open(json, parser);
}

}  // namespace sio::proto::eio
