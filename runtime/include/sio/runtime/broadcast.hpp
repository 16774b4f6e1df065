#pragma once
// The broadcast operator: to/in (union of rooms), except, local, volatile,
// timeout. The packet is encoded once; every recipient on every shard shares
// its bytes; each other shard gets one mailbox message per broadcast.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <sio/runtime/emit_args.hpp>

namespace sio::runtime {

class server;
class nsp;

/// What fetch_sockets reports for one socket (copied across shards).
struct socket_info {
  std::string id;
  std::string nsp;
  std::vector<std::string> rooms;
  std::string data;   ///< raw JSON
  std::string auth;   ///< handshake auth JSON
  std::string query;  ///< handshake query string
  unsigned shard = 0;
};

/// One client's answer to a broadcast with ack: its ack arguments as a raw JSON
/// array, and the binary attachments its placeholders name.
struct ack_response {
  std::string json;
  std::vector<std::string> attachments;
};
/// Acks gathered by a broadcast with ack, in arrival order.
using broadcast_ack_callback =
    std::function<void(bool timed_out, std::vector<ack_response> responses)>;

class broadcast_op {
 public:
  broadcast_op(server& s, nsp& n) : _server(&s), _nsp(&n) {}

  broadcast_op& to(std::string_view room);
  broadcast_op& in(std::string_view room) { return to(room); }
  broadcast_op& except(std::string_view room);
  /// Only this node (the same as all shards until a cluster adapter is configured).
  broadcast_op& local();
  broadcast_op& volatile_();
  broadcast_op& timeout(uint32_t ms);
  /// Leaves out one socket (a socket's own broadcast).
  broadcast_op& except_socket(std::string_view socket_id);

  /// Emits to every selected socket. Callable from any thread.
  void emit(std::string_view event, const emit_args& a = {});
  template <class... A>
  void emit(std::string_view event, const A&... a) {
    emit(event, emit_args(a...));
  }
  /// Emits with one ack id shared by all recipients and collects every ack (or
  /// times out after timeout(ms), default 5000). `done` runs on the calling
  /// shard (shard 0 when called from another thread).
  void emit_with_ack(std::string_view event, const emit_args& a, broadcast_ack_callback done);

  /// Server-side operations over the selected sockets, on every shard.
  void fetch_sockets(std::function<void(std::vector<socket_info>)> done);
  /// The number of selected sockets (e.g. a room's members) over every shard.
  /// `done` runs on the calling shard (shard 0 when called from elsewhere).
  void count(std::function<void(size_t)> done);
  void sockets_join(std::string_view room);
  void sockets_leave(std::string_view room);
  void disconnect_sockets(bool close = false);

  // --- runtime internals ------------------------------------------------------------
  const std::vector<std::string>& rooms() const { return _rooms; }
  const std::vector<std::string>& excepts() const { return _except; }
  const std::string& excluded_socket() const { return _except_socket; }
  bool is_volatile() const { return _volatile; }
  nsp& target() const { return *_nsp; }

 private:
  server* _server;
  nsp* _nsp;
  std::vector<std::string> _rooms;
  std::vector<std::string> _except;
  std::string _except_socket;
  bool _volatile = false;
  bool _local = false;
  uint32_t _timeout_ms = 5000;
};

}  // namespace sio::runtime
