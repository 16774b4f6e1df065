#pragma once
// A bare Engine.IO application: every message comes back as it came (text or
// binary). Serves /engine.io/ for the official engine.io-protocol suite and
// the engine.io-client tests.

#include <sio/runtime/eio_server.hpp>
#include <sio/runtime/out_packet.hpp>

namespace sio::server_app {

class eio_echo_handler final : public runtime::session_handler {
 public:
  void on_message(runtime::session& s, std::string_view text, bool) override { s.send_text(text); }
  void on_binary(runtime::session& s, std::span<const uint8_t> data) override {
    s.send(runtime::make_binary_packet(data));
  }
  void on_close(runtime::session&, runtime::close_reason) override {}
};

class eio_echo_acceptor final : public runtime::session_acceptor {
 public:
  runtime::session_handler* on_session(runtime::session&, const proto::http::request&) override {
    return &_handler;  // stateless: one handler serves every session
  }

 private:
  eio_echo_handler _handler;
};

}  // namespace sio::server_app
