// APP.md §5 (acknowledgements from the server to a client) and §6
// (server-side operations and disconnect records), on every namespace.
#include <algorithm>
#include <limits>

#include <sio/proto/json/writer.hpp>

#include "conformance.hpp"

namespace sio::server_app {

using runtime::ack_fn;
using runtime::args;
using runtime::broadcast_op;
using runtime::emit_args;

namespace {

// `ask` waits for its answer as long as the socket lives.
constexpr uint32_t no_timeout = std::numeric_limits<uint32_t>::max();
constexpr uint32_t ask_timeout_ms = 200;

// The selected sockets of the caller's namespace (APP.md §4 selector).
broadcast_op select(runtime::socket& s, const args& a) {
  broadcast_op op(s.namespace_().owner(), s.namespace_());
  if (!a.empty()) apply(op, read_selector(a[0].json()));
  return op;
}

// Shards apply sockets-join/-leave through their mailboxes; a fetch queued
// behind it answers once every shard has applied it, so the ack promises what
// the reference's single-threaded adapter promises: the change is visible.
void ack_when_applied(broadcast_op& op, ack_fn ack) {
  op.fetch_sockets([ack](std::vector<runtime::socket_info>) mutable { ack(); });
}

void on_ask(runtime::socket& s, args& a, ack_fn ack) {
  s.emit_with_ack("question", emit_args::from_raw(a.raw(), a.attachments()), no_timeout,
                  [ack](bool timed_out, args& answer) mutable {
                    // A socket that leaves ends the wait as a timeout: no answer then.
                    if (!timed_out) ack(emit_args::from_raw(answer.raw(), answer.attachments()));
                  });
}

void on_ask_timeout(runtime::socket& s, args& a, ack_fn ack) {
  s.emit_with_ack("question", emit_args::from_raw(a.raw(), a.attachments()), ask_timeout_ms,
                  [ack](bool timed_out, args& answer) mutable {
                    if (timed_out) {
                      ack(emit_args().add_raw(R"({"timedOut":true})"));
                      return;
                    }
                    // The answer's placeholders keep their numbers: the
                    // attachments travel in the same order.
                    std::string json = R"({"timedOut":false,"answer":[)";
                    json.append(answer.raw());
                    json += "]}";
                    ack(emit_args::from_raw(json, answer.attachments()));
                  });
}

void on_fetch_sockets(runtime::socket& s, args& a, ack_fn ack) {
  if (!ack) return;
  select(s, a).fetch_sockets([ack](std::vector<runtime::socket_info> all) mutable {
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    std::string json;
    proto::json::writer w(json);
    w.begin_array();
    for (auto& info : all) {
      std::sort(info.rooms.begin(), info.rooms.end());
      w.begin_object().key("id").string(info.id).key("rooms").begin_array();
      for (const auto& r : info.rooms) w.string(r);
      w.end_array().key("data").raw(info.data).end_object();
    }
    w.end_array();
    ack(emit_args().add_raw(json));
  });
}

// sockets-join and sockets-leave: {...selector, room}.
void on_sockets_room(runtime::socket& s, args& a, ack_fn ack, bool join) {
  const auto room = a.empty() ? std::nullopt : string_field(a[0].json(), "room");
  if (!room) return ack();
  broadcast_op op = select(s, a);
  if (join) {
    op.sockets_join(*room);
  } else {
    op.sockets_leave(*room);
  }
  if (ack) ack_when_applied(op, ack);
}

void on_disconnect_sockets(runtime::socket& s, args& a, ack_fn ack) {
  const bool close = !a.empty() && true_field(a[0].json(), "close");
  broadcast_op op = select(s, a);
  ack();  // first: the caller may be among the selected
  op.disconnect_sockets(close);
}

void on_server_disconnect(runtime::socket& s, args& a, ack_fn ack) {
  const bool close = !a.empty() && true_field(a[0].json(), "close");
  ack();
  s.disconnect(close);
}

void on_close_transport(runtime::socket& s, args&, ack_fn ack) {
  ack();
  s.close_connection();
}

}  // namespace

void install_operation_events(runtime::nsp& n, std::shared_ptr<conformance_state> state) {
  n.on("ask", on_ask);
  n.on("ask-timeout", on_ask_timeout);
  n.on("set-data", [](runtime::socket& s, args& a, ack_fn ack) {
    s.set_data(a.empty() ? std::string("null") : std::string(a[0].raw()));
    ack();
  });
  n.on("fetch-sockets", on_fetch_sockets);
  n.on("sockets-join",
       [](runtime::socket& s, args& a, ack_fn ack) { on_sockets_room(s, a, ack, true); });
  n.on("sockets-leave",
       [](runtime::socket& s, args& a, ack_fn ack) { on_sockets_room(s, a, ack, false); });
  n.on("disconnect-sockets", on_disconnect_sockets);
  n.on("server-disconnect", on_server_disconnect);
  n.on("close-transport", on_close_transport);
  n.on("last-disconnect", [state](runtime::socket&, args& a, ack_fn ack) {
    if (!ack) return;
    std::optional<std::string> rec;
    if (auto id = a.empty() ? std::nullopt : a[0].as_string()) {
      rec = state->records.find(*id);
    } else {
      rec = state->records.last();
    }
    ack(emit_args().add_raw(rec ? std::string_view(*rec) : std::string_view("null")));
  });
}

}  // namespace sio::server_app
