#pragma once
// The controller thread: walks the run through its phases (setup, measure,
// drain, done) by watching the shards' counters, prints the live progress line
// on stderr, measures CPU (this process and, given --server-pid, the server)
// and the server's RSS, and finally stops the engine. Every wait has a
// deadline: a run always ends by itself.

#include <atomic>
#include <cstdint>
#include <optional>

#include <sio/engine/engine.hpp>

#include "run_state.hpp"

namespace sio::bench {

struct controller_result {
  double window_s = 0;        // the measured window
  uint64_t window_count = 0;  // headline events inside it (connects, acks, deliveries)
  double generator_cpu_pct = 0;
  std::optional<double> server_cpu_pct;
  std::optional<uint64_t> server_rss_before, server_rss_after;
  bool setup_failed = false;  // nothing became usable in time
  bool interrupted = false;
};

class run_controller {
 public:
  run_controller(engine::engine& e, run_state& run);
  /// The thread body. Returns after engine.stop() was called and the main
  /// thread reported (main_done) that engine.run() returned, or exits the
  /// process if the engine does not stop within a grace period.
  void run();
  /// Set by the main thread once engine.run() has returned.
  std::atomic<bool> main_done{false};
  const controller_result& result() const { return _result; }

  /// Set from a signal handler: end the current phase early.
  static std::atomic<bool> interrupted;

 private:
  void run_connect();
  void run_window();
  /// Sleeps in small steps until `done()` or `seconds` passed, printing
  /// progress; false on timeout or interruption.
  template <class Pred>
  bool wait_for(double seconds, Pred done);
  void progress(bool force);
  uint64_t headline() const;
  void sample_rss(std::optional<uint64_t>& into) const;

  engine::engine* _engine;
  run_state* _run;
  controller_result _result;
  double _t0 = 0;
  double _last_print = 0;
  uint64_t _last_count = 0;
  double _last_count_t = 0;
  bool _tty = false;
  bool _line_open = false;
};

}  // namespace sio::bench
