#include "client_shard.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cmath>

#include "echo_workload.hpp"
#include "fanout_workload.hpp"
#include "proc_stats.hpp"
#include "session.hpp"

namespace sio::bench {

namespace {
// A handshake that has not reached the CONNECT ack by then counts as failed
// (a SYN lost to a full accept queue is retried after 1, 3, 7 s: allow two).
constexpr uint64_t handshake_timeout_ns = 15'000'000'000;
}  // namespace

client_shard::client_shard(engine::shard& s, run_state& run)
    : _shard(&s),
      _run(&run),
      _c(&run.counters[s.index()]),
      _rng(0x243f6a8885a308d3u ^ (uint64_t{s.index()} << 32) ^ mono_ns()),
      _tick(&client_shard::on_tick, this) {
  const bench_options& o = run.opts;
  _target.sin_family = AF_INET;
  _target.sin_port = htons(o.target.port);
  _target.sin_addr.s_addr = htonl(o.target.ipv4);
  for (uint32_t ip : o.source_ips) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(ip);
    _sources.push_back(a);
  }
  _host = o.target.host;
  if (o.target.port != 80) _host += ':' + std::to_string(o.target.port);
}

client_shard::~client_shard() = default;

const sockaddr_in* client_shard::source_addr(uint32_t global_index) const {
  if (_sources.empty()) return nullptr;
  return &_sources[global_index % _sources.size()];
}

uint64_t client_shard::next_random() {
  // splitmix64: cheap, good enough for WebSocket keys and masks.
  uint64_t z = (_rng += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

engine::stream_handler* client_shard::on_accept(engine::shard&, engine::conn_id) {
  return nullptr;  // engine_options::listen is false: never called
}

void client_shard::start() {
  const bench_options& o = _run->opts;
  const unsigned shards = o.threads;
  const unsigned me = _shard->index();
  const uint32_t total = o.total_sessions();
  // Session g lives on shard g % shards: receivers and publishers spread evenly.
  for (uint32_t g = me; g < total; g += shards) {
    _sessions.push_back(
        std::make_unique<session>(*this, g, static_cast<uint32_t>(_sessions.size())));
  }
  _inflight_cap = std::max<uint32_t>(1, o.inflight / shards);
  if (o.mode == bench_mode::connect && o.rate > 0) {
    _rate = static_cast<double>(o.rate) * static_cast<double>(_sessions.size()) / total;
  }
  if (o.mode == bench_mode::echo) _echo = std::make_unique<echo_workload>(*this, _sessions.size());
  if (o.mode == bench_mode::fanout) {
    _fanout = std::make_unique<fanout_workload>(*this, _sessions.size());
  }
  const bool paced = _rate > 0 || (o.mode == bench_mode::fanout && o.rate > 0);
  _tick_ms = paced ? 1 : 5;
  _t0_ns = mono_ns();
  start_sessions();
  _shard->timers().arm(_tick, _tick_ms);
}

void client_shard::on_tick(engine::timer& t) {
  static_cast<client_shard*>(t.ctx)->tick();
}

void client_shard::tick() {
  if (_shutting_down) return;
  sync_phase();
  const uint64_t now = mono_ns();
  if (_phase == run_phase::setup || options().mode == bench_mode::connect) start_sessions();
  if (now - _last_expiry_scan_ns > 250'000'000) {
    _last_expiry_scan_ns = now;
    expire_handshakes(now);
  }
  if (_fanout && _phase == run_phase::measure) _fanout->pump(now);
  _shard->timers().arm(_tick, _tick_ms);
}

void client_shard::sync_phase() {
  const run_phase p = _run->phase.load(std::memory_order_acquire);
  if (p != _phase) enter(p);
}

void client_shard::enter(run_phase p) {
  const run_phase old = _phase;
  _phase = p;
  if (p == run_phase::measure && old == run_phase::setup) {
    if (_echo) {
      for (auto& s : _sessions) {
        if (s->usable()) _echo->begin(*s);
      }
    }
    if (_fanout) _fanout->begin(_sessions);
  }
}

void client_shard::start_sessions() {
  // A session that fails at once reports back inside start(), which calls here
  // again: the outer loop carries on instead of recursing.
  if (_starting || _next_start >= _sessions.size()) return;
  if (options().mode == bench_mode::connect && _phase != run_phase::setup) return;
  size_t allowed = _sessions.size();
  if (_rate > 0) {
    const double elapsed = static_cast<double>(mono_ns() - _t0_ns) / 1e9;
    allowed = std::min(allowed, static_cast<size_t>(std::floor(elapsed * _rate)) + 1);
  }
  _starting = true;
  while (_next_start < allowed && _inflight < _inflight_cap && !_shutting_down) {
    session& s = *_sessions[_next_start++];
    ++_inflight;
    bump(_c->started);
    s.start();  // may fail at once: on_session_closed then runs inside
  }
  _starting = false;
}

void client_shard::expire_handshakes(uint64_t now_ns) {
  for (size_t i = 0; i < _next_start; ++i) {
    session& s = *_sessions[i];
    const session_state st = s.state();
    if ((st == session_state::opening || st == session_state::joining) &&
        now_ns > s.started_ns() + handshake_timeout_ns) {
      s.close();
      on_session_closed(s, false, -ETIMEDOUT);
    }
  }
}

void client_shard::on_session_connected(session& s) {
  const uint64_t now = mono_ns();
  --_inflight;
  _handshake.record(now - s.started_ns());
  bump(_c->connected);
  _c->last_connected_ns.store(now, std::memory_order_relaxed);
  if (_rate == 0) start_sessions();
}

void client_shard::on_session_ready(session& s) {
  bump(_c->ready);
  if (_echo && _phase == run_phase::measure) _echo->begin(s);
  if (_fanout) _fanout->on_ready(s);
}

void client_shard::on_session_closed(session& s, bool established, int err) {
  if (_shutting_down) return;
  _c->last_error.store(err, std::memory_order_relaxed);
  if (!established) {
    --_inflight;
    bump(_c->errors);
    if (_rate == 0) start_sessions();
    return;
  }
  bump(_c->disconnects);
  if (_echo) _echo->on_closed(s);
  if (_fanout) _fanout->on_closed(s);
}

void client_shard::on_sio_packet(session& s, std::string_view text, bool padded) {
  if (_echo) return _echo->on_packet(s, text, padded);
  if (_fanout) return _fanout->on_packet(s, text, padded);
  // connect: the server has nothing to say beyond pings, which Engine.IO handles.
}

void client_shard::on_shutdown(engine::shard&) {
  _shutting_down = true;
  _shard->timers().cancel(_tick);
  for (auto& s : _sessions) s->close();
}

}  // namespace sio::bench
