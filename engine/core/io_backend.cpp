#include <sio/engine/io_backend.hpp>

#include "uring/uring_reactor.hpp"

namespace sio::engine {

const char* to_string(io_backend b) {
  switch (b) {
    case io_backend::automatic:
      return "auto";
    case io_backend::uring:
      return "uring";
    case io_backend::epoll:
      return "epoll";
  }
  return "?";
}

std::optional<io_backend> parse_io_backend(std::string_view s) {
  if (s == "auto") return io_backend::automatic;
  if (s == "uring") return io_backend::uring;
  if (s == "epoll") return io_backend::epoll;
  return std::nullopt;
}

bool io_backend_available(io_backend b, std::string* why) {
  if (b != io_backend::uring) return true;
  std::string reason;
  const bool ok = detail::uring_reactor::probe(reason);
  if (!ok && why) *why = reason;
  return ok;
}

}  // namespace sio::engine
