#include "ws_channel.hpp"

#include <cerrno>
#include <climits>

#include <sio/proto/http/errc.hpp>
#include <sio/proto/ws/frame.hpp>
#include <sio/proto/ws/handshake.hpp>

#include "session.hpp"

namespace sio::bench {

namespace ws = proto::ws;
namespace http = proto::http;

ws_channel::ws_channel(session& owner)
    : _owner(&owner),
      _decoder(*this, ws::decoder_options{.max_message_size = 16u << 20, .server = false}),
      _mask_state(0x9e3779b9u ^ owner.global_index()) {}

bool ws_channel::open(engine::shard& s, const sockaddr_in& to, const sockaddr_in* from,
                      std::string target, uint64_t key_seed) {
  _shard = &s;
  _target = std::move(target);
  _key = ws::make_client_key(key_seed, key_seed * 0x9e3779b97f4a7c15u + 1);
  _handshake = std::make_unique<http::response_parser>();
  _id = s.connect(to, from, this);
  return _id.valid();
}

void ws_channel::on_connected(engine::conn_id id) {
  std::string& out = _owner->scratch();
  out.clear();
  ws::append_upgrade_request(out, _owner->host_header(), _target, _key);
  _handshake->expect_no_body();
  if (!_shard->send(id, out)) fail(-EPIPE);
}

size_t ws_channel::feed_handshake(std::span<uint8_t> data) {
  auto r =
      _handshake->feed(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
  if (r.status == http::errc::need_more) return r.consumed;
  if (r.status != http::errc::ok) return SIZE_MAX;
  const http::response& res = _handshake->current();
  if (res.status != 101 || !ws::accept_matches(_key, res.header("Sec-WebSocket-Accept"))) {
    return SIZE_MAX;
  }
  _handshake.reset();
  _key.clear();
  _key.shrink_to_fit();
  _target.clear();
  _target.shrink_to_fit();
  _upgraded = true;
  return r.consumed;
}

void ws_channel::on_data(engine::conn_id, std::span<uint8_t> data) {
  if (!_upgraded) {
    const size_t used = feed_handshake(data);
    if (used == SIZE_MAX) return fail(-EPROTO);
    if (!_upgraded) return;
    data = data.subspan(used);
    _owner->on_ws_open();
    if (!_id.valid()) return;  // the session closed us
  }
  // The engine's padding contract covers the decoder's: the span is followed by
  // at least 64 readable bytes.
  if (!data.empty()) _decoder.feed(data);
}

void ws_channel::on_close(engine::conn_id, int err) {
  if (!_id.valid()) return;  // closed by us: the session already knows
  _id = {};
  _owner->on_channel_closed(channel_kind::websocket, err ? err : -ECONNRESET);
}

void ws_channel::close() {
  if (!_id.valid()) return;
  const engine::conn_id id = _id;
  _id = {};
  _shard->close(id, 0, false);
}

void ws_channel::fail(int err) {
  close();
  _owner->on_channel_closed(channel_kind::websocket, err);
}

uint32_t ws_channel::next_mask() {
  // xorshift32: masking keys need not be secret here (RFC 6455 §10.3 guards
  // proxies against a hostile page; this client is a benchmark).
  uint32_t x = _mask_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  _mask_state = x;
  return x;
}

bool ws_channel::send_text(std::string_view payload) {
  if (!_upgraded || !_id.valid()) return false;
  std::string& out = _owner->frame_buffer();
  out.clear();
  ws::append_masked_frame(out, ws::opcode::text, payload, next_mask());
  if (_shard->send(_id, out)) return true;
  fail(-ENOBUFS);
  return false;
}

void ws_channel::send_control(ws::opcode op, std::span<const uint8_t> payload) {
  std::string& out = _owner->frame_buffer();
  out.clear();
  ws::append_masked_frame(
      out, op, std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()),
      next_mask());
  _shard->send(_id, out);
}

bool ws_channel::on_message(ws::opcode op, std::span<uint8_t> payload) {
  // Engine.IO v4 binary messages are not part of the benchmark contract: ignore.
  if (op != ws::opcode::text) return true;
  _owner->on_eio_text(
      std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()),
      /*padded=*/true);
  return _id.valid();
}

bool ws_channel::on_ping(std::span<const uint8_t> payload) {
  send_control(ws::opcode::pong, payload);
  return _id.valid();
}

bool ws_channel::on_pong(std::span<const uint8_t>) {
  return true;
}

bool ws_channel::on_close(uint16_t, std::string_view) {
  // The server closed the WebSocket: the session is over for this transport.
  fail(-ECONNRESET);
  return false;
}

void ws_channel::on_protocol_error(uint16_t) {
  fail(-EPROTO);
}

}  // namespace sio::bench
