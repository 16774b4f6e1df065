#pragma once
// Everything the runtime keeps for one shard: it accepts that shard's
// connections and owns its Engine.IO endpoint. One per shard, created on the
// shard's thread; other shards reach it only through engine::shard::post.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <sio/engine/engine.hpp>
#include <sio/engine/listener_handler.hpp>
#include <sio/engine/shard.hpp>
#include <sio/runtime/eio_server.hpp>
#include <sio/runtime/options.hpp>

namespace sio::runtime {

class shard_runtime;

/// Process-wide figures, updated rarely (per connection, not per message).
struct runtime_totals {
  std::atomic<int64_t> connections{0};
  std::atomic<int64_t> sessions{0};
  std::atomic<uint64_t> http_requests{0};
  std::atomic<uint64_t> sessions_opened{0};
  std::atomic<uint64_t> handoffs{0};
  std::atomic<uint64_t> upgrades{0};
};

/// The shards of one server, reachable from any of them (for hand-offs).
struct runtime_group {
  std::vector<shard_runtime*> shards;  // indexed by shard index; set before serving
  runtime_totals totals;
};

/// Answers plain HTTP requests that are not Engine.IO (metrics, app routes).
/// Returns false to let the runtime answer 404.
class http_fallback {
 public:
  virtual bool on_request(shard_runtime& rt, const proto::http::request& r, std::string& out) = 0;

 protected:
  ~http_fallback() = default;
};

class shard_runtime final : public engine::listener_handler {
 public:
  /// `extra_acceptors[i]` serves options.extra_endpoints[i].
  shard_runtime(engine::shard& shard, const server_options& options, runtime_group& group,
                session_acceptor* acceptor, http_fallback* fallback = nullptr,
                std::vector<session_acceptor*> extra_acceptors = {});
  ~shard_runtime();

  engine::stream_handler* on_accept(engine::shard& s, engine::conn_id id) override;
  void on_shutdown(engine::shard& s) override;

  engine::shard& shard() const { return _shard; }
  eio_server& eio() { return *_endpoints.front(); }
  /// The Engine.IO endpoint serving `path`, or null.
  eio_server* endpoint_for(std::string_view path);
  const server_options& options() const { return _options; }
  runtime_group& group() const { return _group; }
  http_fallback* fallback() const { return _fallback; }

  /// Passes a connection and its already-read request to the shard that owns
  /// the session (sids name their shard). `request_bytes` is re-parsed there.
  /// False when the socket cannot move now (bytes still queued for it).
  bool hand_off(engine::conn_id id, unsigned target_shard, std::string request_bytes);

 private:
  engine::shard& _shard;
  const server_options& _options;
  runtime_group& _group;
  std::vector<std::unique_ptr<eio_server>> _endpoints;  // [0]: Socket.IO
  http_fallback* _fallback;
};

}  // namespace sio::runtime
