#pragma once
// Hop 2 of a WebSocket frame's trip (ARCHITECTURE.md): the engine hands bytes to
// this connection, the RFC 6455 decoder (hop 3) unmasks and validates them, and
// each whole message goes to the Engine.IO session (hop 4).

#include <cstdint>
#include <span>
#include <string_view>

#include <sio/engine/shard.hpp>
#include <sio/engine/stream_handler.hpp>
#include <sio/proto/ws/frame_decoder.hpp>

namespace sio::runtime {

class session;
class shard_runtime;

class ws_transport final : public engine::stream_handler {
 public:
  /// `probe`: opened to upgrade a polling session; it carries only "2probe"/"5"
  /// until the session switches to it.
  ws_transport(shard_runtime& rt, engine::conn_id id, session* s, bool probe);

  void on_data(engine::conn_id id, std::span<uint8_t> data) override;
  void on_close(engine::conn_id id, int err) override;

  // frame_decoder sink (hop 3 calls these)
  bool on_message(proto::ws::opcode op, std::span<uint8_t> payload);
  bool on_ping(std::span<const uint8_t> payload);
  bool on_pong(std::span<const uint8_t> payload);
  bool on_close(uint16_t code, std::string_view reason);
  void on_protocol_error(uint16_t code);

  engine::conn_id id() const { return _id; }
  engine::shard& shard() const;
  bool is_probe() const { return _probe; }
  /// The upgrade finished: this socket now carries the session.
  void promote() { _probe = false; }
  /// The session ended or dropped this transport: a close frame, then TCP close.
  void close(uint16_t code = 1000);
  /// Forgets the session (it is gone); the socket closes.
  void detach_session() { _session = nullptr; }
  /// Binds the session this socket carries (WebSocket-only handshake).
  void attach(session* s) { _session = s; }

 private:
  shard_runtime& _rt;
  engine::conn_id _id;
  session* _session;
  bool _probe;
  bool _closing = false;
  proto::ws::frame_decoder<ws_transport> _decoder;
};

}  // namespace sio::runtime
