#pragma once
// A Socket.IO namespace definition: its connection middleware, connection
// handlers and namespace-wide event handlers. Defined once for the server and
// shared by every shard (read-only once the server runs); each shard keeps its
// own sockets and rooms for it.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sio/runtime/socket.hpp>

namespace sio::runtime {

class server;
class broadcast_op;

/// A refused connection: the client gets CONNECT_ERROR {"message":…,"data":…}.
struct connect_error {
  std::string message;
  std::string data_json;  ///< raw JSON; "" for no "data" key
};

/// Continues (no error) or refuses the connection. Call it exactly once, on the
/// socket's shard, possibly later (an asynchronous lookup).
using next_fn = std::function<void(std::optional<connect_error>)>;
using middleware = std::function<void(socket&, next_fn)>;
using connection_handler = std::function<void(socket&)>;

class nsp {
 public:
  nsp(server& srv, uint32_t index, std::string name);

  const std::string& name() const { return _name; }
  uint32_t index() const { return _index; }
  server& owner() const { return *_server; }

  /// Connection middleware, run in order for each CONNECT.
  nsp& use(middleware m);
  nsp& on_connection(connection_handler h);
  /// A handler for `event` on every socket of this namespace.
  nsp& on(std::string_view event, event_handler h);

  /// Broadcast operators over every shard.
  broadcast_op to(std::string_view room);
  broadcast_op in(std::string_view room);
  broadcast_op except(std::string_view room);
  broadcast_op local();
  broadcast_op volatile_();
  broadcast_op timeout(uint32_t ms);
  /// To every socket of the namespace.
  void emit(std::string_view event, const emit_args& a = {});
  template <class... A>
  void emit(std::string_view event, const A&... a) {
    emit(event, emit_args(a...));
  }

  // --- runtime internals -------------------------------------------------------------
  const std::vector<middleware>& middlewares() const { return _middlewares; }
  const std::vector<connection_handler>& connection_handlers() const { return _on_connection; }
  const event_handler* find_handler(std::string_view event) const;

 private:
  server* _server;
  uint32_t _index;
  std::string _name;
  std::vector<middleware> _middlewares;
  std::vector<connection_handler> _on_connection;
  std::vector<std::pair<std::string, event_handler>> _handlers;
};

}  // namespace sio::runtime
