#pragma once
// A Socket.IO socket: one client's connection to one namespace. Lives on the
// shard of its Engine.IO session; every call is on that shard's thread.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sio/engine/timer_wheel.hpp>
#include <sio/runtime/args.hpp>
#include <sio/runtime/emit_args.hpp>
#include <sio/runtime/rooms/room_index.hpp>

namespace sio::runtime {

class client;
class nsp;
class socket;
class sio_shard;
class broadcast_op;

/// What the client sent when it connected (copied; lives as long as the socket).
struct handshake_info {
  std::string auth = "{}";  ///< CONNECT payload JSON ({} when absent)
  std::string query;        ///< the Engine.IO handshake's raw query string
  std::string headers;      ///< "name: value\n" for authorization, cookie, origin, user-agent
  uint64_t issued_ms = 0;   ///< shard clock at connection
  /// A handshake header ("" when absent); the names kept are listed above.
  std::string_view header(std::string_view name) const;
  /// A query parameter, percent-decoded.
  std::optional<std::string> query_param(std::string_view key) const;
};

/// A socket named without a pointer: safe to keep across callbacks and to
/// resolve later on the owning shard (null when the socket is gone).
struct socket_ref {
  sio_shard* shard = nullptr;
  uint32_t nsp_index = 0;
  uint32_t slot = 0;
  uint32_t gen = 0;
  socket* get() const;
};

/// Calls back the client's ack once; later calls do nothing. Must be called on
/// the socket's shard (inside the handler, or later from a task posted there).
class ack_fn {
 public:
  ack_fn() = default;
  ack_fn(socket_ref s, uint64_t id) : _socket(s), _id(id) {}
  /// True when the client asked for an acknowledgement.
  explicit operator bool() const { return _id != ~uint64_t{0}; }
  void operator()(const emit_args& a = {});
  template <class... A>
  void send(const A&... a) {
    (*this)(emit_args(a...));
  }

 private:
  socket_ref _socket;
  uint64_t _id = ~uint64_t{0};
};

using event_handler = std::function<void(socket&, args&, ack_fn)>;
using any_handler = std::function<void(socket&, std::string_view event, args&)>;
using disconnect_handler = std::function<void(socket&, std::string_view reason)>;
/// An ack from the client, or a timeout (timed_out true, args empty).
using ack_callback = std::function<void(bool timed_out, args&)>;

class socket {
 public:
  static constexpr size_t id_size = 20;

  std::string_view id() const { return {_id.data(), _id.size()}; }
  nsp& namespace_() const { return *_nsp; }
  std::string_view nsp_name() const;
  const handshake_info& handshake() const { return *_handshake; }
  bool connected() const { return _connected; }
  /// Restored by connection state recovery (same id, rooms and missed packets).
  bool recovered() const { return _recovered; }
  socket_ref ref() const;
  sio_shard& shard() const { return *_shard; }

  /// Per-socket handlers (namespace-wide ones are registered on nsp).
  void on(std::string_view event, event_handler h);
  void on_any(any_handler h);
  /// Rooms still readable here.
  void on_disconnecting(disconnect_handler h);
  void on_disconnect(disconnect_handler h);

  /// Sends an event to this client. Reserved names are refused (returns false).
  bool emit(std::string_view event, const emit_args& a = {});
  template <class... A>
  bool emit(std::string_view event, const A&... a) {
    return emit(event, emit_args(a...));
  }
  /// Sends an event and waits for the client's ack, at most timeout_ms.
  bool emit_with_ack(std::string_view event, const emit_args& a, uint32_t timeout_ms,
                     ack_callback cb);
  /// Dropped instead of queued when the client is not keeping up.
  bool volatile_emit(std::string_view event, const emit_args& a = {});

  void join(std::string_view room);
  void leave(std::string_view room);
  bool in_room(std::string_view room) const;
  /// The socket's own id first, then the rooms it joined.
  std::vector<std::string> rooms() const;

  /// To every socket of the namespace (or of the rooms chosen with to()) except this one.
  broadcast_op broadcast() const;
  broadcast_op to(std::string_view room) const;
  broadcast_op except(std::string_view room) const;

  /// Leaves the namespace ("server namespace disconnect", the client gets a
  /// DISCONNECT). close = every namespace of the connection is left that way,
  /// then the Engine.IO connection closes.
  void disconnect(bool close = false);
  /// Closes the Engine.IO connection without any DISCONNECT: every socket of it
  /// ends with "forced close" (recoverable when recovery is on).
  void close_connection();

  /// Free-form data shown by fetch_sockets (raw JSON; "{}" by default).
  void set_data(std::string json) { x().data = std::move(json); }
  const std::string& data() const { return _x ? _x->data : default_data(); }

  /// Bytes waiting to be written to this client.
  size_t queued_bytes() const;

  // --- runtime internals --------------------------------------------------------
  socket(sio_shard& shard, client& c, nsp& n, uint32_t slot, uint32_t gen);
  ~socket();
  client& owner() const { return *_client; }
  uint32_t slot() const { return _slot; }
  void set_id(std::string_view id);
  void set_handshake(std::shared_ptr<const handshake_info> h) { _handshake = std::move(h); }
  void mark_connected() { _connected = true; }
  void mark_recovered() { _recovered = true; }
  /// Recovery's private session id ("" when recovery is off).
  const std::string& pid() const { return _x ? _x->pid : no_pid(); }
  void set_pid(std::string pid) { x().pid = std::move(pid); }
  /// An EVENT from the client (hop 6): handlers, then on_any.
  void dispatch(std::string_view event, args& a, uint64_t ack_id);
  /// An ACK from the client.
  void on_ack(uint64_t id, args& a);
  /// Removes the socket: disconnecting/disconnect handlers, leave all rooms.
  void close(std::string_view reason, bool notify_client);
  void send_ack(uint64_t id, const emit_args& a);
  /// Waits for an ack with `id` for a packet sent by a broadcast.
  void expect_ack(uint64_t id, uint32_t timeout_ms, ack_callback cb);
  const std::vector<std::string>& joined() const { return _rooms; }

 private:
  struct pending_ack {
    uint64_t id;
    ack_callback cb;
    engine::timer timer;
    socket* owner;
  };
  static void on_ack_timeout(engine::timer& t);
  bool send_event(std::string_view event, const emit_args& a, uint64_t ack_id, bool is_volatile);

  sio_shard* _shard;
  client* _client;
  nsp* _nsp;
  uint32_t _slot;
  uint32_t _gen;
  std::array<char, id_size> _id{};
  bool _connected = false;
  bool _recovered = false;
  bool _closing = false;
  std::shared_ptr<const handshake_info> _handshake;
  std::vector<std::string> _rooms;  // joined rooms, without the own-id room
  // Per-socket data, recovery id, handlers and pending acks, allocated on
  // first use: an idle socket served by namespace-wide handlers carries none.
  static const std::string& default_data();
  static const std::string& no_pid();
  struct extras {
    std::string data = "{}";
    std::string pid;
    std::vector<std::pair<std::string, event_handler>> handlers;
    std::vector<any_handler> any;
    std::vector<disconnect_handler> disconnecting, disconnect;
    std::vector<std::unique_ptr<pending_ack>> acks;
  };
  extras& x() {
    if (!_x) _x = std::make_unique<extras>();
    return *_x;
  }
  std::unique_ptr<extras> _x;
};

}  // namespace sio::runtime
