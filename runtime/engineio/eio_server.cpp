// The Engine.IO endpoint of one shard: request checks in the reference server's
// order (PROTOCOL.md §2.6), handshakes, polling, upgrades.
#include <sio/proto/eio/eio.hpp>
#include <sio/proto/http/query_params.hpp>
#include <sio/proto/ws/ws.hpp>
#include <sio/runtime/eio_server.hpp>
#include <sio/runtime/http_connection.hpp>
#include <sio/runtime/http_responses.hpp>
#include <sio/runtime/ids.hpp>
#include <sio/runtime/log.hpp>
#include <sio/runtime/shard_runtime.hpp>
#include <sio/runtime/ws_transport.hpp>

#include <cstring>

namespace sio::runtime {

namespace http = proto::http;
namespace eio = proto::eio;
namespace ws = proto::ws;

std::string_view message_of(eio_error e) {
  switch (e) {
    case eio_error::unknown_transport:
      return "Transport unknown";
    case eio_error::unknown_sid:
      return "Session ID unknown";
    case eio_error::bad_handshake_method:
      return "Bad handshake method";
    case eio_error::bad_request:
      return "Bad request";
    case eio_error::forbidden:
      return "Forbidden";
    case eio_error::unsupported_protocol_version:
      return "Unsupported protocol version";
  }
  return "Bad request";
}

namespace {
int b64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

bool is_websocket_upgrade(const http::request& r) {
  if (!r.upgrade) return false;
  std::string_view u = r.header("upgrade");
  return u.size() == 9 && strncasecmp(u.data(), "websocket", 9) == 0;
}
}  // namespace

eio_server::eio_server(shard_runtime& rt, engine::shard& shard, const server_options& options,
                       eio_options eio, runtime_group& group, session_acceptor* acceptor)
    : _rt(&rt),
      _shard(shard),
      _options(options),
      _eio(std::move(eio)),
      _group(&group),
      _acceptor(acceptor) {}

bool eio_server::serves(std::string_view path) const {
  std::string_view base = _eio.path;
  if (path.starts_with(base)) return true;
  return base.ends_with('/') && path.size() + 1 == base.size() && base.starts_with(path);
}

eio_server::~eio_server() = default;

session* eio_server::find(std::string_view sid) const {
  auto it = _sessions.find(sid);
  return it == _sessions.end() ? nullptr : it->second.get();
}

// A sid is 15 bytes in base64url (20 chars, like the reference's ids):
// byte 0 = node id (0 until clustering names nodes), byte 1 = shard index,
// bytes 2..14 random.
std::string eio_server::new_sid() {
  uint8_t raw[15];
  fill_random(raw, sizeof raw);
  raw[0] = 0;
  raw[1] = static_cast<uint8_t>(_shard.index());
  return encode_id(raw);
}

int eio_server::shard_of_sid(std::string_view sid) {
  if (sid.size() != session::sid_size) return -1;
  int v[4];
  for (int i = 0; i < 4; ++i) {
    v[i] = b64url_value(sid[i]);
    if (v[i] < 0) return -1;
  }
  // bits of chars 0-3 = bytes 0-2; byte 1 is bits 8..15 of that 24-bit group.
  uint32_t group = (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12) | (uint32_t(v[2]) << 6) | v[3];
  return static_cast<int>((group >> 8) & 0xff);
}

void eio_server::erase(session& s) {
  auto it = _sessions.find(s.sid());
  if (it == _sessions.end()) return;
  // Free at the end of the loop turn: callers up the stack may still hold `s`.
  auto owned = std::move(it->second);
  _sessions.erase(it);
  _group->totals.sessions.fetch_sub(1, std::memory_order_relaxed);
  _shard.defer([p = owned.release()]() mutable { delete p; });
}

void eio_server::close_all(close_reason reason) {
  std::vector<session*> all;
  all.reserve(_sessions.size());
  for (auto& [sid, s] : _sessions) all.push_back(s.get());
  for (session* s : all) s->close(reason);
}

void eio_server::error(http_connection& c, const http::request& r, eio_error e, bool upgrade) {
  std::string& out = _scratch;
  out.clear();
  if (upgrade) {
    // A failed upgrade gets a plain-text answer and the socket closes (as the
    // reference does before any WebSocket bytes).
    append_text_error(out, 400, message_of(e));
    c.respond(out, true);
    return;
  }
  append_eio_error(out, e == eio_error::forbidden ? 403 : 400, static_cast<int>(e), message_of(e),
                   cors_origin(_eio, r), r.keep_alive);
  c.respond(out, !r.keep_alive);
}

void eio_server::handle(http_connection& c, const http::request& r) {
  const bool ws_upgrade = is_websocket_upgrade(r);
  if (r.method == http::method::options && !_eio.cors_origins.empty() && !ws_upgrade) {
    std::string& out = _scratch;
    out.clear();
    append_preflight(out, cors_origin(_eio, r), r.header("access-control-request-headers"),
                     r.keep_alive);
    c.respond(out, !r.keep_alive);
    return;
  }
  http::query_params q(r.query);
  auto transport = q.get("transport");
  transport_kind kind;
  if (transport == "polling" && _eio.allow_polling) {
    kind = transport_kind::polling;
  } else if (transport == "websocket" && _eio.allow_websocket) {
    kind = transport_kind::websocket;
  } else {
    return error(c, r, eio_error::unknown_transport, ws_upgrade);
  }

  if (auto sid = q.get("sid")) {
    int owner = shard_of_sid(*sid);
    if (owner >= 0 && static_cast<unsigned>(owner) != _shard.index() &&
        static_cast<unsigned>(owner) < _group->shards.size()) {
      _group->totals.handoffs.fetch_add(1, std::memory_order_relaxed);
      c.hand_off(static_cast<unsigned>(owner), r);
      return;
    }
    session* s = find(*sid);
    if (!s) return error(c, r, eio_error::unknown_sid, ws_upgrade);
    if (kind == transport_kind::websocket) {
      if (!ws_upgrade) return error(c, r, eio_error::bad_request, false);
      return upgrade_request(c, r, *s);
    }
    if (ws_upgrade || s->transport() != transport_kind::polling) {
      return error(c, r, eio_error::bad_request, ws_upgrade);
    }
    return polling_request(c, r, *s);
  }

  if (r.method != http::method::get)
    return error(c, r, eio_error::bad_handshake_method, ws_upgrade);
  if (kind == transport_kind::websocket && !ws_upgrade) {
    return error(c, r, eio_error::bad_request, false);
  }
  if (q.get("EIO") != "4") return error(c, r, eio_error::unsupported_protocol_version, ws_upgrade);
  handshake(c, r, kind);
}

// RFC 6455 §4.2: a valid upgrade request gets the 101 appended to `out` (not
// sent yet); an invalid one is answered (400, or 426 for a wrong version) and
// the connection closed.
bool eio_server::accept_websocket(http_connection& c, const http::request& r, std::string& out) {
  ws::upgrade_request u{r.method_name, r.header("upgrade"), r.header("connection"),
                        r.header("sec-websocket-version"), r.header("sec-websocket-key")};
  auto herr = ws::validate_upgrade(u);
  if (herr != ws::handshake_errc::ok) {
    append_ws_handshake_error(out, ws::http_status(herr));
    c.respond(out, true);
    return false;
  }
  ws::append_upgrade_response(out, u.key);
  return true;
}

// "Handshake": the open packet is the body of the first GET (polling) or the
// first WebSocket message.
void eio_server::handshake(http_connection& c, const http::request& r, transport_kind kind) {
  ws_transport* wst = nullptr;
  std::string& out = _scratch;
  out.clear();
  if (kind == transport_kind::websocket) {
    if (!accept_websocket(c, r, out)) return;
    c.respond(out, false);
    wst = new ws_transport(*_rt, c.id(), nullptr, false);
  }

  std::string sid = new_sid();
  auto owned = std::make_unique<session>(*this, sid, kind);
  session* s = owned.get();
  _sessions.emplace(s->sid(), std::move(owned));
  _group->totals.sessions.fetch_add(1, std::memory_order_relaxed);
  _group->totals.sessions_opened.fetch_add(1, std::memory_order_relaxed);
  log(log_level::debug, "session %.*s opened (%s)", static_cast<int>(sid.size()), sid.data(),
      kind == transport_kind::polling ? "polling" : "websocket");

  eio::open_params op{s->sid(), kind == transport_kind::polling && _eio.allow_websocket,
                      _eio.ping_interval_ms, _eio.ping_timeout_ms, _eio.max_payload};
  std::string open;
  eio::append_open(open, op);
  if (kind == transport_kind::websocket) {
    s->attach_websocket(wst);
    wst->attach(s);
    c.upgraded(wst);
    _shard.send(c.id(), make_text_packet(open).frame);
  } else {
    out.clear();
    append_polling_response(out, open, cors_origin(_eio, r), r.keep_alive);
    c.respond(out, !r.keep_alive);
  }
  if (_acceptor) s->set_handler(_acceptor->on_session(*s, r));
}

// "HTTP long-polling": GET receives (held until there is something to send),
// POST sends.
void eio_server::polling_request(http_connection& c, const http::request& r, session& s) {
  if (r.method == http::method::get) {
    if (s.has_pending_get()) {
      // Overlapping GETs: the new one fails, the session closes, the held one gets "1".
      std::string& out = _scratch;
      out.clear();
      append_eio_error(out, 400, 3, message_of(eio_error::bad_request), cors_origin(_eio, r),
                       r.keep_alive);
      c.respond(out, !r.keep_alive);
      s.on_transport_closed(close_reason::transport_error);
      return;
    }
    c.set_cors_origin(cors_origin(_eio, r));
    s.hold_get(c.id(), &c, r.keep_alive);
    return;
  }
  if (r.method != http::method::post) {
    std::string& out = _scratch;
    out.clear();
    append_eio_error(out, 500, 3, message_of(eio_error::bad_request), cors_origin(_eio, r),
                     r.keep_alive);
    c.respond(out, !r.keep_alive);
    return;
  }
  // v4 bodies are text; a binary body is refused and the session ends.
  if (r.header("content-type").starts_with("application/octet-stream")) {
    std::string& out = _scratch;
    out.clear();
    append_eio_error(out, 400, 3, message_of(eio_error::bad_request), cors_origin(_eio, r),
                     r.keep_alive);
    c.respond(out, !r.keep_alive);
    s.on_transport_closed(close_reason::transport_error);
    return;
  }
  std::string origin(cors_origin(_eio, r));
  const bool keep_alive = r.keep_alive;
  auto rc = eio::decode_payload(r.body, _payload_scratch,
                                [&](const eio::packet& p) { s.on_packet(p, false); });
  if (rc != eio::errc::ok) s.on_transport_closed(close_reason::parse_error);
  std::string& out = _scratch;
  out.clear();
  append_post_ok(out, origin, keep_alive);
  c.respond(out, !keep_alive);
}

// "Upgrade": a WebSocket for an existing polling session starts as a probe.
void eio_server::upgrade_request(http_connection& c, const http::request& r, session& s) {
  std::string& out = _scratch;
  out.clear();
  if (!accept_websocket(c, r, out)) return;
  if (s.transport() != transport_kind::polling || s.upgrading()) {
    // Already upgraded, or an upgrade in flight: the reference accepts the
    // WebSocket, then closes it; the session carries on where it was.
    ws::append_close(out, ws::close_code::normal);
    c.respond(out, true);
    return;
  }
  c.respond(out, false);
  auto* probe = new ws_transport(*_rt, c.id(), &s, true);
  s.begin_upgrade(probe);
  c.upgraded(probe);
}

}  // namespace sio::runtime
