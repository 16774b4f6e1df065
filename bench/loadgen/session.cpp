#include "session.hpp"

#include <cerrno>

#include <sio/proto/eio/open_packet.hpp>
#include <sio/proto/eio/payload.hpp>

#include "client_shard.hpp"
#include "http_channel.hpp"
#include "proc_stats.hpp"
#include "ws_channel.hpp"

namespace sio::bench {

namespace eio = proto::eio;

session::session(client_shard& owner, uint32_t global_index, uint32_t slot)
    : _owner(&owner), _global(global_index), _slot(slot) {}

session::~session() = default;

std::string& session::scratch() {
  return _owner->scratch();
}
std::string& session::frame_buffer() {
  return _owner->frame_buffer();
}
std::string_view session::host_header() const {
  return _owner->host_header();
}

std::string session::target(std::string_view transport) const {
  std::string t = _owner->options().target.path;
  t += "?EIO=4&transport=";
  t += transport;
  if (!_sid.empty()) {
    t += "&sid=";
    t += _sid;  // base64url: nothing to escape
  }
  return t;
}

void session::start() {
  _started_ns = mono_ns();
  _state = session_state::opening;
  engine::shard& s = _owner->shard();
  const sockaddr_in* from = _owner->source_addr(_global);
  if (_owner->options().transport == transport_kind::websocket) {
    _on_ws = true;
    _ws = std::make_unique<ws_channel>(*this);
    if (!_ws->open(s, _owner->target_addr(), from, target("websocket"), _owner->next_random())) {
      fail(-EADDRNOTAVAIL);
    }
    return;
  }
  // Polling (and upgrade): the handshake GET, then long-poll GETs, on one
  // connection; POSTs on a second one, opened when the first packet goes out.
  _get = std::make_unique<http_channel>(*this, channel_kind::poll_get);
  _post = std::make_unique<http_channel>(*this, channel_kind::poll_post);
  if (!_get->open(s, _owner->target_addr(), from) || !_get->request(target("polling"), false, {})) {
    fail(-EADDRNOTAVAIL);
  }
}

void session::close() {
  _state = session_state::closed;
  if (_ws) _ws->close();
  if (_get) _get->close();
  if (_post) _post->close();
}

void session::fail(int err) {
  if (_state == session_state::closed) return;
  const bool established = _state == session_state::connected || _state == session_state::ready;
  close();
  _owner->on_session_closed(*this, established, err);
}

void session::on_channel_closed(channel_kind from, int err) {
  // After an upgrade the polling connections are ours to drop; anything else
  // ending is the end of the session.
  if (from != channel_kind::websocket && _on_ws) return;
  fail(err);
}

void session::send_sio(std::string_view sio_text) {
  send_eio(eio::packet_type::message, sio_text);
}

void session::send_eio(eio::packet_type type, std::string_view data) {
  if (_state == session_state::closed) return;
  if (_on_ws) {
    std::string& buf = _owner->scratch();
    buf.clear();
    eio::append_packet(buf, type, data);
    _ws->send_text(buf);
    return;
  }
  // The polling payload format (PROTOCOL.md §2.2): records joined by 0x1E.
  if (!_outq.empty()) _outq += eio::record_separator;
  eio::append_packet(_outq, type, data);
  flush_post();
}

void session::flush_post() {
  if (_outq.empty() || _post->busy() || _upgrade == upgrade_step::pausing) return;
  if (!_post->active() &&
      !_post->open(_owner->shard(), _owner->target_addr(), _owner->source_addr(_global))) {
    return fail(-EADDRNOTAVAIL);
  }
  // request() copies the body out: the queue keeps its capacity for the next batch.
  _post->request(_poll_target, true, _outq);
  _outq.clear();
}

void session::poll() {
  if (_state == session_state::closed || _on_ws || _upgrade == upgrade_step::pausing) return;
  if (!_get->busy()) _get->request(_poll_target, false, {});
}

void session::on_http_response(channel_kind from, int status, std::string_view body) {
  if (status != 200) return fail(-EPROTO);
  if (from == channel_kind::poll_post) {
    if (_upgrade == upgrade_step::pausing) return maybe_finish_upgrade();
    return flush_post();
  }
  const eio::errc e =
      eio::decode_payload(body, _owner->binary_scratch(), [&](const eio::packet& p) {
        on_eio_packet(p, /*padded=*/false);
        return _state != session_state::closed;
      });
  if (e != eio::errc::ok) return fail(-EPROTO);
  if (_state == session_state::closed) return;
  if (_upgrade == upgrade_step::pausing) return maybe_finish_upgrade();
  poll();
}

void session::on_ws_open() {
  if (_upgrade == upgrade_step::probing) {
    // PROTOCOL.md §2.8: probe the new transport before switching to it.
    std::string& buf = _owner->scratch();
    buf.assign("2probe");
    _ws->send_text(buf);
  }
  // A plain WebSocket session waits for the open packet.
}

void session::on_eio_text(std::string_view text, bool padded) {
  auto p = eio::decode_text(text);
  if (!p) return fail(-EPROTO);
  on_eio_packet(*p, padded);
}

void session::on_eio_packet(const eio::packet& p, bool padded) {
  switch (p.type) {
    case eio::packet_type::open:
      return on_open(p.data);
    case eio::packet_type::ping:
      return send_eio(eio::packet_type::pong, p.data);
    case eio::packet_type::pong:
      if (_upgrade == upgrade_step::probing && p.data == "probe") {
        // Pause polling: wait for the GET and POST in flight, then send "5".
        _upgrade = upgrade_step::pausing;
        maybe_finish_upgrade();
      }
      return;
    case eio::packet_type::message:
      if (!p.binary) on_sio(p.data, padded);
      return;
    case eio::packet_type::close:
      return fail(-ECONNRESET);
    case eio::packet_type::upgrade:
    case eio::packet_type::noop:
      return;
  }
}

void session::on_open(std::string_view json) {
  if (_state != session_state::opening) return fail(-EPROTO);
  auto info = eio::parse_open(json, _owner->json_parser());
  if (!info) return fail(-EPROTO);
  _sid = std::move(info->sid);
  if (_ws == nullptr) _poll_target = target("polling");
  _state = session_state::joining;
  send_sio("0");  // CONNECT to "/" without auth (PROTOCOL.md §3.4)
  if (!_on_ws && _ws == nullptr) poll();
}

void session::on_sio(std::string_view text, bool padded) {
  if (_state == session_state::joining) {
    if (text.empty() || text[0] != '0') return fail(-EPROTO);  // CONNECT_ERROR or out of order
    _state = session_state::connected;
    if (_owner->options().transport == transport_kind::upgrade) {
      _owner->on_session_connected(*this);
      if (_state == session_state::connected) open_websocket();
      return;
    }
    _state = session_state::ready;
    _owner->on_session_connected(*this);
    if (_state == session_state::ready) _owner->on_session_ready(*this);
    return;
  }
  _owner->on_sio_packet(*this, text, padded);
}

void session::open_websocket() {
  _upgrade = upgrade_step::probing;
  _ws = std::make_unique<ws_channel>(*this);
  if (!_ws->open(_owner->shard(), _owner->target_addr(), _owner->source_addr(_global),
                 target("websocket"), _owner->next_random())) {
    fail(-EADDRNOTAVAIL);
  }
}

void session::maybe_finish_upgrade() {
  if (_get->busy() || _post->busy()) return;
  // PROTOCOL.md §2.8 step 5: "5" switches the session to the WebSocket; what
  // waited for a POST goes there instead, one packet per message.
  _upgrade = upgrade_step::done;
  _on_ws = true;
  _get->close();
  _post->close();
  std::string& buf = _owner->scratch();
  buf.assign("5");
  _ws->send_text(buf);
  std::string pending = std::move(_outq);
  _outq.clear();
  size_t start = 0;
  while (start < pending.size() && _state != session_state::closed) {
    size_t end = pending.find(eio::record_separator, start);
    if (end == std::string::npos) end = pending.size();
    _ws->send_text(std::string_view(pending).substr(start, end - start));
    start = end + 1;
  }
  if (_state == session_state::closed) return;
  _state = session_state::ready;
  _owner->on_session_ready(*this);
}

}  // namespace sio::bench
