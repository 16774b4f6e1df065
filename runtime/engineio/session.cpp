// Engine.IO v4 session: heartbeat, polling buffer, upgrade, close.
// engine.io-protocol v4, sections "Heartbeat", "Upgrade", "HTTP long-polling".
#include <sio/proto/eio/eio.hpp>
#include <sio/runtime/eio_server.hpp>
#include <sio/runtime/http_connection.hpp>
#include <sio/runtime/log.hpp>
#include <sio/runtime/session.hpp>
#include <sio/runtime/shard_runtime.hpp>
#include <sio/runtime/ws_transport.hpp>

#include <cstring>

namespace sio::runtime {

namespace eio = proto::eio;

const char* to_string(close_reason r) {
  switch (r) {
    case close_reason::transport_close:
      return "transport close";
    case close_reason::transport_error:
      return "transport error";
    case close_reason::ping_timeout:
      return "ping timeout";
    case close_reason::parse_error:
      return "parse error";
    case close_reason::forced_close:
      return "forced close";
    case close_reason::server_shutdown:
      return "server shutting down";
  }
  return "transport close";
}

namespace {
// Control packets are the same bytes for every session: encode them once per thread.
const out_packet& ping_packet() {
  thread_local const out_packet p = make_text_packet("2");
  return p;
}
const out_packet& close_packet() {
  thread_local const out_packet p = make_text_packet("1");
  return p;
}
}  // namespace

session::session(eio_server& server, std::string_view sid, transport_kind kind)
    : _server(server), _transport(kind) {
  std::memcpy(_sid.data(), sid.data(), std::min(sid.size(), sid_size));
  _heartbeat.fn = &session::on_heartbeat;
  _heartbeat.ctx = this;
  _upgrade_timer.fn = &session::on_upgrade_timeout;
  _upgrade_timer.ctx = this;
  schedule_ping();
}

session::~session() {
  shard().timers().cancel(_heartbeat);
  shard().timers().cancel(_upgrade_timer);
}

engine::shard& session::shard() const {
  return _server.shard();
}

void session::schedule_ping() {
  _awaiting_pong = false;
  shard().timers().arm(_heartbeat, _server.eio().ping_interval_ms);
}

// "Heartbeat": the server pings every pingInterval; without a pong within
// pingTimeout the session is closed with "ping timeout".
void session::on_heartbeat(engine::timer& t) {
  auto* s = static_cast<session*>(t.ctx);
  if (s->_state != state::open) return;
  if (s->_slow) {
    s->finish(close_reason::transport_error);
    return;
  }
  if (s->_awaiting_pong) {
    s->finish(close_reason::ping_timeout);
    return;
  }
  s->_awaiting_pong = true;
  s->send(ping_packet());
  s->shard().timers().arm(s->_heartbeat, s->_server.eio().ping_timeout_ms);
}

void session::on_upgrade_timeout(engine::timer& t) {
  auto* s = static_cast<session*>(t.ctx);
  if (s->_probe) {
    ws_transport* probe = s->_probe;
    s->_probe = nullptr;
    probe->detach_session();
    probe->close(1000);
  }
}

size_t session::queued_bytes() const {
  if (_transport == transport_kind::websocket) {
    return _ws ? shard().queued_bytes(_ws->id()) : 0;
  }
  return _polling_bytes;
}

void session::send(const out_packet& p) {
  if (_state != state::open || _slow) return;
  if (_transport == transport_kind::websocket && _ws) {
    shard().send(_ws->id(), p.frame);
    return;
  }
  _polling_bytes += p.frame->size() - p.header_size;
  _polling_queue.push_back(p);
  // A polling client that stops fetching is a slow consumer: past the limit
  // the buffer is dropped and the session closes on the next loop turn (not
  // here: the caller is still emitting).
  if (_polling_bytes > _server.eio().max_buffered_bytes) {
    _slow = true;
    _polling_queue.clear();
    _polling_bytes = 0;
    shard().timers().arm(_heartbeat, 0);
    return;
  }
  // While an upgrade is in flight the buffer waits for the WebSocket.
  if (_pending_get.valid() && !_probe) flush_polling();
}

void session::send_text(std::string_view data) {
  out_packet_builder b;
  auto& buf = b.start();
  buf += '4';
  buf.append(data);
  send(b.finish_text());
}

void session::on_text_packet(std::string_view text, bool padded) {
  if (_state != state::open) return;
  auto pkt = eio::decode_text(text);
  if (!pkt) {
    finish(close_reason::parse_error);
    return;
  }
  on_packet(*pkt, padded);
}

void session::on_packet(const eio::packet& p, bool padded) {
  if (_state != state::open) return;
  switch (p.type) {
    case eio::packet_type::message:
      if (!_handler) return;
      if (p.binary) {
        _handler->on_binary(*this,
                            {reinterpret_cast<const uint8_t*>(p.data.data()), p.data.size()});
      } else {
        _handler->on_message(*this, p.data, padded);
      }
      return;
    case eio::packet_type::pong:
      if (_awaiting_pong) schedule_ping();
      return;
    case eio::packet_type::close:
      // "Close" over polling: a held GET is released with a noop, as the reference does.
      if (_pending_get.valid()) respond_get("6");
      finish(close_reason::transport_close);
      return;
    case eio::packet_type::ping:  // v4 clients do not ping; tolerated like Node
    case eio::packet_type::noop:
    case eio::packet_type::upgrade:  // only meaningful on a probe
      return;
    case eio::packet_type::open:
      finish(close_reason::parse_error);
      return;
  }
}

void session::on_binary_packet(std::span<const uint8_t> data) {
  if (_state != state::open) return;
  if (_handler) _handler->on_binary(*this, data);
}

void session::on_transport_closed(close_reason reason) {
  if (_state != state::open) return;
  finish(reason);
}

// --- polling -------------------------------------------------------------------

void session::hold_get(engine::conn_id conn, http_connection* c, bool keep_alive) {
  _pending_get = conn;
  _get_conn = c;
  _get_keep_alive = keep_alive;
  c->hold(*this);
  if (_probe) {
    // "Upgrade": once the probe succeeded, a GET is released with a noop so the
    // client can pause polling. Before that, buffered packets are answered as usual.
    if (_probe_acked) respond_get("6");
    return;
  }
  if (!_polling_queue.empty()) flush_polling();
}

void session::on_get_connection_closed() {
  _pending_get = {};
  _get_conn = nullptr;
}

void session::respond_get(std::string_view body) {
  http_connection* c = _get_conn;
  _pending_get = {};
  _get_conn = nullptr;
  if (!c) return;
  c->respond_polling(body, !_get_keep_alive);
}

void session::flush_polling() {
  if (!_pending_get.valid()) return;
  std::string& body = _server.scratch();
  body.clear();
  eio::payload_writer w(body);
  for (const auto& p : _polling_queue) {
    if (p.binary) {
      auto bytes = p.payload();
      w.binary({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
    } else {
      w.raw_record(p.payload());
    }
  }
  _polling_queue.clear();
  _polling_bytes = 0;
  respond_get(body);
}

// --- upgrade -------------------------------------------------------------------

void session::begin_upgrade(ws_transport* probe) {
  _probe = probe;
  _probe_acked = false;
  shard().timers().arm(_upgrade_timer, _server.eio().upgrade_timeout_ms);
}

// "Upgrade": 2probe → 3probe, then 5 switches the session to the WebSocket.
// Anything else on the probe aborts the upgrade.
void session::on_probe_text(ws_transport& probe, std::string_view text) {
  if (&probe != _probe) return;
  if (text == "2probe") {
    shard().send(probe.id(), make_text_packet("3probe").frame);
    _probe_acked = true;
    if (_pending_get.valid()) respond_get("6");
    return;
  }
  if (text == "5" && _probe_acked) {
    shard().timers().cancel(_upgrade_timer);
    _probe = nullptr;
    if (_pending_get.valid()) respond_get("6");
    attach_websocket(&probe);
    _server.group().totals.upgrades.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  _probe = nullptr;
  shard().timers().cancel(_upgrade_timer);
  probe.detach_session();
  probe.close(1000);
}

void session::on_probe_closed(ws_transport& probe) {
  if (&probe != _probe) return;
  _probe = nullptr;
  shard().timers().cancel(_upgrade_timer);
}

void session::attach_websocket(ws_transport* ws) {
  _transport = transport_kind::websocket;
  _ws = ws;
  ws->promote();
  for (const auto& p : _polling_queue) shard().send(ws->id(), p.frame);
  _polling_queue.clear();
  _polling_queue.shrink_to_fit();
  _polling_bytes = 0;
}

// --- close ---------------------------------------------------------------------

void session::close(close_reason reason) {
  if (_state != state::open) return;
  if (_transport == transport_kind::websocket) {
    if (_ws) shard().send(_ws->id(), close_packet().frame);
  } else {
    _polling_queue.push_back(close_packet());
    if (!_probe) flush_polling();
  }
  finish(reason);
}

void session::finish(close_reason reason) {
  if (_state != state::open) return;
  _state = state::closed;
  log(log_level::debug, "session %.*s closed: %s", static_cast<int>(_sid.size()), _sid.data(),
      to_string(reason));
  shard().timers().cancel(_heartbeat);
  shard().timers().cancel(_upgrade_timer);
  // Polling: a held GET learns the session is gone ("1"), as the reference does.
  if (_pending_get.valid()) {
    if (_polling_queue.empty()) _polling_queue.push_back(close_packet());
    _state = state::open;  // let flush_polling write
    flush_polling();
    _state = state::closed;
  }
  if (_ws) {
    _ws->detach_session();
    _ws->close(1000);
    _ws = nullptr;
  }
  if (_probe) {
    _probe->detach_session();
    _probe->close(1000);
    _probe = nullptr;
  }
  session_handler* h = _handler;
  _handler = nullptr;
  if (h) h->on_close(*this, reason);
  _server.erase(*this);  // frees this at the end of the loop turn
}

}  // namespace sio::runtime
