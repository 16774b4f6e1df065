#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sio/engine/engine.hpp>

#include "core/shard_impl.hpp"

namespace sio::engine::detail {

/// The engine's state: shards, their threads, the start gate and the stop flag.
struct engine_impl {
  explicit engine_impl(engine& self, engine_options o) : self(self), opts(std::move(o)) {}

  engine& self;
  engine_options opts;
  std::vector<std::unique_ptr<shard_impl>> shards;
  std::vector<std::thread> threads;
  io_backend backend = io_backend::automatic;
  uint16_t port = 0;
  bool started = false;

  // Read by shards every turn; written by stop() (async-signal-safe: atomics only).
  std::atomic<bool> stop_requested{false};
  std::atomic<uint32_t> stop_deadline_ms{5000};
  std::atomic<bool> shards_ready{false};

  // Start gate: shard threads report their init, then wait for run().
  std::mutex m;
  std::condition_variable cv;
  unsigned reported = 0;
  int first_error = 0;
  std::string first_why;
  bool go = false;
  bool abort = false;

  void shard_main(unsigned i, int listen_fd, int cpu,
                  const std::function<listener_handler*(shard&)>& make_handler);
};

}  // namespace sio::engine::detail
