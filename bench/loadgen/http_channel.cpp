#include "http_channel.hpp"

#include <cerrno>

#include <sio/proto/http/header.hpp>
#include <sio/proto/http/writer.hpp>

#include "session.hpp"

namespace sio::bench {

namespace http = proto::http;

http_channel::http_channel(session& owner, channel_kind kind)
    : _owner(&owner), _parser(http::limits{.max_body_bytes = 64u << 20}), _kind(kind) {}

bool http_channel::open(engine::shard& s, const sockaddr_in& to, const sockaddr_in* from) {
  _shard = &s;
  _id = s.connect(to, from, this);
  return _id.valid();
}

bool http_channel::request(std::string_view target, bool post, std::string_view body) {
  if (!_id.valid()) return false;
  std::string& out = _owner->frame_buffer();
  out.clear();
  const http::header headers[] = {
      {"Host", _owner->host_header()},
      {"Content-Type", "text/plain;charset=UTF-8"},
  };
  http::append_request(out, post ? "POST" : "GET", target,
                       std::span<const http::header>(headers, post ? 2 : 1), body);
  _busy = true;
  if (!_connected) {
    _queued += out;
    return true;
  }
  if (_shard->send(_id, out)) return true;
  fail(-ENOBUFS);
  return false;
}

void http_channel::on_connected(engine::conn_id id) {
  _connected = true;
  if (_queued.empty()) return;
  std::string q = std::move(_queued);
  _queued.clear();
  if (!_shard->send(id, q)) fail(-ENOBUFS);
}

void http_channel::on_data(engine::conn_id, std::span<uint8_t> bytes) {
  std::string_view data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  while (!data.empty() && _id.valid()) {
    auto r = _parser.feed(data);
    if (r.status == http::errc::need_more) return;
    if (r.status != http::errc::ok) return fail(-EPROTO);
    data.remove_prefix(r.consumed);
    const http::response& res = _parser.current();
    _busy = false;
    const bool keep = res.keep_alive;
    _owner->on_http_response(_kind, res.status, res.body);
    _parser.next();
    if (!keep && _id.valid()) return fail(-ECONNRESET);
  }
}

void http_channel::on_close(engine::conn_id, int err) {
  if (!_id.valid()) return;
  _id = {};
  _owner->on_channel_closed(_kind, err ? err : -ECONNRESET);
}

void http_channel::close() {
  if (!_id.valid()) return;
  const engine::conn_id id = _id;
  _id = {};
  _busy = false;
  _shard->close(id, 0, false);
}

void http_channel::fail(int err) {
  close();
  _owner->on_channel_closed(_kind, err);
}

}  // namespace sio::bench
