#pragma once
// One HTTP/1.1 keep-alive client connection of a polling session: one request
// at a time (a long-poll GET, or a POST carrying packets), its response parsed
// by http::response_parser and handed to the session.

#include <netinet/in.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sio/engine/engine.hpp>
#include <sio/engine/shard.hpp>
#include <sio/proto/http/response_parser.hpp>

#include "channel_kind.hpp"

namespace sio::bench {

class session;

class http_channel final : public engine::stream_handler {
 public:
  http_channel(session& owner, channel_kind kind);
  http_channel(const http_channel&) = delete;
  http_channel& operator=(const http_channel&) = delete;

  /// Opens the TCP connection; requests made before it is up wait for it. False
  /// when the engine refused at once.
  bool open(engine::shard& s, const sockaddr_in& to, const sockaddr_in* from);
  /// Sends one request (GET when body is empty and `post` false, else POST with
  /// `body` as text/plain). One at a time: the caller waits for
  /// session::on_http_response before the next. False when closed.
  bool request(std::string_view target, bool post, std::string_view body);
  /// Closes at once; the session hears nothing more from this channel.
  void close();
  bool busy() const { return _busy; }
  bool active() const { return _id.valid(); }
  channel_kind kind() const { return _kind; }

  // engine::stream_handler
  void on_connected(engine::conn_id id) override;
  void on_data(engine::conn_id id, std::span<uint8_t> data) override;
  void on_close(engine::conn_id id, int err) override;

 private:
  void fail(int err);

  session* _owner;
  engine::shard* _shard = nullptr;
  engine::conn_id _id;
  proto::http::response_parser _parser;
  std::string _queued;  // a request written before the connection was up
  channel_kind _kind;
  bool _connected = false;
  bool _busy = false;
};

}  // namespace sio::bench
