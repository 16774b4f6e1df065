#pragma once
// CPU and memory figures of this process (getrusage) and of the server under
// test (/proc/<pid>/stat and /proc/<pid>/status), so a report shows who was
// the bottleneck.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sio::bench {

/// utime + stime, in clock ticks, from the text of /proc/<pid>/stat (the comm
/// field may hold spaces and parentheses: fields are counted after the last ')').
std::optional<uint64_t> parse_stat_cpu_ticks(std::string_view stat_text);
/// VmRSS in KiB from the text of /proc/<pid>/status.
std::optional<uint64_t> parse_status_rss_kib(std::string_view status_text);

/// CPU seconds (user + system) used so far by process `pid`; nullopt when it
/// cannot be read (gone, no permission).
std::optional<double> process_cpu_seconds(int pid);
/// Resident set size of process `pid` in bytes.
std::optional<uint64_t> process_rss_bytes(int pid);
/// CPU seconds (user + system) used so far by this process, all threads.
double self_cpu_seconds();

/// A CPU-use measurement over an interval: start() then stop(); percent of one
/// core (200 = two cores busy).
class cpu_meter {
 public:
  /// pid 0 measures this process.
  explicit cpu_meter(int pid = 0) : _pid(pid) {}
  void start();
  void stop();
  /// Percent of one core over [start, stop]; nullopt when unreadable.
  std::optional<double> percent() const;
  std::optional<double> cpu_seconds() const;

 private:
  std::optional<double> sample() const;
  int _pid;
  std::optional<double> _cpu0, _cpu1;
  double _wall0 = 0, _wall1 = 0;
};

/// CLOCK_MONOTONIC in nanoseconds / seconds.
uint64_t mono_ns();
double mono_s();

}  // namespace sio::bench
