// The demo chat served at / by default: rooms, nicknames, a typing indicator.
// Events (see tests/conformance/APP.md, "demo app"):
//   chat:join {room, nick}  → joins, acks {ok, members}
//   chat:leave {room}
//   chat:message {room, text} → room gets chat:message {room, nick, text, ts}
//   chat:typing {room} → the others in the room get chat:typing {room, nick}
#include <chrono>
#include <string>

#include "apps.hpp"

namespace sio::server_app {

using runtime::args;
using runtime::emit_args;
using runtime::raw_json;

namespace {

std::string nick_of(const runtime::socket& s) {
  simdjson::dom::parser p;
  std::string data = s.data();
  simdjson::dom::element doc;
  std::string_view nick;
  if (p.parse(data).get(doc) || doc["nick"].get_string().get(nick)) return "anonymous";
  return std::string(nick);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void install_demo(runtime::server& srv) {
  install_bench_contract(srv);
  auto& root = srv.of("/");
  root.on("chat:join", [](runtime::socket& s, args& a, runtime::ack_fn ack) {
    if (a.empty()) return;
    auto room = a[0].string_field("room");
    auto nick = a[0].string_field("nick");
    if (!room || room->empty()) {
      if (ack) ack.send(std::map<std::string, raw_json>{{"ok", raw_json{"false"}}});
      return;
    }
    std::string data;
    proto::json::writer w(data);
    w.begin_object().key("nick").string(nick ? *nick : "anonymous").end_object();
    s.set_data(std::move(data));
    s.join(*room);
    s.to(*room).emit("chat:system",
                     std::map<std::string, std::string>{{"room", std::string(*room)},
                                                        {"text", nick_of(s) + " joined"}});
    if (!ack) return;
    // Members on every shard: counted where they live, answered here.
    s.namespace_().to(*room).fetch_sockets([ack](std::vector<runtime::socket_info> all) mutable {
      std::string obj;
      proto::json::writer r(obj);
      r.begin_object()
          .key("ok")
          .boolean(true)
          .key("members")
          .integer(static_cast<int64_t>(all.size()))
          .end_object();
      ack(emit_args().add_raw(obj));
    });
  });
  root.on("chat:leave", [](runtime::socket& s, args& a, runtime::ack_fn ack) {
    if (!a.empty()) {
      if (auto room = a[0].string_field("room")) s.leave(*room);
    }
    if (ack) ack();
  });
  root.on("chat:message", [&srv](runtime::socket& s, args& a, runtime::ack_fn ack) {
    if (a.empty()) return;
    auto room = a[0].string_field("room");
    auto text = a[0].string_field("text");
    if (!room || !text || !s.in_room(*room)) return;
    std::string msg;
    proto::json::writer w(msg);
    w.begin_object()
        .key("room")
        .string(*room)
        .key("nick")
        .string(nick_of(s))
        .key("text")
        .string(*text)
        .key("ts")
        .integer(now_ms())
        .end_object();
    srv.to(*room).emit("chat:message", emit_args().add_raw(msg));
    if (ack) ack();
  });
  root.on("chat:typing", [](runtime::socket& s, args& a, runtime::ack_fn) {
    if (a.empty()) return;
    auto room = a[0].string_field("room");
    if (!room || !s.in_room(*room)) return;
    std::string msg;
    proto::json::writer w(msg);
    w.begin_object().key("room").string(*room).key("nick").string(nick_of(s)).end_object();
    s.to(*room).volatile_().emit("chat:typing", emit_args().add_raw(msg));
  });
}

}  // namespace sio::server_app
