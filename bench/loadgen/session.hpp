#pragma once
// One benchmark client: an Engine.IO v4 session carrying a Socket.IO v5
// connection to namespace "/", over a WebSocket, over HTTP long-polling, or
// opened by polling and then upgraded (PROTOCOL.md §2.4-2.8, §3.4). It answers
// pings, handles the open packet and the CONNECT ack, and hands every other
// Socket.IO packet to its client_shard, which runs the workload.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <sio/proto/eio/packet.hpp>

#include "channel_kind.hpp"
#include "options.hpp"

namespace sio::bench {

class client_shard;
class ws_channel;
class http_channel;

enum class session_state : uint8_t {
  idle,       // not started
  opening,    // connecting, waiting for the Engine.IO open packet
  joining,    // "40" sent, waiting for the CONNECT ack
  connected,  // CONNECT acked; a polling → WebSocket upgrade may still run
  ready,      // on its final transport: the workload may use it
  closed,     // failed, closed by the server, or closed by us
};

class session {
 public:
  /// `global_index` names the session across shards; `slot` is its index in
  /// its client_shard (workloads keep per-session arrays by slot).
  session(client_shard& owner, uint32_t global_index, uint32_t slot);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  /// Starts the handshake (TCP, then HTTP or WebSocket, then Engine.IO, then
  /// Socket.IO CONNECT). Failures come back through client_shard::on_session_closed.
  void start();
  /// Sends one Socket.IO packet; `sio_text` is the packet after the Engine.IO
  /// '4'. Over polling it is batched with anything else waiting for the POST.
  void send_sio(std::string_view sio_text);
  /// Closes every connection at once; no callback follows.
  void close();

  session_state state() const { return _state; }
  bool usable() const { return _state == session_state::ready; }
  uint32_t global_index() const { return _global; }
  uint32_t slot() const { return _slot; }
  /// When start() ran (CLOCK_MONOTONIC ns).
  uint64_t started_ns() const { return _started_ns; }

  // Services for the channels (per-shard buffers, reused; see client_shard).
  std::string& scratch();
  std::string& frame_buffer();
  std::string_view host_header() const;

  // Events from the channels.
  void on_ws_open();
  void on_eio_text(std::string_view text, bool padded);
  void on_http_response(channel_kind from, int status, std::string_view body);
  void on_channel_closed(channel_kind from, int err);

 private:
  enum class upgrade_step : uint8_t { none, probing, pausing, done };

  void on_eio_packet(const proto::eio::packet& p, bool padded);
  void on_open(std::string_view json);
  void on_sio(std::string_view text, bool padded);
  void send_eio(proto::eio::packet_type type, std::string_view data);
  void open_websocket();
  void poll();
  void flush_post();
  void maybe_finish_upgrade();
  void fail(int err);
  std::string target(std::string_view transport) const;

  client_shard* _owner;
  uint32_t _global;
  uint32_t _slot;
  session_state _state = session_state::idle;
  upgrade_step _upgrade = upgrade_step::none;
  bool _on_ws = false;  // the current transport is the WebSocket
  uint64_t _started_ns = 0;
  std::string _sid;
  std::string _poll_target;  // path?EIO=4&transport=polling&sid=…, built once
  std::string _outq;         // polling payload waiting for the POST connection
  std::unique_ptr<ws_channel> _ws;
  std::unique_ptr<http_channel> _get, _post;
};

}  // namespace sio::bench
