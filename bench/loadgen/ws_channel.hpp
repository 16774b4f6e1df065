#pragma once
// One WebSocket client connection of a session: the RFC 6455 §4.1 opening
// handshake (an HTTP/1.1 upgrade request, the 101 answer checked), then masked
// text frames out and server frames in, decoded by ws::frame_decoder in client
// mode. Engine.IO packets ride one per text message.

#include <netinet/in.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <sio/engine/engine.hpp>
#include <sio/engine/shard.hpp>
#include <sio/proto/http/response_parser.hpp>
#include <sio/proto/ws/frame_decoder.hpp>

#include "channel_kind.hpp"

namespace sio::bench {

class session;

class ws_channel final : public engine::stream_handler {
 public:
  explicit ws_channel(session& owner);
  ws_channel(const ws_channel&) = delete;
  ws_channel& operator=(const ws_channel&) = delete;

  /// Opens the TCP connection and, once it is up, sends the upgrade request for
  /// `target` (path and query). The session hears on_ws_open() after a valid 101,
  /// on_channel_closed() on any failure. False when the engine refused at once.
  bool open(engine::shard& s, const sockaddr_in& to, const sockaddr_in* from, std::string target,
            uint64_t key_seed);
  /// Sends `payload` as one masked text frame. False when not upgraded or the
  /// engine refused (the connection is then closing).
  bool send_text(std::string_view payload);
  /// Closes at once (no close handshake: the benchmark is over or failed). The
  /// session hears nothing more from this channel.
  void close();
  bool upgraded() const { return _upgraded; }
  bool active() const { return _id.valid(); }

  // engine::stream_handler
  void on_connected(engine::conn_id id) override;
  void on_data(engine::conn_id id, std::span<uint8_t> data) override;
  void on_close(engine::conn_id id, int err) override;

  // ws::frame_decoder sink (client side: server frames are unmasked)
  bool on_message(proto::ws::opcode op, std::span<uint8_t> payload);
  bool on_ping(std::span<const uint8_t> payload);
  bool on_pong(std::span<const uint8_t> payload);
  bool on_close(uint16_t code, std::string_view reason);
  void on_protocol_error(uint16_t code);

 private:
  // Parses the 101 answer; returns the bytes it took, or SIZE_MAX on failure.
  size_t feed_handshake(std::span<uint8_t> data);
  void send_control(proto::ws::opcode op, std::span<const uint8_t> payload);
  void fail(int err);
  uint32_t next_mask();

  session* _owner;
  engine::shard* _shard = nullptr;
  engine::conn_id _id;
  std::string _target;
  std::string _key;  // Sec-WebSocket-Key, kept until the 101 is checked
  std::unique_ptr<proto::http::response_parser> _handshake;  // freed once upgraded
  proto::ws::frame_decoder<ws_channel> _decoder;
  uint32_t _mask_state;
  bool _upgraded = false;
};

}  // namespace sio::bench
