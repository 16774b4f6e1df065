#pragma once
// Hop 5: one Engine.IO session seen by Socket.IO. Decodes each message into a
// Socket.IO packet, reassembles binary packets, and routes by namespace to the
// session's sockets (hop 6).

#include <memory>
#include <string_view>
#include <vector>

#include <sio/engine/timer_wheel.hpp>
#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/session.hpp>
#include <sio/runtime/socket.hpp>

namespace sio::runtime {

class sio_shard;

class client final : public session_handler {
 public:
  client(sio_shard& shard, session& s, std::shared_ptr<handshake_info> handshake);
  ~client();

  void on_message(session& s, std::string_view text, bool padded) override;
  void on_binary(session& s, std::span<const uint8_t> data) override;
  void on_close(session& s, close_reason reason) override;

  session& eio() const { return *_session; }
  bool open() const { return _session != nullptr; }
  sio_shard& shard() const { return _shard; }
  /// Sends one encoded packet to this client (dropped once the session is gone).
  void send(const out_packet& p);
  /// Ends the whole connection (every namespace).
  void close(close_reason reason);
  /// DISCONNECT on every namespace ("server namespace disconnect"), then close.
  void disconnect_all();
  /// A socket left its namespace.
  void forget(socket& s);

 private:
  static void on_connect_timeout(engine::timer& t);
  void on_packet(const proto::sio::packet& p, std::span<const std::string> attachments);
  void connect(std::string_view nsp_name, const proto::sio::packet& p);
  bool try_recover(nsp& n, const proto::sio::packet& p,
                   const std::shared_ptr<const handshake_info>& hs);
  void run_middlewares(socket_ref ref, size_t i);
  void accept(socket& s);
  void refuse(socket& s, const connect_error& e);
  socket* find(std::string_view nsp_name) const;
  void protocol_error();

  sio_shard& _shard;
  session* _session;
  std::shared_ptr<const handshake_info> _handshake;
  std::vector<socket*> _sockets;
  std::unique_ptr<proto::sio::binary_assembler> _assembler;  // only while binary arrives
  engine::timer _connect_timer;
};

}  // namespace sio::runtime
