#include "socketio/sio_shard.hpp"

#include <sio/runtime/ids.hpp>

#include <algorithm>
#include <cstring>

#include "socketio/client.hpp"

namespace sio::runtime {

namespace {
thread_local sio_shard* t_current = nullptr;
// Handshake headers a guard may need later (the rest of the request is not kept).
constexpr std::string_view kept_headers[] = {"authorization", "cookie", "origin", "user-agent",
                                             "x-forwarded-for"};
}  // namespace

sio_shard* server::current_shard() {
  return t_current;
}

sio_shard::sio_shard(server& srv, engine::shard& shard) : _server(srv), _shard(shard) {
  t_current = this;
}

sio_shard::~sio_shard() {
  if (t_current == this) t_current = nullptr;
}

unsigned sio_shard::index() const {
  return _shard.index();
}

session_handler* sio_shard::on_session(session& s, const proto::http::request& r) {
  auto hs = std::make_shared<handshake_info>();
  hs->issued_ms = _shard.now_ms();
  hs->query.assign(r.query);
  for (std::string_view name : kept_headers) {
    std::string_view v = r.header(name);
    if (v.empty()) continue;
    hs->headers.append(name).append(": ").append(v).append("\n");
  }
  return new client(*this, s, std::move(hs));
}

void sio_shard::on_shutdown() {}

nsp_shard& sio_shard::of(nsp& n) {
  if (n.index() >= _nsps.size()) _nsps.resize(n.index() + 1);
  auto& slot = _nsps[n.index()];
  if (!slot) {
    slot = std::make_unique<nsp_shard>();
    slot->def = &n;
  }
  return *slot;
}

nsp_shard* sio_shard::find(uint32_t nsp_index) {
  return nsp_index < _nsps.size() ? _nsps[nsp_index].get() : nullptr;
}

// 15 random bytes in base64url: 20 characters, like the reference's socket ids
// (the sharded Redis adapter recognises socket rooms by that length).
std::string sio_shard::new_socket_id() {
  uint8_t raw[15];
  fill_random(raw, sizeof raw);
  return encode_id(raw);
}

socket* sio_shard::add_socket(client& c, nsp& n, std::string_view id) {
  nsp_shard& ns = of(n);
  uint32_t slot;
  if (!ns.free_slots.empty()) {
    slot = ns.free_slots.back();
    ns.free_slots.pop_back();
  } else {
    slot = static_cast<uint32_t>(ns.slots.size());
    ns.slots.push_back(nullptr);
    ns.gens.push_back(0);
  }
  auto* s = new socket(*this, c, n, slot, ns.gens[slot]);
  if (id.size() == socket::id_size) {
    s->set_id(id);
  } else {
    s->set_id(new_socket_id());
  }
  ns.slots[slot] = s;
  ns.live.insert(slot);
  ns.by_id.emplace(s->id(), s);
  return s;
}

void sio_shard::remove_socket(socket& s) {
  nsp_shard& ns = of(s.namespace_());
  const uint32_t slot = s.slot();
  if (slot >= ns.slots.size() || ns.slots[slot] != &s) return;
  ns.by_id.erase(s.id());
  ns.live.erase(slot);
  ns.slots[slot] = nullptr;
  ++ns.gens[slot];  // stale socket_refs stop resolving
  ns.free_slots.push_back(slot);
  // Freed at the end of the loop turn: handlers up the stack may hold it.
  _shard.defer([p = &s] { delete p; });
}

socket* sio_shard::resolve(uint32_t nsp_index, uint32_t slot, uint32_t gen) {
  nsp_shard* ns = find(nsp_index);
  if (!ns || slot >= ns->slots.size() || ns->gens[slot] != gen) return nullptr;
  return ns->slots[slot];
}

// The recipients' side of a broadcast: the same packet bytes go to every socket.
void sio_shard::deliver(const std::shared_ptr<const broadcast_msg>& shared) {
  const broadcast_msg& m = *shared;
  if (!m.offset.empty()) {
    const uint64_t now = _shard.now_ms();
    const uint64_t keep = _server.config().sio.max_disconnection_ms;
    while (!_log.empty() && _log.front().at_ms + keep < now) _log.pop_front();
    _log.push_back({now, shared});
  }
  const size_t limit = _server.config().sio.volatile_queue_limit;
  select(m.sel, [&](socket& s) {
    if (!s.connected()) return;
    client& c = s.owner();
    if (!c.open()) return;
    if (m.is_volatile && c.eio().queued_bytes() > limit) return;
    for (const auto& p : m.packets) c.send(p);
  });
}

}  // namespace sio::runtime

namespace sio::runtime {

// The reference's rule (in-memory adapter, restoreSession): a logged packet is
// replayed when it targeted the whole namespace or one of the socket's rooms,
// and none of its except rooms.
bool sio_shard::replay_after(std::string_view offset, socket& s) {
  auto it = _log.end();
  for (auto i = _log.begin(); i != _log.end(); ++i) {
    if (i->msg->offset == offset) it = i;
  }
  if (it == _log.end()) return false;
  const std::vector<std::string> rooms = s.rooms();
  auto in_rooms = [&](const std::string& r) {
    return std::find(rooms.begin(), rooms.end(), r) != rooms.end();
  };
  for (++it; it != _log.end(); ++it) {
    const broadcast_msg& m = *it->msg;
    if (m.sel.nsp_index != s.namespace_().index()) continue;
    bool included =
        m.sel.rooms.empty() || std::any_of(m.sel.rooms.begin(), m.sel.rooms.end(), in_rooms);
    bool excluded = std::any_of(m.sel.except.begin(), m.sel.except.end(), in_rooms) ||
                    (!m.sel.except_socket.empty() && in_rooms(m.sel.except_socket));
    if (!included || excluded) continue;
    for (const auto& p : m.packets) s.owner().send(p);
  }
  return true;
}

}  // namespace sio::runtime
