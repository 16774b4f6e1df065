// Hop 2: bytes from the engine go through the RFC 6455 decoder (hop 3); whole
// messages go to the Engine.IO session (hop 4).
#include <sio/proto/ws/ws.hpp>
#include <sio/runtime/session.hpp>
#include <sio/runtime/shard_runtime.hpp>
#include <sio/runtime/ws_transport.hpp>

namespace sio::runtime {

namespace ws = proto::ws;

namespace {
ws::decoder_options decoder_options_for(const server_options& o) {
  ws::decoder_options d;
  d.max_message_size = o.eio.max_payload;
  d.server = true;
  return d;
}
}  // namespace

ws_transport::ws_transport(shard_runtime& rt, engine::conn_id id, session* s, bool probe)
    : _rt(rt),
      _id(id),
      _session(s),
      _probe(probe),
      _decoder(*this, decoder_options_for(rt.options())) {}

engine::shard& ws_transport::shard() const {
  return _rt.shard();
}

void ws_transport::on_data(engine::conn_id, std::span<uint8_t> data) {
  if (_closing) return;
  _decoder.feed(data);
}

bool ws_transport::on_message(ws::opcode op, std::span<uint8_t> payload) {
  if (!_session) return false;
  if (_probe) {
    if (op != ws::opcode::text) {
      _session->on_probe_text(*this, {});
    } else {
      _session->on_probe_text(*this,
                              {reinterpret_cast<const char*>(payload.data()), payload.size()});
    }
    return !_closing;
  }
  if (op == ws::opcode::text) {
    _session->on_text_packet({reinterpret_cast<const char*>(payload.data()), payload.size()}, true);
  } else {
    _session->on_binary_packet(payload);
  }
  return !_closing;
}

bool ws_transport::on_ping(std::span<const uint8_t> payload) {
  std::string frame;
  ws::append_frame(frame, ws::opcode::pong,
                   {reinterpret_cast<const char*>(payload.data()), payload.size()});
  shard().send(_id, frame);
  return true;
}

bool ws_transport::on_pong(std::span<const uint8_t>) {
  return true;
}

// RFC 6455 §5.5.1: answer a close with a close (echoing the code), then end TCP.
bool ws_transport::on_close(uint16_t code, std::string_view) {
  session* s = _session;
  _session = nullptr;
  close(code == ws::close_code::no_status ? ws::close_code::normal : code);
  if (s) {
    if (_probe) {
      s->on_probe_closed(*this);
    } else {
      s->on_transport_closed(close_reason::transport_close);
    }
  }
  return false;
}

void ws_transport::on_protocol_error(uint16_t code) {
  session* s = _session;
  _session = nullptr;
  close(code);
  if (s) {
    if (_probe) {
      s->on_probe_closed(*this);
    } else {
      s->on_transport_closed(close_reason::transport_error);
    }
  }
}

void ws_transport::close(uint16_t code) {
  if (_closing) return;
  _closing = true;
  std::string frame;
  ws::append_close(frame, code);
  shard().send(_id, frame);
  shard().close(_id, 0, true);
}

void ws_transport::on_close(engine::conn_id, int err) {
  session* s = _session;
  _session = nullptr;
  _rt.group().totals.connections.fetch_sub(1, std::memory_order_relaxed);
  if (s) {
    if (_probe) {
      s->on_probe_closed(*this);
    } else {
      s->on_transport_closed(err == 0 ? close_reason::transport_close
                                      : close_reason::transport_error);
    }
  }
  delete this;
}

}  // namespace sio::runtime
