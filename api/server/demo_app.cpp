// The demo chat (tests/conformance/APP.md §8), served by the default app on
// "/" beside the benchmark contract, and by the conformance app on every
// namespace. Chat rooms are ordinary rooms named chat:<room>; a socket's nick
// is set by its last chat:join and forgotten when it leaves.
//   chat:join {room, nick}    → joins; ack {ok, members: sorted nicks}
//   chat:leave {room}         → leaves; ack {ok}
//   chat:message {room, text} → the room, sender included, gets chat:message
//                               {room, nick, text, ts}; ack {ok}
//   chat:typing {room}        → the room's other sockets get chat:typing {room, nick}
#include <algorithm>
#include <chrono>
#include <string>

#include <sio/proto/json/writer.hpp>

#include "apps.hpp"
#include "conformance.hpp"

namespace sio::server_app {

using runtime::ack_fn;
using runtime::args;
using runtime::emit_args;

bool chat_nicks::set(std::string_view id, std::string_view nick) {
  std::lock_guard lock(_mutex);
  auto [it, inserted] = _by_id.try_emplace(std::string(id), nick);
  if (!inserted) it->second.assign(nick);
  return inserted;
}

std::optional<std::string> chat_nicks::get(std::string_view id) const {
  std::lock_guard lock(_mutex);
  auto it = _by_id.find(std::string(id));
  if (it == _by_id.end()) return std::nullopt;
  return it->second;
}

void chat_nicks::erase(std::string_view id) {
  std::lock_guard lock(_mutex);
  _by_id.erase(std::string(id));
}

std::vector<std::string> chat_nicks::sorted_nicks(const std::vector<std::string>& ids) const {
  std::vector<std::string> out;
  {
    std::lock_guard lock(_mutex);
    for (const auto& id : ids) {
      if (auto it = _by_id.find(id); it != _by_id.end()) out.push_back(it->second);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

constexpr size_t max_room = 64;
constexpr size_t max_nick = 32;
constexpr size_t max_text = 2000;

// Lengths in UTF-16 code units, as the page (and the reference) count them.
bool valid(std::optional<std::string_view> v, size_t max) {
  return v && !v->empty() && utf16_length(*v) <= max;
}

std::string chat_room(std::string_view room) {
  std::string r = "chat:";
  r.append(room);
  return r;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The chat's one argument, when it is an object.
std::optional<simdjson::dom::element> message_of(const args& a) {
  if (a.empty() || !is_object(a[0].json())) return std::nullopt;
  return a[0].json();
}

void ack_json(ack_fn& ack, std::string_view json) {
  ack(emit_args().add_raw(json));
}

constexpr std::string_view ok_json = R"({"ok":true})";
constexpr std::string_view invalid_json = R"({"ok":false,"error":"invalid"})";
constexpr std::string_view not_joined_json = R"({"ok":false,"error":"not joined"})";

void on_join(runtime::socket& s, args& a, ack_fn ack, const std::shared_ptr<chat_nicks>& nicks) {
  auto msg = message_of(a);
  auto room = msg ? string_field(*msg, "room") : std::nullopt;
  auto nick = msg ? string_field(*msg, "nick") : std::nullopt;
  if (!valid(room, max_room) || !valid(nick, max_nick)) return ack_json(ack, invalid_json);
  if (nicks->set(s.id(), *nick)) {
    s.on_disconnect([nicks](runtime::socket& gone, std::string_view) { nicks->erase(gone.id()); });
  }
  const std::string full = chat_room(*room);
  s.join(full);
  if (!ack) return;
  // Members live on every shard: gathered there, answered here.
  s.namespace_().to(full).fetch_sockets(
      [nicks, ack](std::vector<runtime::socket_info> all) mutable {
        std::vector<std::string> ids;
        ids.reserve(all.size());
        for (auto& info : all) ids.push_back(std::move(info.id));
        std::string json;
        proto::json::writer w(json);
        w.begin_object().key("ok").boolean(true).key("members").begin_array();
        for (const auto& nick : nicks->sorted_nicks(ids)) w.string(nick);
        w.end_array().end_object();
        ack_json(ack, json);
      });
}

void on_message(runtime::socket& s, args& a, ack_fn ack, const chat_nicks& nicks) {
  auto msg = message_of(a);
  auto room = msg ? string_field(*msg, "room") : std::nullopt;
  auto text = msg ? string_field(*msg, "text") : std::nullopt;
  if (!valid(room, max_room) || !valid(text, max_text)) return ack_json(ack, invalid_json);
  const std::string full = chat_room(*room);
  auto nick = nicks.get(s.id());
  if (!nick || !s.in_room(full)) return ack_json(ack, not_joined_json);
  std::string json;
  proto::json::writer w(json);
  w.begin_object().key("room").string(*room).key("nick").string(*nick);
  w.key("text").string(*text).key("ts").integer(now_ms()).end_object();
  s.namespace_().to(full).emit("chat:message", emit_args().add_raw(json));
  ack_json(ack, ok_json);
}

void on_typing(runtime::socket& s, args& a, ack_fn ack, const chat_nicks& nicks) {
  auto msg = message_of(a);
  auto room = msg ? string_field(*msg, "room") : std::nullopt;
  if (valid(room, max_room)) {
    const std::string full = chat_room(*room);
    auto nick = nicks.get(s.id());
    if (nick && s.in_room(full)) {
      std::string json;
      proto::json::writer w(json);
      w.begin_object().key("room").string(*room).key("nick").string(*nick).end_object();
      s.to(full).emit("chat:typing", emit_args().add_raw(json));
    }
  }
  ack();
}

}  // namespace

void install_chat(runtime::nsp& n, std::shared_ptr<chat_nicks> nicks) {
  n.on("chat:join",
       [nicks](runtime::socket& s, args& a, ack_fn ack) { on_join(s, a, ack, nicks); });
  n.on("chat:leave", [](runtime::socket& s, args& a, ack_fn ack) {
    auto msg = message_of(a);
    auto room = msg ? string_field(*msg, "room") : std::nullopt;
    if (!valid(room, max_room)) return ack_json(ack, invalid_json);
    s.leave(chat_room(*room));
    ack_json(ack, ok_json);
  });
  n.on("chat:message",
       [nicks](runtime::socket& s, args& a, ack_fn ack) { on_message(s, a, ack, *nicks); });
  n.on("chat:typing",
       [nicks](runtime::socket& s, args& a, ack_fn ack) { on_typing(s, a, ack, *nicks); });
}

void install_demo(runtime::server& srv) {
  install_bench_contract(srv);
  install_chat(srv.of("/"), std::make_shared<chat_nicks>());
}

}  // namespace sio::server_app
