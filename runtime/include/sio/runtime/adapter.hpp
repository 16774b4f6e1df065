#pragma once
// The adapter carries broadcasts and server-side operations to every socket
// they select: local_adapter reaches every shard of this process; a cluster
// adapter (Redis) also reaches other nodes. broadcast_op encodes once and
// hands the result to the server's adapter.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/out_packet.hpp>

namespace sio::runtime {

class server;

/// Which sockets an operation selects, evaluated where they live: the union
/// of `rooms` (every socket of the namespace when empty; a socket id names its
/// own room), minus every `except` room and `except_socket`.
struct selection {
  uint32_t nsp_index = 0;
  std::vector<std::string> rooms, except;
  std::string except_socket;
};

/// An encoded broadcast, shared by every shard that delivers it.
struct broadcast_msg {
  selection sel;
  bool is_volatile = false;
  std::vector<out_packet> packets;  ///< the event, then its attachments
  std::string offset;               ///< recovery offset carried by the event ("" = none)
};

/// Encodes the event for a given ack id (a broadcast with ack learns its id
/// where the acks are collected).
using packet_encoder = std::function<std::vector<out_packet>(uint64_t ack_id)>;

class adapter {
 public:
  virtual ~adapter() = default;
  /// Delivers to every selected socket; `local` = this node only.
  virtual void broadcast(std::shared_ptr<const broadcast_msg> m, bool local) = 0;
  /// Delivers with one shared ack id and gathers every recipient's ack, or
  /// reports a timeout with what came so far. `done` runs on a shard thread.
  virtual void broadcast_with_ack(selection sel, packet_encoder encode, uint32_t timeout_ms,
                                  broadcast_ack_callback done) = 0;
  virtual void fetch_sockets(selection sel, std::function<void(std::vector<socket_info>)> done) = 0;
  /// How many sockets the selection holds (room member counts), on every node.
  virtual void count_sockets(selection sel, std::function<void(size_t)> done) = 0;
  virtual void sockets_join(selection sel, std::string room) = 0;
  virtual void sockets_leave(selection sel, std::string room) = 0;
  virtual void disconnect_sockets(selection sel, bool close) = 0;
  /// An event for the other nodes' servers (not for clients). One node: no one hears it.
  virtual void server_side_emit(std::string_view event, const emit_args& a) = 0;
};

/// One node: every shard of this process, one mailbox message per shard.
std::unique_ptr<adapter> make_local_adapter(server& srv);

}  // namespace sio::runtime
