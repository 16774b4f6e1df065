#pragma once
// One place that turns an event or an ack into Engine.IO packets: "4" + the
// Socket.IO packet (BINARY_EVENT / BINARY_ACK when there are attachments),
// then one binary packet per attachment. socket emits, socket acks and
// broadcasts all go through it.

#include <sio/proto/json/append.hpp>
#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/emit_args.hpp>
#include <sio/runtime/out_packet.hpp>

namespace sio::runtime {

/// `event` empty: an ACK with `id`; else an EVENT (`id` = ack id or no_ack).
/// `offset`: a recovery offset appended as the last argument ("" = none).
/// `sink(out_packet&&)` receives the packets in order.
template <class Sink>
void encode_packets(out_packet_builder& b, std::string_view nsp, std::string_view event,
                    const emit_args& a, uint64_t id, std::string_view offset, Sink&& sink) {
  namespace sp = proto::sio;
  const auto& att = a.attachments();
  const auto n = static_cast<uint32_t>(att.size());
  std::string& buf = b.start();
  buf += '4';
  if (event.empty()) {
    if (n == 0) {
      sp::append_ack(buf, nsp, id, a.json());
    } else {
      sp::append_binary_ack(buf, nsp, id, a.json(), n);
    }
  } else {
    if (n == 0) {
      sp::append_event(buf, nsp, event, a.json(), id);
    } else {
      sp::append_binary_event(buf, nsp, event, a.json(), n, id);
    }
    if (!offset.empty()) {
      // ["event",args…] → ["event",args…,"offset"]: no copy of the arguments.
      buf.pop_back();
      buf += ',';
      proto::json::append_string(buf, offset);
      buf += ']';
    }
  }
  sink(b.finish_text());
  for (const auto& bytes : att) {
    sink(make_binary_packet({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}));
  }
}

}  // namespace sio::runtime
