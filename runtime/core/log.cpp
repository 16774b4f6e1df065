#include <sio/engine/shard.hpp>
#include <sio/runtime/log.hpp>

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace sio::runtime {

namespace {
std::atomic<log_level> g_level{log_level::info};
constexpr const char* names[] = {"debug", "info", "warn", "error", "off"};
}  // namespace

log_level parse_log_level(std::string_view s) {
  for (int i = 0; i < 5; ++i) {
    if (s == names[i]) return static_cast<log_level>(i);
  }
  return log_level::info;
}

void set_log_level(log_level l) {
  g_level.store(l, std::memory_order_relaxed);
}

bool log_enabled(log_level l) {
  return l >= g_level.load(std::memory_order_relaxed) && l != log_level::off;
}

void log(log_level l, const char* fmt, ...) {
  if (!log_enabled(l)) return;
  char line[1024];
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  int n = std::snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ %-5s ",
                        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                        tm.tm_sec, static_cast<int>(ms % 1000), names[static_cast<int>(l)]);
  if (const engine::shard* s = engine::shard::current()) {
    n += std::snprintf(line + n, sizeof line - static_cast<size_t>(n), "[shard %u] ", s->index());
  }
  va_list ap;
  va_start(ap, fmt);
  int m = std::vsnprintf(line + n, sizeof line - static_cast<size_t>(n) - 1, fmt, ap);
  va_end(ap);
  size_t len =
      static_cast<size_t>(n) +
      (m < 0 ? 0
             : std::min<size_t>(static_cast<size_t>(m), sizeof line - static_cast<size_t>(n) - 2));
  line[len++] = '\n';
  std::fwrite(line, 1, len, stderr);
}

}  // namespace sio::runtime
