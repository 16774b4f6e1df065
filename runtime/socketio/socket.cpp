// Hop 6: a socket's events reach the user's handlers; emits and acks leave here.
#include <sio/proto/http/query_params.hpp>
#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/server.hpp>
#include <sio/runtime/socket.hpp>

#include "socketio/client.hpp"
#include "socketio/encode.hpp"
#include "socketio/recovery_store.hpp"
#include "socketio/sio_shard.hpp"

namespace sio::runtime {

namespace sp = proto::sio;

std::string_view handshake_info::header(std::string_view name) const {
  std::string_view all = headers;
  while (!all.empty()) {
    size_t eol = all.find('\n');
    std::string_view line = all.substr(0, eol);
    all = eol == std::string_view::npos ? std::string_view{} : all.substr(eol + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < colon && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(line[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return line.substr(colon + 2);
  }
  return {};
}

std::optional<std::string> handshake_info::query_param(std::string_view key) const {
  proto::http::query_params q(query);
  auto v = q.get(key);
  if (!v) return std::nullopt;
  return std::string(*v);
}

socket* socket_ref::get() const {
  return shard ? shard->resolve(nsp_index, slot, gen) : nullptr;
}

void ack_fn::operator()(const emit_args& a) {
  if (_id == ~uint64_t{0}) return;
  uint64_t id = _id;
  _id = ~uint64_t{0};  // an ack fires once
  if (socket* s = _socket.get()) s->send_ack(id, a);
}

socket::socket(sio_shard& shard, client& c, nsp& n, uint32_t slot, uint32_t gen)
    : _shard(&shard), _client(&c), _nsp(&n), _slot(slot), _gen(gen) {}

socket::~socket() {
  if (!_x) return;
  for (auto& a : _x->acks) _shard->io().timers().cancel(a->timer);
}

std::string_view socket::nsp_name() const {
  return _nsp->name();
}

const std::string& socket::default_data() {
  static const std::string empty_object = "{}";
  return empty_object;
}

const std::string& socket::no_pid() {
  static const std::string none;
  return none;
}

socket_ref socket::ref() const {
  return {_shard, _nsp->index(), _slot, _gen};
}

void socket::set_id(std::string_view id) {
  std::copy_n(id.data(), std::min(id.size(), id_size), _id.begin());
}

void socket::on(std::string_view event, event_handler h) {
  x().handlers.emplace_back(std::string(event), std::move(h));
}
void socket::on_any(any_handler h) {
  x().any.push_back(std::move(h));
}
void socket::on_disconnecting(disconnect_handler h) {
  x().disconnecting.push_back(std::move(h));
}
void socket::on_disconnect(disconnect_handler h) {
  x().disconnect.push_back(std::move(h));
}

size_t socket::queued_bytes() const {
  return _client->open() ? _client->eio().queued_bytes() : 0;
}

// Encodes "4" + the Socket.IO EVENT (binary: header + one packet per attachment).
bool socket::send_event(std::string_view event, const emit_args& a, uint64_t ack_id,
                        bool is_volatile) {
  if (!_connected || _closing || sp::is_reserved_event(event)) return false;
  if (is_volatile && queued_bytes() > _shard->owner().config().sio.volatile_queue_limit) {
    return true;  // dropped by design
  }
  if (!is_volatile && ack_id == sp::no_ack && _shard->owner().config().sio.recovery) {
    // With recovery, an emit is logged like a broadcast to the socket's own room
    // (as the reference does), so a client that comes back elsewhere gets it.
    broadcast_op(_nsp->owner(), *_nsp).to(id()).emit(event, a);
    return true;
  }
  encode_packets(_shard->builder(), nsp_name(), event, a, ack_id, {},
                 [this](out_packet&& p) { _client->send(p); });
  return true;
}

bool socket::emit(std::string_view event, const emit_args& a) {
  return send_event(event, a, sp::no_ack, false);
}

bool socket::volatile_emit(std::string_view event, const emit_args& a) {
  return send_event(event, a, sp::no_ack, true);
}

bool socket::emit_with_ack(std::string_view event, const emit_args& a, uint32_t timeout_ms,
                           ack_callback cb) {
  uint64_t id = _shard->next_ack_id();
  if (!send_event(event, a, id, false)) return false;
  expect_ack(id, timeout_ms, std::move(cb));
  return true;
}

void socket::expect_ack(uint64_t id, uint32_t timeout_ms, ack_callback cb) {
  auto pending = std::make_unique<pending_ack>();
  pending->id = id;
  pending->cb = std::move(cb);
  pending->owner = this;
  pending->timer.fn = &socket::on_ack_timeout;
  pending->timer.ctx = pending.get();
  _shard->io().timers().arm(pending->timer, timeout_ms);
  x().acks.push_back(std::move(pending));
}

void socket::on_ack_timeout(engine::timer& t) {
  auto* p = static_cast<pending_ack*>(t.ctx);
  socket* s = p->owner;
  ack_callback cb = std::move(p->cb);
  std::erase_if(s->x().acks, [p](const auto& a) { return a.get() == p; });
  args none;
  if (cb) cb(true, none);
}

void socket::on_ack(uint64_t id, args& a) {
  if (!_x) return;  // nothing pending
  for (auto it = x().acks.begin(); it != x().acks.end(); ++it) {
    if ((*it)->id != id) continue;
    auto pending = std::move(*it);
    x().acks.erase(it);
    _shard->io().timers().cancel(pending->timer);
    if (pending->cb) pending->cb(false, a);
    return;
  }
  // An ack nobody waits for (late or unknown id) is ignored, like the reference.
}

void socket::send_ack(uint64_t id, const emit_args& a) {
  if (!_connected || _closing) return;
  encode_packets(_shard->builder(), nsp_name(), {}, a, id, {},
                 [this](out_packet&& p) { _client->send(p); });
}

void socket::dispatch(std::string_view event, args& a, uint64_t ack_id) {
  socket_ref self = ref();
  ack_fn ack(self, ack_id);
  if (const event_handler* h = _nsp->find_handler(event)) {
    (*h)(*this, a, ack);
    if (!self.get()) return;
  }
  if (!_x) return;  // no per-socket handlers
  for (size_t i = 0; i < x().handlers.size(); ++i) {
    if (x().handlers[i].first != event) continue;
    event_handler h = x().handlers[i].second;  // the handler may add handlers
    h(*this, a, ack);
    if (!self.get()) return;
  }
  for (size_t i = 0; i < x().any.size(); ++i) {
    any_handler h = x().any[i];
    h(*this, event, a);
    if (!self.get()) return;
  }
}

void socket::join(std::string_view room) {
  if (_closing || in_room(room)) return;
  _rooms.emplace_back(room);
  _shard->of(*_nsp).rooms.join(room, _slot);
}

void socket::leave(std::string_view room) {
  auto it = std::find(_rooms.begin(), _rooms.end(), room);
  if (it == _rooms.end()) return;
  _shard->of(*_nsp).rooms.leave(room, _slot);
  _rooms.erase(it);
}

bool socket::in_room(std::string_view room) const {
  return room == id() || std::find(_rooms.begin(), _rooms.end(), room) != _rooms.end();
}

std::vector<std::string> socket::rooms() const {
  std::vector<std::string> out;
  out.reserve(_rooms.size() + 1);
  out.emplace_back(id());
  out.insert(out.end(), _rooms.begin(), _rooms.end());
  return out;
}

broadcast_op socket::broadcast() const {
  broadcast_op op(_nsp->owner(), *_nsp);
  op.except_socket(id());
  return op;
}
broadcast_op socket::to(std::string_view room) const {
  return broadcast().to(room);
}
broadcast_op socket::except(std::string_view room) const {
  return broadcast().except(room);
}

void socket::disconnect(bool close) {
  if (_closing) return;
  if (close) {
    _client->disconnect_all();
    return;
  }
  this->close("server namespace disconnect", true);
}

void socket::close_connection() {
  if (_closing) return;
  _client->close(close_reason::forced_close);  // every socket closes through the client
}

// "disconnecting" (rooms still readable), leave everything, then "disconnect".
void socket::close(std::string_view reason, bool notify_client) {
  if (_closing) return;
  _closing = true;
  std::string why(reason);
  for (size_t i = 0; _x && i < _x->disconnecting.size(); ++i) {
    auto h = x().disconnecting[i];
    h(*this, why);
  }
  if (notify_client && _connected) {
    auto& b = _shard->builder();
    std::string& buf = b.start();
    buf += '4';
    sp::append_disconnect(buf, nsp_name());
    _client->send(b.finish_text());
  }
  const auto& cfg = _shard->owner().config().sio;
  if (cfg.recovery && _connected && !pid().empty() && is_recoverable_reason(why)) {
    saved_session saved;
    saved.id.assign(id());
    saved.pid = pid();
    saved.nsp = _nsp->name();
    saved.rooms = _rooms;
    saved.data = data();
    const uint64_t now = _shard->io().now_ms();
    saved.expires_ms = now + cfg.max_disconnection_ms;
    _shard->owner().recovery().save(std::move(saved), now);
  }
  auto& ns = _shard->of(*_nsp);
  for (const auto& room : _rooms) ns.rooms.leave(room, _slot);
  _rooms.clear();
  const bool was_connected = _connected;
  _connected = false;
  if (was_connected) {
    for (size_t i = 0; _x && i < _x->disconnect.size(); ++i) {
      auto h = x().disconnect[i];
      h(*this, why);
    }
  }
  // Pending acks will never come: their callbacks get a timeout now.
  std::vector<std::unique_ptr<pending_ack>> acks;
  if (_x) acks = std::move(_x->acks);
  for (auto& a : acks) {
    _shard->io().timers().cancel(a->timer);
    args none;
    if (a->cb) a->cb(true, none);
  }
  _client->forget(*this);
  _shard->remove_socket(*this);
}

}  // namespace sio::runtime
