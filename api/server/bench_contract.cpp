// The benchmark contract every load test relies on (sioring-bench, the Node.js
// peer in bench/peers/node implements the same):
//   echo      → acks exactly the arguments it received, in order
//   join      → joins the room named by its first argument, acks with no arguments
//   broadcast → emits `msg` with its first argument unchanged to room `bench`
//               (the sender too if a member), then acks with no arguments
// Without an ack id each event does the same and sends no ack.
#include "apps.hpp"

namespace sio::server_app {

using runtime::args;
using runtime::emit_args;
using runtime::raw_json;

void install_bench_contract(runtime::server& srv) {
  auto& root = srv.of("/");
  root.on("echo", [](runtime::socket&, args& a, runtime::ack_fn ack) {
    if (ack) ack(emit_args::from_raw(a.raw(), a.attachments()));
  });
  root.on("join", [](runtime::socket& s, args& a, runtime::ack_fn ack) {
    if (!a.empty()) {
      if (auto room = a[0].as_string()) s.join(*room);
    }
    if (ack) ack();
  });
  root.on("broadcast", [&srv](runtime::socket&, args& a, runtime::ack_fn ack) {
    emit_args out;
    if (!a.empty()) {
      auto first = a[0];
      if (first.is_binary()) {
        out.add_binary(first.bytes());
      } else {
        out.add_raw(first.raw());
      }
    }
    srv.to("bench").emit("msg", out);
    if (ack) ack();
  });
}

}  // namespace sio::server_app
