#pragma once
// Socket.IO state of one shard: for each namespace, the sockets of this shard
// (dense slots), their rooms and ids; the shared packet decoder; delivery of
// broadcasts that reach this shard.

#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/adapter.hpp>
#include <sio/runtime/eio_server.hpp>
#include <sio/runtime/out_packet.hpp>
#include <sio/runtime/rooms/room_index.hpp>
#include <sio/runtime/server.hpp>

namespace sio::runtime {

class client;

/// Sockets of one namespace on one shard.
struct nsp_shard {
  nsp* def = nullptr;
  std::vector<socket*> slots;  // by slot; null when free
  std::vector<uint32_t> gens;  // generation per slot (socket_ref checks it)
  std::vector<uint32_t> free_slots;
  slot_set live;
  room_index rooms;
  std::unordered_map<std::string_view, socket*> by_id;
};

class sio_shard final : public session_acceptor {
 public:
  sio_shard(server& srv, engine::shard& shard);
  ~sio_shard();

  session_handler* on_session(session& s, const proto::http::request& handshake) override;
  void on_shutdown() override;

  server& owner() const { return _server; }
  engine::shard& io() const { return _shard; }
  unsigned index() const;
  proto::sio::decoder& decoder() { return _decoder; }
  out_packet_builder& builder() { return _builder; }
  std::string& scratch() { return _scratch; }

  nsp_shard& of(nsp& n);
  nsp_shard* find(uint32_t nsp_index);
  /// A new socket with a fresh id, or with `id` (a recovered socket).
  socket* add_socket(client& c, nsp& n, std::string_view id = {});
  void remove_socket(socket& s);
  socket* resolve(uint32_t nsp_index, uint32_t slot, uint32_t gen);
  /// Ack ids are unique across shards (the low 6 bits name the shard), so a
  /// broadcast's shared id never meets a socket's own on another shard.
  uint64_t next_ack_id() { return (_next_ack_id++ << 6) | (index() & 63); }
  std::string new_socket_id();

  void deliver(const std::shared_ptr<const broadcast_msg>& m);
  /// Connection state recovery: sends `s` what its namespace broadcast after
  /// `offset` to rooms it was in. False when the offset is no longer known.
  bool replay_after(std::string_view offset, socket& s);
  /// Calls fn(socket&) for each selected socket of this shard.
  template <class Fn>
  void select(const selection& sel, Fn&& fn);

 private:
  server& _server;
  engine::shard& _shard;
  proto::sio::decoder _decoder;
  out_packet_builder _builder;
  std::string _scratch;
  std::vector<std::unique_ptr<nsp_shard>> _nsps;
  slot_set _selected;  // reused by select()
  // Recovery log: every offset-carrying broadcast this shard saw, oldest first,
  // kept for maxDisconnectionDuration (every shard sees every broadcast).
  struct logged {
    uint64_t at_ms;
    std::shared_ptr<const broadcast_msg> msg;
  };
  std::deque<logged> _log;
  uint64_t _next_ack_id = 0;
};

template <class Fn>
void sio_shard::select(const selection& sel, Fn&& fn) {
  nsp_shard* ns = find(sel.nsp_index);
  if (!ns) return;
  std::string_view rooms[16];
  std::string_view except[16];
  std::vector<std::string_view> rooms_big, except_big;
  auto views = [](const std::vector<std::string>& in, std::string_view* small,
                  std::vector<std::string_view>& big) -> std::span<const std::string_view> {
    if (in.size() <= 16) {
      for (size_t i = 0; i < in.size(); ++i) small[i] = in[i];
      return {small, in.size()};
    }
    big.assign(in.begin(), in.end());
    return big;
  };
  // Union first — rooms, and sockets addressed by their id (their own room) —
  // then every exception, so an except room also removes an id-addressed socket.
  _selected.clear();
  auto r = views(sel.rooms, rooms, rooms_big);
  ns->rooms.select(r, std::span<const std::string_view>{}, ns->live, _selected);
  for (const auto& room : sel.rooms) {
    if (auto it = ns->by_id.find(room); it != ns->by_id.end()) _selected.insert(it->second->slot());
  }
  auto e = views(sel.except, except, except_big);
  for (std::string_view room : e) {
    if (const slot_set* members = ns->rooms.find(room)) _selected.subtract(*members);
    if (auto it = ns->by_id.find(room); it != ns->by_id.end()) _selected.erase(it->second->slot());
  }
  if (!sel.except_socket.empty()) {
    if (auto it = ns->by_id.find(sel.except_socket); it != ns->by_id.end()) {
      _selected.erase(it->second->slot());
    }
  }
  _selected.for_each([&](uint32_t slot) {
    if (socket* s = ns->slots[slot]) fn(*s);
  });
}

}  // namespace sio::runtime
