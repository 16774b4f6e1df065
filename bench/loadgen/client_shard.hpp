#pragma once
// The load generator's work on one engine shard: it owns this shard's sessions,
// opens them at the requested pace, runs the workload (echo or fanout) on the
// ready ones, and counts. Everything here runs on the shard's thread; the
// controller thread only reads run_state counters and sets the phase.

#include <netinet/in.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include <sio/engine/engine.hpp>
#include <sio/engine/shard.hpp>
#include <sio/engine/timer.hpp>
#include <sio/proto/sio/decoder.hpp>

#include "histogram.hpp"
#include "run_state.hpp"

namespace sio::bench {

class session;
class echo_workload;
class fanout_workload;

class client_shard final : public engine::listener_handler {
 public:
  client_shard(engine::shard& s, run_state& run);
  ~client_shard();
  client_shard(const client_shard&) = delete;
  client_shard& operator=(const client_shard&) = delete;

  /// Creates this shard's sessions and starts pacing: on the shard's thread.
  void start();

  // engine::listener_handler: the generator listens on nothing.
  engine::stream_handler* on_accept(engine::shard& s, engine::conn_id id) override;
  /// The run is over: close every session at once.
  void on_shutdown(engine::shard& s) override;

  // Services for sessions and channels.
  engine::shard& shard() { return *_shard; }
  const bench_options& options() const { return _run->opts; }
  const sockaddr_in& target_addr() const { return _target; }
  /// The source address of session `global_index`, or nullptr to let the kernel pick.
  const sockaddr_in* source_addr(uint32_t global_index) const;
  std::string_view host_header() const { return _host; }
  /// Per-shard buffers, valid until the next use by anyone on this shard.
  std::string& scratch() { return _scratch; }
  std::string& frame_buffer() { return _frame; }
  std::string& binary_scratch() { return _binary; }
  simdjson::dom::parser& json_parser() { return _json; }
  proto::sio::decoder& sio_decoder() { return _sio; }
  uint64_t next_random();
  shard_counters& counters() { return *_c; }
  run_phase phase() const { return _phase; }
  /// Catches up with the controller's phase now rather than at the next tick
  /// (a message from a shard that already saw the window open is arriving).
  void sync_phase();

  // Session events.
  void on_session_connected(session& s);
  void on_session_ready(session& s);
  void on_session_closed(session& s, bool established, int err);
  void on_sio_packet(session& s, std::string_view text, bool padded);

  // Results, read by the main thread once the engine has stopped.
  const histogram& handshake_latency() const { return _handshake; }
  const histogram& latency() const { return _latency; }
  histogram& latency() { return _latency; }
  const fanout_workload* fanout() const { return _fanout.get(); }
  const echo_workload* echo() const { return _echo.get(); }

 private:
  static void on_tick(engine::timer& t);
  void tick();
  void start_sessions();
  void expire_handshakes(uint64_t now_ns);
  void enter(run_phase p);

  engine::shard* _shard;
  run_state* _run;
  shard_counters* _c;
  sockaddr_in _target{};
  std::vector<sockaddr_in> _sources;
  std::string _host;
  std::string _scratch, _frame, _binary;
  simdjson::dom::parser _json;
  proto::sio::decoder _sio;
  std::vector<std::unique_ptr<session>> _sessions;  // by slot
  size_t _next_start = 0;                           // next slot to start
  uint32_t _inflight = 0;                           // handshakes under way
  uint32_t _inflight_cap = 1;
  double _rate = 0;  // connect: new sessions/s on this shard (0 = flat out)
  uint64_t _t0_ns = 0;
  uint64_t _last_expiry_scan_ns = 0;
  uint64_t _rng;
  engine::timer _tick;
  uint32_t _tick_ms = 5;
  run_phase _phase = run_phase::setup;
  bool _shutting_down = false;
  bool _starting = false;  // inside start_sessions
  histogram _handshake;
  histogram _latency;
  std::unique_ptr<echo_workload> _echo;
  std::unique_ptr<fanout_workload> _fanout;
};

}  // namespace sio::bench
