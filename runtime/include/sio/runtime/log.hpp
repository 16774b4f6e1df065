#pragma once
// One line per significant event on stderr: time, level, shard, message.
// Payloads and tokens are never logged.

#include <cstdint>
#include <string_view>

namespace sio::runtime {

enum class log_level : uint8_t { debug, info, warn, error, off };

/// Parses "debug" | "info" | "warn" | "error" | "off" (info when unknown).
log_level parse_log_level(std::string_view s);
/// Process-wide threshold (atomic; set once at start-up).
void set_log_level(log_level l);
bool log_enabled(log_level l);
/// printf-style; one write(2) per line so lines from shards never interleave.
void log(log_level l, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

}  // namespace sio::runtime
