#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sio::engine {

/// Which reactor a shard runs: io_uring, epoll, or io_uring when it works here.
enum class io_backend : uint8_t { automatic, uring, epoll };

/// "auto", "uring" or "epoll".
const char* to_string(io_backend b);
/// Parses "auto" | "uring" | "epoll"; nullopt for anything else.
std::optional<io_backend> parse_io_backend(std::string_view s);

/// Probes whether `b` can run in this process: for uring, sets up a ring with
/// a provided-buffer ring and checks multishot accept/recv on a socket pair;
/// epoll and automatic always work. On failure `why` (when given) says why,
/// e.g. "io_uring_setup: Operation not permitted". Thread-safe; costs a few
/// system calls, so call it once.
bool io_backend_available(io_backend b, std::string* why = nullptr);

}  // namespace sio::engine
