#pragma once
// One TCP connection speaking HTTP/1.1 (keep-alive, pipelining) until it is
// upgraded to a WebSocket. Routes each request: Engine.IO path, /health,
// in-memory assets, the application's fallback, else 404.

#include <string>

#include <sio/engine/shard.hpp>
#include <sio/engine/stream_handler.hpp>
#include <sio/proto/http/request_parser.hpp>

namespace sio::runtime {

class shard_runtime;
class session;

class http_connection final : public engine::stream_handler {
 public:
  http_connection(shard_runtime& rt, engine::conn_id id);

  void on_data(engine::conn_id id, std::span<uint8_t> data) override;
  void on_close(engine::conn_id id, int err) override;

  engine::conn_id id() const { return _id; }
  /// Names the connection after adopting its fd on this shard.
  void rebind(engine::conn_id id) { _id = id; }
  shard_runtime& runtime() const { return _rt; }

  /// Writes a complete response; closes after it when `close` or the request
  /// asked for it.
  void respond(std::string_view bytes, bool close_after);
  /// Answers a held polling GET with an Engine.IO payload (text/plain) and
  /// resumes reading.
  void respond_polling(std::string_view payload, bool close_after);
  /// The request stays unanswered (a polling GET held by `s`); reading pauses.
  void hold(session& s);
  /// The held request was answered: continue with buffered pipelined bytes.
  void release();
  /// The connection now belongs to `next` (a WebSocket transport): this object
  /// is done; bytes that followed the upgrade request are passed on.
  void upgraded(engine::stream_handler* next);
  /// CORS origin to answer a held GET with (copied).
  void set_cors_origin(std::string_view origin) { _cors_origin.assign(origin); }
  /// Passes the connection to another shard along with the current request.
  void hand_off(unsigned target_shard, const proto::http::request& r);

 private:
  enum class state : uint8_t { reading, held, upgraded, gone };
  static void on_timeout(engine::timer& t);
  void process(std::string_view data);
  void route(const proto::http::request& r);
  void arm_timer();
  void destroy();

  shard_runtime& _rt;
  engine::conn_id _id;
  state _state = state::reading;
  bool _in_process = false;
  session* _held_by = nullptr;
  proto::http::request_parser _parser;
  std::string _backlog;      // bytes read while a request was held
  std::string_view _rest;    // bytes after the request being routed (go along on a hand-off)
  std::string _cors_origin;  // for the held GET's answer
  engine::stream_handler* _next = nullptr;  // set by upgraded()
  engine::timer _timer;
};

}  // namespace sio::runtime
