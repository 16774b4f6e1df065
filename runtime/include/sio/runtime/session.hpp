#pragma once
// An Engine.IO v4 session: one sid, carried by long-polling and/or one
// WebSocket, with the server heartbeat and the polling → WebSocket upgrade.
// Lives on one shard for its whole life; every call is on that shard's thread.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <sio/engine/shard.hpp>
#include <sio/proto/eio/eio.hpp>
#include <sio/runtime/out_packet.hpp>

namespace sio::runtime {

class session;
class eio_server;
class http_connection;
class ws_transport;

/// Why a session ended; the text is the reference server's reason string.
enum class close_reason : uint8_t {
  transport_close,  ///< the client went away or sent a close packet
  transport_error,  ///< broken protocol at the transport level
  ping_timeout,     ///< no pong within pingTimeout
  parse_error,      ///< an Engine.IO or Socket.IO packet did not decode
  forced_close,     ///< the server closed it (session::close)
  server_shutdown,  ///< graceful shutdown of the server
};
const char* to_string(close_reason r);

enum class transport_kind : uint8_t { polling, websocket };

/// The next layer (Socket.IO) implements this per session.
class session_handler {
 public:
  /// A text message packet's data (after the Engine.IO '4'). `padded`: at least
  /// 64 readable bytes follow `text` (a JSON parser may read ahead).
  virtual void on_message(session& s, std::string_view text, bool padded) = 0;
  virtual void on_binary(session& s, std::span<const uint8_t> data) = 0;
  /// The session is over; no call follows. The handler may free itself here.
  virtual void on_close(session& s, close_reason reason) = 0;

 protected:
  ~session_handler() = default;
};

class session {
 public:
  static constexpr size_t sid_size = 20;

  session(eio_server& server, std::string_view sid, transport_kind kind);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  std::string_view sid() const { return {_sid.data(), _sid.size()}; }
  transport_kind transport() const { return _transport; }
  bool is_open() const { return _state == state::open; }
  engine::shard& shard() const;
  eio_server& server() const { return _server; }

  void set_handler(session_handler* h) { _handler = h; }
  session_handler* handler() const { return _handler; }

  /// Queues a packet (shared bytes). WebSocket: written this loop turn.
  /// Polling: buffered until the next GET. Dropped when the session is closed.
  void send(const out_packet& p);
  /// Sends a text message packet "4<data>" (copies; for one recipient).
  void send_text(std::string_view data);
  /// Server-side close: a close packet, then the session ends with `reason`.
  void close(close_reason reason = close_reason::forced_close);

  /// Bytes queued on the WebSocket or in the polling buffer (slow-consumer checks).
  size_t queued_bytes() const;

  // --- called by the transports -------------------------------------------
  /// One Engine.IO text packet (a WebSocket text message) from the current transport.
  void on_text_packet(std::string_view text, bool padded);
  /// One decoded packet (a record of a polling payload, text or binary).
  void on_packet(const proto::eio::packet& p, bool padded);
  void on_binary_packet(std::span<const uint8_t> data);
  /// The transport failed or went away.
  void on_transport_closed(close_reason reason);

  // polling
  bool has_pending_get() const { return _pending_get.valid(); }
  void hold_get(engine::conn_id conn, http_connection* c, bool keep_alive);
  void on_get_connection_closed();
  /// Answers the pending GET with the buffered packets (or noop while upgrading).
  void flush_polling();

  // upgrade
  bool upgrading() const { return _probe != nullptr; }
  void begin_upgrade(ws_transport* probe);
  void on_probe_text(ws_transport& probe, std::string_view text);
  void on_probe_closed(ws_transport& probe);

  // websocket
  void attach_websocket(ws_transport* ws);
  ws_transport* websocket() const { return _ws; }

 private:
  enum class state : uint8_t { open, closed };
  static void on_heartbeat(engine::timer& t);
  static void on_upgrade_timeout(engine::timer& t);
  void finish(close_reason reason);
  void respond_get(std::string_view body);
  void schedule_ping();

  eio_server& _server;
  std::array<char, sid_size> _sid{};
  transport_kind _transport;
  state _state = state::open;
  bool _awaiting_pong = false;
  bool _get_keep_alive = true;
  bool _probe_acked = false;  // 3probe sent: GETs now get a noop
  bool _slow = false;         // polling buffer overflowed: closing
  session_handler* _handler = nullptr;
  ws_transport* _ws = nullptr;     // current WebSocket (websocket transport)
  ws_transport* _probe = nullptr;  // WebSocket being probed during an upgrade
  engine::conn_id _pending_get;    // held polling GET
  http_connection* _get_conn = nullptr;
  std::vector<out_packet> _polling_queue;
  size_t _polling_bytes = 0;  // payload bytes in _polling_queue
  engine::timer _heartbeat;
  engine::timer _upgrade_timer;
};

}  // namespace sio::runtime
