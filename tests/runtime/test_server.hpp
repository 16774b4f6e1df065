#pragma once
// A sioring server on an ephemeral loopback port, run on its own thread for
// the length of a test, and a blocking raw client to poke it byte by byte.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <sio/proto/ws/ws.hpp>
#include <sio/runtime/server.hpp>

namespace sio::test {

/// Starts `srv` (configured by `setup`) and stops it in the destructor.
class running_server {
 public:
  running_server(engine::io_backend io,
                 const std::function<void(runtime::server_config&)>& configure = {},
                 const std::function<void(runtime::server&)>& setup = {}) {
    runtime::server_config cfg;
    cfg.engine.port = 0;
    cfg.engine.shards = 2;
    cfg.engine.io = io;
    cfg.engine.pin_threads = false;
    if (configure) configure(cfg);
    _srv = std::make_unique<runtime::server>(cfg);
    if (setup) setup(*_srv);
    _rc = _srv->start();
    if (_rc == 0) _loop = std::thread([this] { _srv->run(); });
  }
  ~running_server() {
    if (_rc == 0) {
      _srv->stop(1000);
      _loop.join();
    }
  }
  int start_result() const { return _rc; }
  uint16_t port() const { return _srv->port(); }
  runtime::server& get() { return *_srv; }

 private:
  std::unique_ptr<runtime::server> _srv;
  std::thread _loop;
  int _rc = -1;
};

/// A blocking TCP client with a receive timeout, speaking raw bytes.
class raw_client {
 public:
  explicit raw_client(uint16_t port, int timeout_s = 5) {
    _fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeout_s, 0};
    setsockopt(_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    _ok = ::connect(_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~raw_client() { ::close(_fd); }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;
  bool ok() const { return _ok; }

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }
  void send_frame(proto::ws::opcode op, std::string_view payload) {
    std::string frame;
    proto::ws::append_masked_frame(frame, op, payload, 0x37fa213d);
    write(frame);
  }
  void send_text(std::string_view text) { send_frame(proto::ws::opcode::text, text); }

  /// Reads until `needle` is in what was received (false on timeout/close).
  bool read_until(std::string_view needle) {
    while (_in.find(needle) == std::string::npos) {
      if (!read_some()) return false;
    }
    return true;
  }
  /// Reads until the peer closes (true) or the timeout passes (false).
  bool read_until_closed() {
    while (read_some()) {
    }
    return _closed;
  }
  const std::string& received() const { return _in; }
  void clear() { _in.clear(); }

  /// WebSocket handshake on `target`; true when the open packet arrived.
  bool upgrade(std::string_view target) {
    std::string req;
    proto::ws::append_upgrade_request(req, "127.0.0.1", target, "dGhlIHNhbXBsZSBub25jZQ==");
    write(req);
    return read_until("\"maxPayload\":");
  }

 private:
  bool read_some() {
    char buf[8192];
    ssize_t n = ::recv(_fd, buf, sizeof buf, 0);
    if (n == 0) _closed = true;
    if (n <= 0) return false;
    _in.append(buf, static_cast<size_t>(n));
    return true;
  }
  int _fd = -1;
  bool _ok = false;
  bool _closed = false;
  std::string _in;
};

inline std::string reactor_name(const ::testing::TestParamInfo<engine::io_backend>& info) {
  return engine::to_string(info.param);
}

}  // namespace sio::test
