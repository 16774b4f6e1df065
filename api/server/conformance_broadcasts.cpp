// APP.md §3 (benchmark contract) and §4 (rooms and broadcasts), served on
// every namespace of the conformance app, each acting within its own namespace.
#include <algorithm>

#include <sio/proto/json/writer.hpp>

#include "conformance.hpp"

namespace sio::server_app {

using runtime::ack_fn;
using runtime::args;
using runtime::broadcast_op;
using runtime::emit_args;

namespace {

// The reference's `source(spec)`: from the namespace (the caller included if
// selected) or, with from: "socket", from the caller (never included).
broadcast_op source(runtime::socket& s, simdjson::dom::element spec) {
  broadcast_op op = string_field(spec, "from") == std::string_view("socket")
                        ? s.broadcast()
                        : broadcast_op(s.namespace_().owner(), s.namespace_());
  apply(op, read_selector(spec));
  return op;
}

// spec.args (an array; anything else: no arguments), binary values kept in
// place with exactly the attachments they name.
emit_args spec_args(simdjson::dom::element spec, std::span<const std::string> in) {
  std::string json;
  std::vector<std::string> atts;
  simdjson::dom::array arr;
  if (!spec["args"].get_array().get(arr)) {
    proto::json::writer w(json);
    for (simdjson::dom::element item : arr) write_value(w, item, in, atts);
  }
  return emit_args::from_raw(json, atts);
}

// One response of a broadcast with acks is the client's ack arguments as a
// JSON array; the app reports its first element, nullopt when it had none.
std::optional<std::string_view> first_element(std::string_view array_text) {
  std::string_view inner = array_text;
  if (inner.size() >= 2 && inner.front() == '[' && inner.back() == ']') {
    inner = inner.substr(1, inner.size() - 2);
  }
  std::vector<std::string_view> parts;
  runtime::split_json_values(inner, parts);
  if (parts.empty()) return std::nullopt;
  return parts.front();
}

// {"timedOut":…,"responses":[…]}: the reference sorts the answers by their
// JSON.stringify text (the text the client sent, compared in byte order),
// and JavaScript's sort puts an answer with no argument (undefined, sent as
// null) after all the others. Binary answers keep their attachments,
// renumbered into one list.
emit_args ack_report(bool timed_out, const std::vector<runtime::ack_response>& responses) {
  struct first {
    std::string_view text;
    const runtime::ack_response* from;
  };
  std::vector<first> firsts;
  firsts.reserve(responses.size());
  size_t none = 0;
  for (const auto& r : responses) {
    if (auto f = first_element(r.json)) {
      firsts.push_back({*f, &r});
    } else {
      ++none;
    }
  }
  std::sort(firsts.begin(), firsts.end(),
            [](const first& a, const first& b) { return a.text < b.text; });
  std::string json;
  std::vector<std::string> attachments;
  proto::json::writer w(json);
  w.begin_object().key("timedOut").boolean(timed_out).key("responses").begin_array();
  simdjson::dom::parser parser;
  for (const auto& f : firsts) {
    simdjson::dom::element v;
    if (f.from->attachments.empty() || parser.parse(f.text.data(), f.text.size()).get(v)) {
      w.raw(f.text);
    } else {
      write_value(w, v, f.from->attachments, attachments);
    }
  }
  for (size_t i = 0; i < none; ++i) w.null();
  w.end_array().end_object();
  return emit_args::from_raw(json, attachments);
}

void on_emit_to(runtime::socket& s, args& a, ack_fn ack) {
  if (a.empty()) return ack();
  const simdjson::dom::element spec = a[0].json();
  const auto event = string_field(spec, "event");
  if (!event) return ack();
  broadcast_op op = source(s, spec);
  if (true_field(spec, "volatile")) op.volatile_();
  op.emit(*event, spec_args(spec, a.attachments()));
  ack();
}

void on_emit_to_with_ack(runtime::socket& s, args& a, ack_fn ack) {
  if (a.empty()) return ack();
  const simdjson::dom::element spec = a[0].json();
  const auto event = string_field(spec, "event");
  if (!event) return ack();
  broadcast_op op = source(s, spec);
  op.timeout(1000).emit_with_ack(
      *event, spec_args(spec, a.attachments()),
      [ack](bool timed_out, std::vector<runtime::ack_response> responses) mutable {
        ack(ack_report(timed_out, responses));
      });
}

// The benchmark's relay: the first argument unchanged, to room `bench`.
void on_broadcast(runtime::socket& s, args& a, ack_fn ack) {
  emit_args out;
  if (a.empty()) {
    out.add(nullptr);  // JSON.stringify turns the missing payload into null
  } else if (a.attachments().empty()) {
    out.add_raw(a[0].raw());
  } else {
    std::string json;
    std::vector<std::string> atts;
    add_value(json, atts, a[0], a.attachments());
    out = emit_args::from_raw(json, atts);
  }
  s.namespace_().to("bench").emit("msg", out);
  ack();
}

}  // namespace

void install_broadcast_events(runtime::nsp& n) {
  n.on("echo", [](runtime::socket&, args& a, ack_fn ack) {
    if (ack) ack(emit_args::from_raw(a.raw(), a.attachments()));
  });
  n.on("join", [](runtime::socket& s, args& a, ack_fn ack) {
    if (!a.empty()) {
      if (auto room = a[0].as_string()) s.join(*room);
    }
    ack();
  });
  n.on("broadcast", on_broadcast);
  n.on("leave", [](runtime::socket& s, args& a, ack_fn ack) {
    if (!a.empty()) {
      if (auto room = a[0].as_string()) s.leave(*room);
    }
    ack();
  });
  n.on("rooms", [](runtime::socket& s, args&, ack_fn ack) {
    if (!ack) return;
    std::vector<std::string> rooms = s.rooms();
    std::sort(rooms.begin(), rooms.end());
    ack(emit_args(rooms));
  });
  n.on("emit-to", on_emit_to);
  n.on("emit-to-with-ack", on_emit_to_with_ack);
}

}  // namespace sio::server_app
