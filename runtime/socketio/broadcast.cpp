// Broadcasts and server-side operations over every shard: one encode, one
// mailbox message per shard, the same frame bytes for every recipient.
#include <sio/proto/json/append.hpp>
#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/adapter.hpp>
#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/server.hpp>

#include "socketio/encode.hpp"

namespace sio::runtime {

namespace sp = proto::sio;

broadcast_op& broadcast_op::to(std::string_view room) {
  _rooms.emplace_back(room);
  return *this;
}
broadcast_op& broadcast_op::except(std::string_view room) {
  _except.emplace_back(room);
  return *this;
}
broadcast_op& broadcast_op::local() {
  _local = true;
  return *this;
}
broadcast_op& broadcast_op::volatile_() {
  _volatile = true;
  return *this;
}
broadcast_op& broadcast_op::timeout(uint32_t ms) {
  _timeout_ms = ms;
  return *this;
}
broadcast_op& broadcast_op::except_socket(std::string_view socket_id) {
  _except_socket.assign(socket_id);
  return *this;
}

namespace {

selection selection_of(const broadcast_op& op) {
  return {op.target().index(), op.rooms(), op.excepts(), op.excluded_socket()};
}

// Encodes the event (and its attachments) once for every recipient.
std::vector<out_packet> encode_event(std::string_view nsp, std::string_view event,
                                     const emit_args& a, uint64_t ack_id,
                                     std::string_view offset = {}) {
  std::vector<out_packet> packets;
  out_packet_builder b;
  encode_packets(b, nsp, event, a, ack_id, offset,
                 [&](out_packet&& p) { packets.push_back(std::move(p)); });
  return packets;
}

}  // namespace

void broadcast_op::emit(std::string_view event, const emit_args& a) {
  if (sp::is_reserved_event(event)) return;
  auto msg = std::make_shared<broadcast_msg>();
  msg->sel = selection_of(*this);
  msg->is_volatile = _volatile;
  if (_server->config().sio.recovery && !_volatile) msg->offset = _server->next_offset();
  msg->packets = encode_event(_nsp->name(), event, a, sp::no_ack, msg->offset);
  _server->get_adapter().broadcast(std::move(msg), _local);
}

void broadcast_op::emit_with_ack(std::string_view event, const emit_args& a,
                                 broadcast_ack_callback done) {
  if (sp::is_reserved_event(event)) return;
  auto encode = [nsp = _nsp->name(), ev = std::string(event), a](uint64_t id) {
    return encode_event(nsp, ev, a, id);
  };
  _server->get_adapter().broadcast_with_ack(selection_of(*this), std::move(encode), _timeout_ms,
                                            std::move(done));
}

void broadcast_op::fetch_sockets(std::function<void(std::vector<socket_info>)> done) {
  _server->get_adapter().fetch_sockets(selection_of(*this), std::move(done));
}

void broadcast_op::count(std::function<void(size_t)> done) {
  _server->get_adapter().count_sockets(selection_of(*this), std::move(done));
}

void broadcast_op::sockets_join(std::string_view room) {
  _server->get_adapter().sockets_join(selection_of(*this), std::string(room));
}

void broadcast_op::sockets_leave(std::string_view room) {
  _server->get_adapter().sockets_leave(selection_of(*this), std::string(room));
}

void broadcast_op::disconnect_sockets(bool close) {
  _server->get_adapter().disconnect_sockets(selection_of(*this), close);
}

}  // namespace sio::runtime
