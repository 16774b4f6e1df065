#include "proc_stats.hpp"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <iterator>
#include <string>

namespace sio::bench {

namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<uint64_t> to_u64(std::string_view s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p == s.data()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<uint64_t> parse_stat_cpu_ticks(std::string_view text) {
  // proc(5): "pid (comm) state ppid ..."; utime and stime are fields 14 and 15,
  // i.e. the 12th and 13th after the closing parenthesis of comm.
  const size_t close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  text.remove_prefix(close + 1);
  uint64_t ticks = 0;
  for (int field = 3; field <= 15; ++field) {
    const size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) return std::nullopt;
    text.remove_prefix(start);
    const size_t end = text.find(' ');
    const std::string_view value = text.substr(0, end);
    if (field >= 14) {
      auto v = to_u64(value);
      if (!v) return std::nullopt;
      ticks += *v;
    }
    if (end == std::string_view::npos) {
      if (field < 15) return std::nullopt;
      break;
    }
    text.remove_prefix(end);
  }
  return ticks;
}

std::optional<uint64_t> parse_status_rss_kib(std::string_view text) {
  const size_t at = text.find("VmRSS:");
  if (at == std::string_view::npos) return std::nullopt;
  text.remove_prefix(at + 6);
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return std::nullopt;
  return to_u64(text.substr(start));
}

std::optional<double> process_cpu_seconds(int pid) {
  auto text = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!text) return std::nullopt;
  auto ticks = parse_stat_cpu_ticks(*text);
  if (!ticks) return std::nullopt;
  return static_cast<double>(*ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::optional<uint64_t> process_rss_bytes(int pid) {
  auto text = read_file("/proc/" + std::to_string(pid) + "/status");
  if (!text) return std::nullopt;
  auto kib = parse_status_rss_kib(*text);
  if (!kib) return std::nullopt;
  return *kib * 1024;
}

double self_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

uint64_t mono_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

double mono_s() {
  return static_cast<double>(mono_ns()) / 1e9;
}

std::optional<double> cpu_meter::sample() const {
  if (_pid == 0) return self_cpu_seconds();
  return process_cpu_seconds(_pid);
}

void cpu_meter::start() {
  _cpu0 = sample();
  _wall0 = mono_s();
}

void cpu_meter::stop() {
  _cpu1 = sample();
  _wall1 = mono_s();
}

std::optional<double> cpu_meter::cpu_seconds() const {
  if (!_cpu0 || !_cpu1) return std::nullopt;
  return *_cpu1 - *_cpu0;
}

std::optional<double> cpu_meter::percent() const {
  auto cpu = cpu_seconds();
  if (!cpu || _wall1 <= _wall0) return std::nullopt;
  return 100.0 * *cpu / (_wall1 - _wall0);
}

}  // namespace sio::bench
