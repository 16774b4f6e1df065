#pragma once
// Socket.IO v5 text packet encoders (socket.io-protocol v5 §"Packet
// encoding"), byte-identical to socket.io-parser's Encoder.encodeAsString.
// Every function appends to `out`; the caller writes the Engine.IO '4' first
// when it wants it. A namespace is written only when it is neither "" nor "/",
// and then always followed by ','. Arguments are not validated: the runtime
// passes namespaces that start with '/' and hold no ',', ack ids ≤ max_ack_id,
// event names not in reserved_events, and well-formed raw JSON.

#include <cstdint>
#include <string>
#include <string_view>

#include <sio/proto/sio/packet.hpp>
#include <sio/proto/sio/placeholder.hpp>  // append_placeholder, for binary args

namespace sio::proto::sio {

/// Everything before the payload: `<type>[<attachments>-][<nsp>,][<ack id>]`.
/// `attachments` is written for binary types only; `ack_id` unless no_ack.
void append_header(std::string& out, packet_type type, std::string_view nsp,
                   uint64_t ack_id = no_ack, uint32_t attachments = 0);

/// 0[<nsp>,][<payload_json>] — a client's CONNECT with its auth object, or the
/// server's reply {"sid":...}. An empty payload_json writes none.
void append_connect(std::string& out, std::string_view nsp, std::string_view payload_json = {});

/// 4[<nsp>,]{"message":<message>[,"data":<data_json>]} (the key order of the
/// Node server). An empty data_json writes no "data" key.
void append_connect_error(std::string& out, std::string_view nsp, std::string_view message,
                          std::string_view data_json = {});

/// 1[<nsp>,]
void append_disconnect(std::string& out, std::string_view nsp);

/// 2[<nsp>,][<ack id>][<event>,<args_json>] — `event` is escaped as a JSON
/// string; args_json is comma-separated raw JSON ("" = no arguments).
void append_event(std::string& out, std::string_view nsp, std::string_view event,
                  std::string_view args_json, uint64_t ack_id = no_ack);

/// 5<attachments>-[<nsp>,][<ack id>][<event>,<args_json>] — args_json holds
/// the placeholders (append_placeholder); the attachments follow as binary
/// Engine.IO messages.
void append_binary_event(std::string& out, std::string_view nsp, std::string_view event,
                         std::string_view args_json, uint32_t attachments,
                         uint64_t ack_id = no_ack);

/// 3[<nsp>,]<ack id>[<args_json>]
void append_ack(std::string& out, std::string_view nsp, uint64_t ack_id,
                std::string_view args_json);

/// 6<attachments>-[<nsp>,]<ack id>[<args_json>]
void append_binary_ack(std::string& out, std::string_view nsp, uint64_t ack_id,
                       std::string_view args_json, uint32_t attachments);

}  // namespace sio::proto::sio
