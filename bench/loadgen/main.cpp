// sioring-bench: a Socket.IO v4 load generator on sioring's own engine and
// codecs. See README.md in this folder.

#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sio/engine/engine.hpp>
#include <sio/engine/shard.hpp>

#include "client_shard.hpp"
#include "echo_workload.hpp"
#include "fanout_workload.hpp"
#include "options.hpp"
#include "report.hpp"
#include "run_controller.hpp"
#include "run_state.hpp"

namespace sio::bench {
namespace {

extern "C" void on_signal(int) {
  run_controller::interrupted.store(true);
}

// Raises the soft fd limit to the hard one and checks the run fits in it.
bool check_fd_limit(const bench_options& o) {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
  }
  const uint64_t need = uint64_t{o.total_sessions()} * o.fds_per_session() + 64;
  if (need <= rl.rlim_cur) return true;
  std::fprintf(stderr,
               "sioring-bench: %u sessions over %s need about %llu file descriptors, but this "
               "process may hold %llu.\nRun several sioring-bench processes, each with a share "
               "of --connections and its own --source-ips range (see README.md).\n",
               o.total_sessions(), to_string(o.transport), static_cast<unsigned long long>(need),
               static_cast<unsigned long long>(rl.rlim_cur));
  return false;
}

run_results collect(const bench_options& o, const run_state& run, const controller_result& c,
                    const std::vector<std::unique_ptr<client_shard>>& shards, const char* io) {
  run_results r;
  r.mode = o.mode;
  r.transport = o.transport;
  r.url = o.url;
  r.io = io;
  r.threads = o.threads;
  r.payload = o.payload;
  r.depth = o.depth;
  r.publishers = o.mode == bench_mode::fanout ? o.publishers : 0;
  r.target_connections = o.connections;
  r.connected = run.total(&shard_counters::connected);
  r.connect_errors = run.total(&shard_counters::errors);
  r.disconnects = run.total(&shard_counters::disconnects);
  for (unsigned i = 0; i < o.threads; ++i) {
    if (const int err = run.counters[i].last_error.load(); err < 0) {
      const char* name = strerrorname_np(-err);
      r.last_error = name ? name : std::to_string(err);
    }
  }
  r.elapsed_s = c.window_s;
  r.throughput = c.window_s > 0 ? static_cast<double>(c.window_count) / c.window_s : 0;
  r.sent = run.total(&shard_counters::sent);
  r.acked = run.total(&shard_counters::acked);
  r.bad_acks = run.total(&shard_counters::bad);
  r.duplicated = run.total(&shard_counters::duplicated);
  r.hold_s = o.mode == bench_mode::connect ? o.hold_s : 0;
  r.generator_cpu_pct = c.generator_cpu_pct;
  r.server_cpu_pct = c.server_cpu_pct;
  r.server_rss_before = c.server_rss_before;
  r.server_rss_after = c.server_rss_after;
  for (const auto& s : shards) {
    if (!s) continue;
    r.latency.merge(o.mode == bench_mode::connect ? s->handshake_latency() : s->latency());
  }
  if (o.mode == bench_mode::echo) r.lost = r.sent - std::min(r.sent, r.acked);
  if (o.mode == bench_mode::fanout) {
    std::vector<uint64_t> sent(o.publishers, 0);
    for (const auto& s : shards) {
      if (!s || !s->fanout()) continue;
      for (auto [p, n] : s->fanout()->sent_by_publisher()) sent[p] = n;
    }
    for (const auto& s : shards) {
      if (s && s->fanout()) s->fanout()->tally(sent, r.expected, r.delivered);
    }
    r.lost = r.expected - std::min(r.expected, r.delivered);
  }
  return r;
}

int run_main(int argc, char** argv) {
  bench_options o;
  const parse_outcome parsed = parse_options(argc, argv, o);
  if (parsed.exit_code >= 0) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  if (!check_fd_limit(o)) return 2;

  engine::engine_options eo;
  eo.shards = o.threads;
  eo.io = *engine::parse_io_backend(o.io);
  eo.listen = false;
  // The generator is placed with taskset by whoever runs it: pinning shard i
  // to core i would override that and land on the server's core.
  eo.pin_threads = false;

  run_state run(o);
  // Declared before the engine: the handlers must outlive it.
  std::vector<std::unique_ptr<client_shard>> shards(o.threads);
  engine::engine eng(eo);
  const int rc = eng.start([&](engine::shard& s) -> engine::listener_handler* {
    auto& slot = shards[s.index()];
    slot = std::make_unique<client_shard>(s, run);
    client_shard* cs = slot.get();
    s.post([cs] { cs->start(); });
    return cs;
  });
  if (rc < 0) {
    std::fprintf(stderr, "sioring-bench: engine start failed: %d\n", rc);
    return 1;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);

  run_controller ctl(eng, run);
  std::thread control([&] { ctl.run(); });
  eng.run();
  ctl.main_done.store(true);
  control.join();

  const controller_result& c = ctl.result();
  const run_results r = collect(o, run, c, shards, engine::to_string(eng.backend()));
  if (c.setup_failed) {
    std::fprintf(stderr, "sioring-bench: no session became usable within --setup-timeout %.1f s\n",
                 o.setup_timeout_s);
  }
  const std::string summary = format_summary(r);
  if (o.json) {
    std::fputs(summary.c_str(), stderr);
    std::fputs(format_json(r).c_str(), stdout);
  } else {
    std::fputs(summary.c_str(), stdout);
  }
  std::fflush(stdout);
  if (r.connected == 0 || c.setup_failed) return 1;
  return c.interrupted ? 130 : 0;
}

}  // namespace
}  // namespace sio::bench

int main(int argc, char** argv) {
  return sio::bench::run_main(argc, argv);
}
