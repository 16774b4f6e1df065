// What the official protocol test suites expect of the server under test
// (PROTOCOL.md §5): a bare Engine.IO echo at /engine.io/ and, at /socket.io/,
// namespaces "/" and "/custom" where every connection is greeted with `auth`
// (its CONNECT payload), `message` is echoed as `message-back` and
// `message-with-ack` is acked with its own arguments.
#include <memory>
#include <vector>

#include "apps.hpp"
#include "eio_echo.hpp"

namespace sio::server_app {

using runtime::args;
using runtime::emit_args;
using runtime::raw_json;

void install_protocol_suite(runtime::server& srv) {
  runtime::eio_options bare = srv.config().http.eio;
  bare.path = "/engine.io/";
  srv.engineio_endpoint(bare, [](engine::shard&) -> std::unique_ptr<runtime::session_acceptor> {
    return std::make_unique<eio_echo_acceptor>();
  });
  for (const char* name : {"/", "/custom"}) {
    auto& n = srv.of(name);
    n.on_connection(
        [](runtime::socket& s) { s.emit("auth", emit_args().add_raw(s.handshake().auth)); });
    n.on("message", [](runtime::socket& s, args& a, runtime::ack_fn) {
      s.emit("message-back", emit_args::from_raw(a.raw(), a.attachments()));
    });
    n.on("message-with-ack", [](runtime::socket&, args& a, runtime::ack_fn ack) {
      ack(emit_args::from_raw(a.raw(), a.attachments()));
    });
  }
}

}  // namespace sio::server_app
