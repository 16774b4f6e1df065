#pragma once

#include <netinet/in.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sio::engine::detail {

/// CLOCK_MONOTONIC in milliseconds.
uint64_t clock_ms();
/// One line to stderr, prefixed "sioring: ".
void log_line(const std::string& line);
/// Programmer misuse: print and abort.
[[noreturn]] void die(const std::string& message);
/// Parses an IPv4 host ("localhost" accepted) and port. 0 or -EINVAL.
int make_addr(const std::string& host, uint16_t port, sockaddr_in& out);
/// A non-blocking SO_REUSEPORT listening socket with TCP_NODELAY (inherited by
/// accepted sockets). fd or -errno.
int make_listener(const sockaddr_in& addr, int backlog);
/// The port a socket is bound to (0 on error).
uint16_t bound_port(int fd);
/// Sets TCP_NODELAY; small messages must not wait for Nagle.
void set_nodelay(int fd);
/// CPUs this process may run on, in order.
std::vector<int> allowed_cpus();
/// Pins the calling thread to `cpu`. 0 or -errno.
int pin_thread(int cpu);

}  // namespace sio::engine::detail
