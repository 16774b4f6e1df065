#pragma once
// The Socket.IO server: namespaces, sockets and broadcasts over N shards.
//
//   sio::runtime::server srv(config);
//   srv.of("/").on("echo", [](auto& s, auto& args, auto ack) {
//   ack(sio::runtime::emit_args::from_raw(args.raw(), args.attachments())); }); srv.start();
//   srv.run();

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <sio/engine/engine.hpp>
#include <sio/runtime/adapter.hpp>
#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/options.hpp>
#include <sio/runtime/shard_runtime.hpp>

namespace sio::runtime {

class sio_shard;
class recovery_store;

struct sio_options {
  /// A client that joins no namespace within this time is disconnected.
  uint32_t connect_timeout_ms = 45000;
  /// Connection state recovery (socket.io ≥ 4.6): keep a disconnected socket's
  /// id, rooms and missed broadcasts for max_disconnection_ms.
  bool recovery = false;
  uint32_t max_disconnection_ms = 120000;
  bool recovery_skips_middlewares = true;
  /// A volatile packet is dropped for a client with more bytes than this queued.
  size_t volatile_queue_limit = 64 * 1024;
};

struct server_config {
  engine::engine_options engine;
  server_options http;  ///< Engine.IO, HTTP and static assets
  sio_options sio;
};

class server {
 public:
  explicit server(server_config cfg);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// The namespace `name` (created on first call). Define namespaces and their
  /// handlers before start(); dynamic ones are created by dynamic().
  nsp& of(std::string_view name);
  /// Unknown namespaces that `accept` approves are created on first use and
  /// configured by `setup` (called once, before the first socket joins).
  void dynamic(std::function<bool(std::string_view name)> accept, std::function<void(nsp&)> setup);
  /// Adds a bare Engine.IO endpoint (no Socket.IO) at o.path; `make` gives each
  /// shard its acceptor (called on that shard's thread; the server owns it).
  /// Before start().
  using acceptor_maker = std::function<std::unique_ptr<session_acceptor>(engine::shard&)>;
  void engineio_endpoint(eio_options o, acceptor_maker make);
  /// Replaces the local adapter (e.g. a cluster adapter); before start().
  void set_adapter(std::unique_ptr<adapter> a) { _adapter = std::move(a); }
  adapter& get_adapter() { return *_adapter; }
  /// Sends an event to the other nodes' servers (serverSideEmit); with the
  /// local adapter there are none.
  void server_side_emit(std::string_view event, const emit_args& a = {});
  /// Answers non-Engine.IO HTTP requests the runtime does not serve itself.
  void set_http_fallback(http_fallback* f) { _fallback = f; }

  broadcast_op to(std::string_view room) { return of("/").to(room); }
  void emit(std::string_view event, const emit_args& a = {}) { of("/").emit(event, a); }

  /// Binds the listeners and starts the shards' reactors. 0 or -errno.
  int start();
  /// Serves until stop(); returns when every shard has exited.
  void run();
  /// Graceful shutdown (thread- and signal-safe).
  void stop(uint32_t deadline_ms = 5000);

  uint16_t port() const;
  unsigned shard_count() const;
  const server_config& config() const { return _config; }
  engine::engine& io() { return *_engine; }
  runtime_group& group() { return _group; }

  // --- runtime internals ---------------------------------------------------------
  /// Thread-safe lookup, creating a dynamic namespace when allowed. Null if unknown.
  nsp* find_or_create(std::string_view name);
  nsp* nsp_at(uint32_t index);
  sio_shard& shard_at(unsigned i) { return *_shards[i]; }
  /// The sio_shard of the calling thread, or null off the shards.
  static sio_shard* current_shard();
  /// Recovery: a new offset (unique for this process, opaque to clients).
  std::string next_offset();
  recovery_store& recovery() { return *_recovery; }

 private:
  server_config _config;
  std::unique_ptr<engine::engine> _engine;
  std::unique_ptr<recovery_store> _recovery;
  std::unique_ptr<adapter> _adapter;
  std::atomic<uint64_t> _offset_seq{0};
  std::string _offset_prefix;  // random per process: offsets of an old process never match
  runtime_group _group;
  http_fallback* _fallback = nullptr;
  std::vector<std::unique_ptr<sio_shard>> _shards;
  std::vector<std::unique_ptr<shard_runtime>> _runtimes;
  // Namespaces are appended (under the mutex, at connect time only) and never
  // removed; readers on any shard index them without a lock.
  static constexpr uint32_t max_namespaces = 4096;
  std::mutex _nsp_mutex;
  std::unique_ptr<std::atomic<nsp*>[]> _nsps;
  std::atomic<uint32_t> _nsp_count{0};
  std::vector<acceptor_maker> _endpoint_makers;
  std::vector<std::vector<std::unique_ptr<session_acceptor>>> _endpoint_acceptors;  // per shard
  std::function<bool(std::string_view)> _dynamic_accept;
  std::function<void(nsp&)> _dynamic_setup;
};

}  // namespace sio::runtime
