// Socket.IO v5 text encoding (socket.io-protocol v5 §"Packet encoding";
// socket.io-parser Encoder.encodeAsString).

#include <sio/proto/json/append.hpp>
#include <sio/proto/sio/encoder.hpp>

namespace sio::proto::sio {
namespace {

// "[" <event> ["," <args>] "]"
void append_event_array(std::string& out, std::string_view event, std::string_view args_json) {
  out.push_back('[');
  json::append_string(out, event);
  if (!args_json.empty()) {
    out.push_back(',');
    out.append(args_json);
  }
  out.push_back(']');
}

void append_array(std::string& out, std::string_view args_json) {
  out.push_back('[');
  out.append(args_json);
  out.push_back(']');
}

}  // namespace

void append_header(std::string& out, packet_type type, std::string_view nsp, uint64_t ack_id,
                   uint32_t attachments) {
  out.push_back(type_char(type));
  if (is_binary(type)) {
    json::append_uint(out, attachments);
    out.push_back('-');
  }
  // socket.io-parser: `if (obj.nsp && "/" !== obj.nsp) str += obj.nsp + ","`
  if (!nsp.empty() && nsp != "/") {
    out.append(nsp);
    out.push_back(',');
  }
  if (ack_id != no_ack) json::append_uint(out, ack_id);
}

void append_connect(std::string& out, std::string_view nsp, std::string_view payload_json) {
  append_header(out, packet_type::connect, nsp);
  out.append(payload_json);
}

void append_connect_error(std::string& out, std::string_view nsp, std::string_view message,
                          std::string_view data_json) {
  append_header(out, packet_type::connect_error, nsp);
  out.append("{\"message\":");
  json::append_string(out, message);
  if (!data_json.empty()) {
    out.append(",\"data\":");
    out.append(data_json);
  }
  out.push_back('}');
}

void append_disconnect(std::string& out, std::string_view nsp) {
  append_header(out, packet_type::disconnect, nsp);
}

void append_event(std::string& out, std::string_view nsp, std::string_view event,
                  std::string_view args_json, uint64_t ack_id) {
  append_header(out, packet_type::event, nsp, ack_id);
  append_event_array(out, event, args_json);
}

void append_binary_event(std::string& out, std::string_view nsp, std::string_view event,
                         std::string_view args_json, uint32_t attachments, uint64_t ack_id) {
  append_header(out, packet_type::binary_event, nsp, ack_id, attachments);
  append_event_array(out, event, args_json);
}

void append_ack(std::string& out, std::string_view nsp, uint64_t ack_id,
                std::string_view args_json) {
  append_header(out, packet_type::ack, nsp, ack_id);
  append_array(out, args_json);
}

void append_binary_ack(std::string& out, std::string_view nsp, uint64_t ack_id,
                       std::string_view args_json, uint32_t attachments) {
  append_header(out, packet_type::binary_ack, nsp, ack_id, attachments);
  append_array(out, args_json);
}

}  // namespace sio::proto::sio
