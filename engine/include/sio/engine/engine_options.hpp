#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <sio/engine/io_backend.hpp>

namespace sio::engine {

/// How an engine runs. Plain values: copy, compare, fill from a config file.
struct engine_options {
  unsigned shards = 0;  ///< 0 = the CPUs this process may run on
  io_backend io = io_backend::automatic;
  bool listen = true;  ///< false: no listener (a client, e.g. the load generator)
  std::string host = "127.0.0.1";
  uint16_t port = 3000;  ///< 0 = ephemeral; engine::port() tells which
  int backlog = 4096;
  bool pin_threads = true;  ///< shard i pinned to CPU (first_cpu + i) % CPUs
  unsigned first_cpu = 0;   ///< where pinning starts (lets two engines share a box)
  /// Per connection; beyond it the connection is closed with -ENOBUFS (slow
  /// consumer) and counted in shard_stats::slow_consumer_closes.
  size_t max_send_queue_bytes = 8u << 20;
  /// A close after flush waits at most this long for the queue to drain and
  /// the peer to finish, then closes at once.
  uint32_t close_linger_ms = 2000;
  uint32_t uring_entries = 4096;
  /// io_uring provided-buffer ring per shard (count is rounded up to a power of
  /// two); epoll uses one buffer of recv_buffer_size per shard.
  uint32_t recv_buffer_size = 16384, recv_buffer_count = 512;
};

}  // namespace sio::engine
