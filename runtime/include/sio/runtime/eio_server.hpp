#pragma once
// The Engine.IO v4 endpoint of one shard: handshakes, the session table, polling
// requests, WebSocket upgrades, and the reference server's HTTP error answers.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sio/engine/shard.hpp>
#include <sio/proto/http/request_parser.hpp>
#include <sio/runtime/options.hpp>
#include <sio/runtime/session.hpp>

namespace sio::runtime {

class http_connection;
class shard_runtime;
struct runtime_group;

/// Engine.IO error codes of the reference server (PROTOCOL.md §2.6).
enum class eio_error : uint8_t {
  unknown_transport = 0,
  unknown_sid = 1,
  bad_handshake_method = 2,
  bad_request = 3,
  forbidden = 4,
  unsupported_protocol_version = 5,
};
std::string_view message_of(eio_error e);

/// Called for every new session with its handshake request; returns the
/// session's handler (nullptr: none, the session only answers heartbeats).
class session_acceptor {
 public:
  virtual session_handler* on_session(session& s, const proto::http::request& handshake) = 0;
  /// Graceful shutdown began on this shard.
  virtual void on_shutdown() {}
  virtual ~session_acceptor() = default;
};

class eio_server {
 public:
  /// `eio` is this endpoint's own configuration (its path among others).
  eio_server(shard_runtime& rt, engine::shard& shard, const server_options& options,
             eio_options eio, runtime_group& group, session_acceptor* acceptor);
  ~eio_server();

  engine::shard& shard() const { return _shard; }
  const server_options& options() const { return _options; }
  const eio_options& eio() const { return _eio; }
  /// True when `path` is under this endpoint's path ("/socket.io" matches "/socket.io/").
  bool serves(std::string_view path) const;
  session_acceptor* acceptor() const { return _acceptor; }
  runtime_group& group() const { return *_group; }

  /// Handles one HTTP request under the Engine.IO path. The connection is told
  /// whether it keeps reading (answered), is held (a polling GET), or became a
  /// WebSocket (upgraded).
  void handle(http_connection& c, const proto::http::request& r);

  session* find(std::string_view sid) const;
  size_t session_count() const { return _sessions.size(); }
  /// Closes every session (graceful shutdown).
  void close_all(close_reason reason);

  /// The shard a sid was created on (sids name their shard), or -1 if malformed.
  static int shard_of_sid(std::string_view sid);

  // --- for session -----------------------------------------------------------
  void erase(session& s);
  /// A reusable buffer for building one response at a time on this shard.
  std::string& scratch() { return _scratch; }

 private:
  void handshake(http_connection& c, const proto::http::request& r, transport_kind kind);
  void polling_request(http_connection& c, const proto::http::request& r, session& s);
  void upgrade_request(http_connection& c, const proto::http::request& r, session& s);
  bool accept_websocket(http_connection& c, const proto::http::request& r, std::string& out);
  void error(http_connection& c, const proto::http::request& r, eio_error e, bool upgrade);
  std::string new_sid();

  shard_runtime* _rt;
  engine::shard& _shard;
  const server_options& _options;
  eio_options _eio;
  runtime_group* _group;
  session_acceptor* _acceptor;
  std::unordered_map<std::string_view, std::unique_ptr<session>> _sessions;
  std::string _scratch;
  std::string _payload_scratch;
};

}  // namespace sio::runtime
