#include "run_controller.hpp"

#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <thread>

#include "proc_stats.hpp"

namespace sio::bench {

std::atomic<bool> run_controller::interrupted{false};

namespace {

constexpr double drain_limit_s = 3.0;  // answers still in flight after the window
constexpr double stop_grace_s = 10.0;  // engine.stop() to engine.run() returning

const char* phase_name(run_phase p) {
  switch (p) {
    case run_phase::setup:
      return "setup";
    case run_phase::measure:
      return "measure";
    case run_phase::drain:
      return "drain";
    case run_phase::done:
      return "done";
  }
  return "?";
}

}  // namespace

run_controller::run_controller(engine::engine& e, run_state& run)
    : _engine(&e), _run(&run), _tty(isatty(STDERR_FILENO) == 1) {}

uint64_t run_controller::headline() const {
  switch (_run->opts.mode) {
    case bench_mode::connect:
      return _run->total(&shard_counters::connected);
    case bench_mode::echo:
      return _run->total(&shard_counters::acked);
    case bench_mode::fanout:
      return _run->total(&shard_counters::delivered);
  }
  return 0;
}

void run_controller::sample_rss(std::optional<uint64_t>& into) const {
  if (_run->opts.server_pid > 0) into = process_rss_bytes(_run->opts.server_pid);
}

template <class Pred>
bool run_controller::wait_for(double seconds, Pred done) {
  const double until = mono_s() + seconds;
  for (;;) {
    if (done()) return true;
    if (interrupted.load(std::memory_order_relaxed) || main_done.load() || mono_s() >= until) {
      return false;
    }
    progress(false);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void run_controller::progress(bool force) {
  if (_run->opts.quiet) return;
  const double now = mono_s();
  const double period = _tty ? 0.25 : 1.0;
  if (!force && now - _last_print < period) return;
  _last_print = now;
  const uint64_t count = headline();
  const double dt = now - _last_count_t;
  const double rate = dt > 0 ? static_cast<double>(count - _last_count) / dt : 0;
  _last_count = count;
  _last_count_t = now;
  const run_state& r = *_run;
  const bench_options& o = r.opts;
  char line[320];
  int n = std::snprintf(line, sizeof line, "[%6.1fs] %s %-7s %" PRIu64 "/%u up", now - _t0,
                        to_string(o.mode),
                        o.mode == bench_mode::connect && r.phase.load() == run_phase::drain
                            ? "hold"
                            : phase_name(r.phase.load()),
                        o.mode == bench_mode::connect ? r.total(&shard_counters::connected)
                                                      : r.total(&shard_counters::ready),
                        o.total_sessions());
  auto more = [&](const char* fmt, auto... args) {
    if (n > 0 && static_cast<size_t>(n) < sizeof line) {
      n += std::snprintf(line + n, sizeof line - static_cast<size_t>(n), fmt, args...);
    }
  };
  switch (o.mode) {
    case bench_mode::connect:
      more("  %.0f conn/s", rate);
      break;
    case bench_mode::echo:
      more("  %.0f acks/s  sent %" PRIu64 "  acked %" PRIu64, rate, r.total(&shard_counters::sent),
           r.total(&shard_counters::acked));
      break;
    case bench_mode::fanout:
      more("  joined %" PRIu64 "  %.0f msg/s  broadcasts %" PRIu64 "  delivered %" PRIu64,
           r.total(&shard_counters::joined), rate, r.total(&shard_counters::sent),
           r.total(&shard_counters::delivered));
      break;
  }
  more("  errors %" PRIu64 "  drops %" PRIu64, r.total(&shard_counters::errors),
       r.total(&shard_counters::disconnects));
  if (_tty) {
    std::fprintf(stderr, "\r%s\033[K", line);
    _line_open = true;
  } else {
    std::fprintf(stderr, "%s\n", line);
  }
  std::fflush(stderr);
}

void run_controller::run() {
  _t0 = mono_s();
  _last_count_t = _t0;
  if (_run->opts.mode == bench_mode::connect) {
    sample_rss(_result.server_rss_before);  // memory per connection: connect mode only
    run_connect();
  } else {
    run_window();
  }
  _result.interrupted = interrupted.load();
  _run->phase.store(run_phase::done, std::memory_order_release);
  progress(true);
  if (_line_open) std::fputc('\n', stderr);
  _engine->stop(2000);
  const double until = mono_s() + stop_grace_s;
  while (!main_done.load()) {
    if (mono_s() > until) {
      std::fprintf(stderr, "sioring-bench: the engine did not stop within %.0f s; exiting\n",
                   stop_grace_s);
      _exit(3);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void run_controller::run_connect() {
  const bench_options& o = _run->opts;
  cpu_meter self, server(o.server_pid);
  self.start();
  if (o.server_pid > 0) server.start();
  const double start = mono_s();
  const uint64_t start_ns = mono_ns();
  const uint64_t target = o.connections;
  const bool all = wait_for(o.duration_s, [&] {
    return _run->total(&shard_counters::connected) + _run->total(&shard_counters::errors) >= target;
  });
  self.stop();
  if (o.server_pid > 0) server.stop();
  _run->phase.store(run_phase::drain, std::memory_order_release);  // start no more
  _result.window_count = _run->total(&shard_counters::connected);
  // The window ends with the last CONNECT ack when everything connected in time.
  uint64_t last_ns = 0;
  for (unsigned i = 0; i < o.threads; ++i) {
    last_ns = std::max(last_ns, _run->counters[i].last_connected_ns.load());
  }
  _result.window_s =
      all && last_ns > start_ns ? static_cast<double>(last_ns - start_ns) / 1e9 : mono_s() - start;
  _result.generator_cpu_pct = self.percent().value_or(0);
  _result.server_cpu_pct = server.percent();
  if (o.hold_s > 0) {
    // Idle: the sessions only answer pings; nothing to wait for but the clock.
    wait_for(o.hold_s, [] { return false; });
  }
  sample_rss(_result.server_rss_after);
}

void run_controller::run_window() {
  const bench_options& o = _run->opts;
  const uint64_t total = o.total_sessions();
  const bool fanout = o.mode == bench_mode::fanout;
  // Setup: everyone connected (and every receiver in the room), or as many as
  // made it before the setup timeout.
  wait_for(o.setup_timeout_s, [&] {
    const uint64_t ready = _run->total(&shard_counters::ready);
    const uint64_t failed = _run->total(&shard_counters::errors);
    if (ready + failed < total) return false;
    return !fanout || _run->total(&shard_counters::joined) + failed >= o.connections;
  });
  const uint64_t ready = _run->total(&shard_counters::ready);
  if (ready == 0 || interrupted.load() || (fanout && _run->total(&shard_counters::joined) == 0)) {
    _result.setup_failed = true;
    return;
  }
  cpu_meter self, server(o.server_pid);
  self.start();
  if (o.server_pid > 0) server.start();
  const uint64_t count0 = headline();
  const double start = mono_s();
  _run->measure_start_ns.store(mono_ns());
  _run->phase.store(run_phase::measure, std::memory_order_release);
  wait_for(o.duration_s, [] { return false; });
  _result.window_count = headline() - count0;
  _result.window_s = mono_s() - start;
  self.stop();
  if (o.server_pid > 0) server.stop();
  _result.generator_cpu_pct = self.percent().value_or(0);
  _result.server_cpu_pct = server.percent();
  _run->phase.store(run_phase::drain, std::memory_order_release);
  // Drain: every request answered and, for fanout, every broadcast delivered
  // to every counted receiver still connected.
  wait_for(drain_limit_s, [&] {
    const uint64_t sent = _run->total(&shard_counters::sent);
    if (_run->total(&shard_counters::acked) < sent) return false;
    if (!fanout) return true;
    const uint64_t receivers =
        _run->total(&shard_counters::counted) - _run->total(&shard_counters::counted_lost);
    return _run->total(&shard_counters::delivered) >= sent * receivers;
  });
}

}  // namespace sio::bench
