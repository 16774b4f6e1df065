#pragma once
// Configuration of the Engine.IO / HTTP side of a server. Defaults are those of
// the Node.js reference server (engine.io 6.6) where one exists.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sio::runtime {

/// A file served from memory at a fixed path (the demo page, the client bundle).
struct static_asset {
  std::string content_type;
  std::string body;
};

struct eio_options {
  std::string path = "/socket.io/";  ///< request paths starting here are Engine.IO
  uint32_t ping_interval_ms = 25000;
  uint32_t ping_timeout_ms = 20000;
  uint64_t max_payload = 1'000'000;  ///< largest POST body / WebSocket message accepted
  uint32_t upgrade_timeout_ms = 10000;
  /// Payload bytes a polling session may buffer for a client that does not
  /// fetch them; beyond it the session closes ("transport error").
  size_t max_buffered_bytes = 8u << 20;
  bool allow_polling = true;
  bool allow_websocket = true;
  /// Origins allowed to use polling cross-origin; "*" allows any. Empty: no CORS headers.
  std::vector<std::string> cors_origins;
};

struct http_options {
  uint32_t header_timeout_ms = 10000;  ///< a request's headers must arrive within this (slowloris)
  uint32_t idle_timeout_ms = 60000;    ///< keep-alive connection with no request
  size_t max_header_bytes = 8192;
};

struct server_options {
  eio_options eio;  ///< the Socket.IO endpoint
  /// Bare Engine.IO endpoints beside it (their own path and timings); the
  /// application gives each shard an acceptor for them.
  std::vector<eio_options> extra_endpoints;
  http_options http;
  /// Extra paths served from memory (exact match on the path without query).
  std::map<std::string, static_asset, std::less<>> assets;
};

}  // namespace sio::runtime
