// HTTP/1.1 per connection: parse (pipelined) requests and route them.
#include <sio/proto/http/http.hpp>
#include <sio/runtime/http_connection.hpp>
#include <sio/runtime/http_responses.hpp>
#include <sio/runtime/session.hpp>
#include <sio/runtime/shard_runtime.hpp>

#include <cctype>
#include <cstdio>
#include <vector>

namespace sio::runtime {

namespace http = proto::http;

namespace {
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

http::limits limits_for(const server_options& o) {
  http::limits l;
  l.max_header_bytes = o.http.max_header_bytes;
  // A POST body is one Engine.IO payload; over maxPayload it is refused with 413.
  l.max_body_bytes = o.eio.max_payload;
  return l;
}
}  // namespace

http_connection::http_connection(shard_runtime& rt, engine::conn_id id)
    : _rt(rt), _id(id), _parser(limits_for(rt.options())) {
  _timer.fn = &http_connection::on_timeout;
  _timer.ctx = this;
  _rt.group().totals.connections.fetch_add(1, std::memory_order_relaxed);
  arm_timer();
}

void http_connection::arm_timer() {
  const auto& o = _rt.options().http;
  _rt.shard().timers().arm(_timer,
                           _parser.buffered() > 0 ? o.header_timeout_ms : o.idle_timeout_ms);
}

// A request that does not finish in time (slowloris) or an idle keep-alive
// connection is closed; a held GET is timed by its session instead.
void http_connection::on_timeout(engine::timer& t) {
  auto* c = static_cast<http_connection*>(t.ctx);
  if (c->_state == state::reading) c->_rt.shard().close(c->_id, 0, false);
}

void http_connection::on_data(engine::conn_id, std::span<uint8_t> data) {
  std::string_view bytes(reinterpret_cast<const char*>(data.data()), data.size());
  if (_state == state::held) {
    // Bytes pipelined behind a held GET wait, up to one request's worth.
    const auto& o = _rt.options();
    if (_backlog.size() + bytes.size() > o.http.max_header_bytes + o.eio.max_payload) {
      _rt.shard().close(_id, 0, false);
      return;
    }
    _backlog.append(bytes);
    return;
  }
  if (_state != state::reading) return;
  process(bytes);
}

void http_connection::process(std::string_view data) {
  _in_process = true;
  struct reset_flag {
    bool& f;
    ~reset_flag() { f = false; }
  } reset{_in_process};
  while (_state == state::reading) {
    auto [consumed, status] = _parser.feed(data);
    data.remove_prefix(consumed);
    if (status == http::errc::need_more) break;
    if (status != http::errc::ok) {
      std::string out;
      int code = http::status_for(status);
      http::header h[] = {{"Content-Type", "text/plain"}};
      http::append_response(out, code, h, http::reason_phrase(code), false);
      respond(out, true);
      _state = state::gone;
      return;
    }
    _rt.group().totals.http_requests.fetch_add(1, std::memory_order_relaxed);
    _rest = data;
    route(_parser.current());
    _rest = {};
    if (_state == state::upgraded) {
      // Bytes after the upgrade request are the first WebSocket frames.
      if (!data.empty() && _next) {
        std::string rest(data);
        rest.append(64, '\0');  // padding contract of on_data
        _next->on_data(_id, {reinterpret_cast<uint8_t*>(rest.data()), data.size()});
      }
      _rt.shard().defer([self = this] { delete self; });
      return;
    }
    if (_state == state::gone) return;
    if (_state == state::held) {
      _backlog.assign(data);
      return;
    }
    _parser.next();
    if (data.empty()) break;
  }
  if (_state == state::reading) arm_timer();
}

void http_connection::route(const http::request& r) {
  const auto& o = _rt.options();
  std::string out;
  // Exact asset paths first: the client bundle lives under the Engine.IO path.
  if (auto it = o.assets.find(r.path);
      it != o.assets.end() && (r.method == http::method::get || r.method == http::method::head)) {
    http::header h[] = {{"Content-Type", it->second.content_type}, {"Cache-Control", "no-cache"}};
    http::append_response(out, 200, h, it->second.body, r.keep_alive);
    respond(out, !r.keep_alive);
    return;
  }
  if (eio_server* endpoint = _rt.endpoint_for(r.path)) {
    endpoint->handle(*this, r);
    return;
  }
  if (r.path == "/health" && r.method == http::method::get) {
    auto& t = _rt.group().totals;
    char body[160];
    int n =
        std::snprintf(body, sizeof body,
                      "{\"status\":\"ok\",\"shards\":%zu,\"connections\":%lld,\"sessions\":%lld}",
                      _rt.group().shards.size(),
                      static_cast<long long>(t.connections.load(std::memory_order_relaxed)),
                      static_cast<long long>(t.sessions.load(std::memory_order_relaxed)));
    http::header h[] = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
    http::append_response(out, 200, h, {body, static_cast<size_t>(n)}, r.keep_alive);
    respond(out, !r.keep_alive);
    return;
  }
  if (r.path == "/metrics" && r.method == http::method::get) {
    // Prometheus text exposition format 0.0.4.
    auto& t = _rt.group().totals;
    char body[768];
    int n = std::snprintf(
        body, sizeof body,
        "# TYPE sioring_shards gauge\nsioring_shards %zu\n"
        "# TYPE sioring_connections gauge\nsioring_connections %lld\n"
        "# TYPE sioring_sessions gauge\nsioring_sessions %lld\n"
        "# TYPE sioring_sessions_opened_total counter\nsioring_sessions_opened_total %llu\n"
        "# TYPE sioring_http_requests_total counter\nsioring_http_requests_total %llu\n"
        "# TYPE sioring_handoffs_total counter\nsioring_handoffs_total %llu\n"
        "# TYPE sioring_upgrades_total counter\nsioring_upgrades_total %llu\n",
        _rt.group().shards.size(), static_cast<long long>(t.connections.load()),
        static_cast<long long>(t.sessions.load()),
        static_cast<unsigned long long>(t.sessions_opened.load()),
        static_cast<unsigned long long>(t.http_requests.load()),
        static_cast<unsigned long long>(t.handoffs.load()),
        static_cast<unsigned long long>(t.upgrades.load()));
    http::header h[] = {{"Content-Type", "text/plain; version=0.0.4"}};
    http::append_response(out, 200, h, {body, static_cast<size_t>(n)}, r.keep_alive);
    respond(out, !r.keep_alive);
    return;
  }
  if (auto* f = _rt.fallback(); f && f->on_request(_rt, r, out)) {
    respond(out, !r.keep_alive);
    return;
  }
  http::header h[] = {{"Content-Type", "text/plain"}};
  http::append_response(out, 404, h, "Not Found", r.keep_alive);
  respond(out, !r.keep_alive);
}

void http_connection::respond(std::string_view bytes, bool close_after) {
  _rt.shard().send(_id, bytes);
  if (close_after) {
    _rt.shard().close(_id, 0, true);
    _state = state::gone;
  }
}

void http_connection::respond_polling(std::string_view payload, bool close_after) {
  std::string out;
  append_polling_response(out, payload, _cors_origin, !close_after);
  _held_by = nullptr;
  _state = state::reading;
  respond(out, close_after);
  release();
}

void http_connection::hold(session& s) {
  _held_by = &s;
  _state = state::held;
  _rt.shard().timers().cancel(_timer);
}

void http_connection::release() {
  // Answered while still inside process(): its loop goes on by itself.
  if (_state != state::reading || _in_process) return;
  _parser.next();
  if (_backlog.empty()) {
    arm_timer();
    return;
  }
  std::string pending = std::move(_backlog);
  _backlog.clear();
  process(pending);
}

void http_connection::upgraded(engine::stream_handler* next) {
  _next = next;
  _state = state::upgraded;
  _rt.shard().timers().cancel(_timer);
  _rt.shard().set_handler(_id, next);
}

void http_connection::hand_off(unsigned target_shard, const http::request& r) {
  // Re-serialised from the parsed request: the writer sets the body's length
  // itself, so the framing headers are left out (the body is already de-chunked).
  std::vector<http::header> headers;
  headers.reserve(r.headers.size());
  for (const auto& h : r.headers) {
    if (iequals(h.name, "content-length") || iequals(h.name, "transfer-encoding")) continue;
    headers.push_back(h);
  }
  std::string bytes;
  http::append_request(bytes, r.method_name, r.target, headers, r.body);
  bytes.append(_rest);  // pipelined bytes that followed the request go along
  _rt.shard().timers().cancel(_timer);
  if (!_rt.hand_off(_id, target_shard, std::move(bytes))) {
    // The socket cannot move (an answer to an earlier pipelined request is
    // still being written): refuse this one and close once that is out.
    std::string out;
    http::header h[] = {{"Content-Type", "text/plain"}};
    http::append_response(out, 503, h, "Service Unavailable", false);
    respond(out, true);
    return;
  }
  _state = state::gone;
  _rt.group().totals.connections.fetch_sub(1, std::memory_order_relaxed);
  _rt.shard().defer([self = this] { delete self; });
}

void http_connection::on_close(engine::conn_id, int) {
  _rt.shard().timers().cancel(_timer);
  if (_held_by) {
    _held_by->on_get_connection_closed();
    _held_by = nullptr;
  }
  if (_state != state::upgraded) {
    _rt.group().totals.connections.fetch_sub(1, std::memory_order_relaxed);
  }
  _state = state::gone;
  delete this;
}

}  // namespace sio::runtime
