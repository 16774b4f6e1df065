// Hop 5: Engine.IO message → Socket.IO packet → namespace → socket.
#include "socketio/client.hpp"

#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/nsp.hpp>

#include "socketio/recovery_store.hpp"
#include "socketio/sio_shard.hpp"

namespace sio::runtime {

namespace sp = proto::sio;

client::client(sio_shard& shard, session& s, std::shared_ptr<handshake_info> handshake)
    : _shard(shard), _session(&s), _handshake(std::move(handshake)) {
  _connect_timer.fn = &client::on_connect_timeout;
  _connect_timer.ctx = this;
  _shard.io().timers().arm(_connect_timer, _shard.owner().config().sio.connect_timeout_ms);
}

client::~client() {
  _shard.io().timers().cancel(_connect_timer);
}

// A client that joins no namespace in time is dropped (socket.io connectTimeout).
void client::on_connect_timeout(engine::timer& t) {
  auto* c = static_cast<client*>(t.ctx);
  if (c->_sockets.empty()) c->close(close_reason::forced_close);
}

void client::send(const out_packet& p) {
  if (_session) _session->send(p);
}

void client::close(close_reason reason) {
  if (_session) _session->close(reason);
}

void client::disconnect_all() {
  std::vector<socket*> sockets = _sockets;
  for (socket* s : sockets) s->close("server namespace disconnect", true);
  close(close_reason::forced_close);
}

void client::protocol_error() {
  close(close_reason::parse_error);
}

socket* client::find(std::string_view nsp_name) const {
  for (socket* s : _sockets) {
    if (s->nsp_name() == nsp_name) return s;
  }
  return nullptr;
}

void client::forget(socket& s) {
  std::erase(_sockets, &s);
}

void client::on_message(session&, std::string_view text, bool padded) {
  // A text packet while attachments are still due breaks the binary sequence.
  if (_assembler && _assembler->collecting()) return protocol_error();
  auto decoded = _shard.decoder().decode(text, padded);
  if (!decoded) return protocol_error();
  const sp::packet& p = *decoded;
  if (sp::is_binary(p.type) && p.attachments > 0) {
    if (!_assembler) _assembler = std::make_unique<sp::binary_assembler>();
    if (_assembler->start(p) != sp::errc::ok) return protocol_error();
    return;
  }
  on_packet(p, {});
}

void client::on_binary(session&, std::span<const uint8_t> data) {
  if (!_assembler || !_assembler->collecting()) return protocol_error();
  if (_assembler->add(data) != sp::errc::ok) return protocol_error();
  if (!_assembler->complete()) return;
  on_packet(_assembler->packet_view(), _assembler->attachments());
  // The packet's views die here; the assembler stays for the next binary packet.
  if (_assembler) _assembler->reset();
}

void client::on_packet(const sp::packet& p, std::span<const std::string> attachments) {
  switch (p.type) {
    case sp::packet_type::connect:
      return connect(p.nsp, p);
    case sp::packet_type::disconnect:
      if (socket* s = find(p.nsp)) s->close("client namespace disconnect", false);
      return;
    case sp::packet_type::event:
    case sp::packet_type::binary_event: {
      socket* s = find(p.nsp);
      if (!s || !s->connected()) return protocol_error();
      args a(p.json.get_array().value_unsafe(), 1, p.args, attachments);
      s->dispatch(p.event, a, p.ack_id);
      return;
    }
    case sp::packet_type::ack:
    case sp::packet_type::binary_ack: {
      socket* s = find(p.nsp);
      if (!s || !s->connected()) return protocol_error();
      args a;
      if (!p.payload.empty()) a = args(p.json.get_array().value_unsafe(), 0, p.args, attachments);
      s->on_ack(p.ack_id, a);
      return;
    }
    case sp::packet_type::connect_error:
      return protocol_error();  // only servers send it
  }
}

// socket.io-protocol §"Connection to a namespace".
void client::connect(std::string_view nsp_name, const sp::packet& p) {
  if (find(nsp_name)) return protocol_error();  // already connected there
  nsp* n = _shard.owner().find_or_create(nsp_name);
  std::string& buf = _shard.builder().start();
  if (!n) {
    buf += '4';
    sp::append_connect_error(buf, nsp_name, "Invalid namespace");
    send(_shard.builder().finish_text());
    return;
  }
  _shard.io().timers().cancel(_connect_timer);
  // Sockets share the connection's handshake; one with its own CONNECT payload
  // (auth) gets a copy. Most clients send none, so most sockets copy nothing.
  std::shared_ptr<const handshake_info> hs = _handshake;
  if (!p.payload.empty()) {
    auto own = std::make_shared<handshake_info>(*_handshake);
    own->auth.assign(p.payload);
    hs = std::move(own);
  }
  if (_shard.owner().config().sio.recovery && try_recover(*n, p, hs)) return;
  socket* s = _shard.add_socket(*this, *n);
  s->set_handshake(std::move(hs));
  if (_shard.owner().config().sio.recovery) s->set_pid(_shard.new_socket_id());
  _sockets.push_back(s);
  run_middlewares(s->ref(), 0);
}

// socket.io ≥ 4.6 connection state recovery: CONNECT {"pid","offset",...} of a
// session that ended abnormally restores its id, rooms and data; the packets
// it missed go out before the CONNECT reply.
bool client::try_recover(nsp& n, const sp::packet& p,
                         const std::shared_ptr<const handshake_info>& hs) {
  if (p.payload.empty()) return false;
  std::string_view pid, offset;
  if (p.json["pid"].get_string().get(pid) || p.json["offset"].get_string().get(offset)) {
    return false;
  }
  auto saved = _shard.owner().recovery().take(std::string(pid), n.name(), _shard.io().now_ms());
  if (!saved) return false;
  socket* s = _shard.add_socket(*this, n, saved->id);
  s->set_handshake(hs);
  s->set_pid(saved->pid);
  s->set_data(saved->data);
  for (const auto& room : saved->rooms) s->join(room);
  std::string off(offset);  // the decoder's views die with the next decode
  _sockets.push_back(s);
  if (!_shard.replay_after(off, *s)) {
    // Offset unknown: a fresh socket after all (the reference does the same).
    forget(*s);
    _shard.remove_socket(*s);
    return false;
  }
  s->mark_recovered();
  if (_shard.owner().config().sio.recovery_skips_middlewares) {
    accept(*s);
  } else {
    run_middlewares(s->ref(), 0);
  }
  return true;
}

// Middleware may answer later (an asynchronous lookup): the socket is named by
// a socket_ref, and a socket that vanished meanwhile is simply skipped.
void client::run_middlewares(socket_ref ref, size_t i) {
  socket* s = ref.get();
  if (!s) return;
  const auto& mws = s->namespace_().middlewares();
  if (i == mws.size()) return accept(*s);
  auto called = std::make_shared<bool>(false);
  mws[i](*s, [this, ref, i, called](std::optional<connect_error> err) {
    if (*called) return;  // next() twice: ignored
    *called = true;
    socket* sock = ref.get();
    if (!sock) return;
    if (err) return refuse(*sock, *err);
    run_middlewares(ref, i + 1);
  });
}

void client::accept(socket& s) {
  std::string& buf = _shard.builder().start();
  buf += '4';
  std::string payload = "{\"sid\":\"";
  payload.append(s.id());
  if (!s.pid().empty()) {
    payload += "\",\"pid\":\"";
    payload += s.pid();
  }
  payload += "\"}";
  sp::append_connect(buf, s.nsp_name(), payload);
  send(_shard.builder().finish_text());
  s.mark_connected();
  socket_ref ref = s.ref();
  for (const auto& h : s.namespace_().connection_handlers()) {
    if (!ref.get()) return;
    h(s);
  }
}

void client::refuse(socket& s, const connect_error& e) {
  std::string& buf = _shard.builder().start();
  buf += '4';
  sp::append_connect_error(buf, s.nsp_name(), e.message, e.data_json);
  send(_shard.builder().finish_text());
  forget(s);
  _shard.remove_socket(s);
}

void client::on_close(session&, close_reason reason) {
  _session = nullptr;
  std::vector<socket*> sockets = std::move(_sockets);
  _sockets.clear();
  for (socket* s : sockets) s->close(to_string(reason), false);
  delete this;
}

}  // namespace sio::runtime
