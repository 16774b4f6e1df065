#include <sio/engine/engine.hpp>

#include <errno.h>
#include <unistd.h>

#include <cstring>

#include "core/engine_impl.hpp"
#include "core/sys.hpp"
#include "uring/uring_reactor.hpp"

namespace sio::engine {

using detail::engine_impl;

engine::engine(engine_options o) : _impl(std::make_unique<engine_impl>(*this, std::move(o))) {}

engine::~engine() {
  engine_impl& e = *_impl;
  if (!e.threads.empty()) {
    stop(0);
    {
      std::lock_guard lock(e.m);
      e.go = true;
    }
    e.cv.notify_all();
    for (std::thread& t : e.threads)
      if (t.joinable()) t.join();
  }
}

void engine_impl::shard_main(unsigned i, int listen_fd, int cpu,
                             const std::function<listener_handler*(shard&)>& make_handler) {
  if (cpu >= 0) detail::pin_thread(cpu);
  shard_impl& s = *shards[i];
  std::string why;
  int err = s.init(backend, listen_fd, why);
  if (err == 0 && make_handler) s.set_listener_handler(make_handler(s));
  bool run = false;
  {
    std::unique_lock lock(m);
    if (err != 0 && first_error == 0) {
      first_error = err;
      first_why = "shard " + std::to_string(i) + ": " + why;
    }
    ++reported;
    cv.notify_all();
    cv.wait(lock, [&] { return go || abort; });
    run = go && !abort && err == 0;
  }
  if (run) s.run_loop();
  s.finish();
}

int engine::start(std::function<listener_handler*(shard&)> make_handler) {
  engine_impl& e = *_impl;
  if (e.started || !e.threads.empty()) return -EALREADY;
  const engine_options& o = e.opts;
  const std::vector<int> cpus = detail::allowed_cpus();
  const unsigned n = o.shards ? o.shards : static_cast<unsigned>(cpus.size());

  // Backend: probed once here; `automatic` falls back to epoll with the reason.
  std::string why;
  if (o.io == io_backend::epoll) {
    e.backend = io_backend::epoll;
  } else if (detail::uring_reactor::probe(why)) {
    e.backend = io_backend::uring;
  } else if (o.io == io_backend::uring) {
    detail::log_line("io backend uring unavailable: " + why);
    return -EOPNOTSUPP;
  } else {
    e.backend = io_backend::epoll;
  }

  // Listeners first, sequentially: shard 0 learns the port (maybe ephemeral)
  // that the other shards' SO_REUSEPORT sockets must share.
  std::vector<int> fds(n, -1);
  if (o.listen) {
    sockaddr_in addr{};
    int err = detail::make_addr(o.host, o.port, addr);
    for (unsigned i = 0; err == 0 && i < n; ++i) {
      const int fd = detail::make_listener(addr, o.backlog);
      if (fd < 0) {
        err = fd;
        break;
      }
      fds[i] = fd;
      if (i == 0) {
        e.port = detail::bound_port(fd);
        addr.sin_port = htons(e.port);
      }
    }
    if (err != 0) {
      for (int fd : fds)
        if (fd >= 0) ::close(fd);
      detail::log_line("listen on " + o.host + ":" + std::to_string(o.port) +
                       " failed: " + std::strerror(-err));
      return err;
    }
  }

  for (unsigned i = 0; i < n; ++i) e.shards.push_back(std::make_unique<detail::shard_impl>(e, i));
  e.shards_ready.store(true, std::memory_order_release);
  for (unsigned i = 0; i < n; ++i) {
    const int cpu = o.pin_threads ? cpus[(o.first_cpu + i) % cpus.size()] : -1;
    e.threads.emplace_back(
        [&e, i, fd = fds[i], cpu, &make_handler] { e.shard_main(i, fd, cpu, make_handler); });
  }
  std::unique_lock lock(e.m);
  e.cv.wait(lock, [&] { return e.reported == n; });
  if (e.first_error != 0) {
    e.abort = true;
    lock.unlock();
    e.cv.notify_all();
    for (std::thread& t : e.threads) t.join();
    e.threads.clear();
    e.shards_ready.store(false, std::memory_order_release);
    e.shards.clear();
    detail::log_line(e.first_why);
    return e.first_error;
  }
  e.started = true;
  std::string line = "io backend " + e.shards[0]->describe_backend();
  if (o.io == io_backend::automatic && e.backend == io_backend::epoll)
    line += " (io_uring unavailable: " + why + ")";
  detail::log_line(line);
  return 0;
}

void engine::run() {
  engine_impl& e = *_impl;
  if (!e.started) return;
  {
    std::lock_guard lock(e.m);
    e.go = true;
  }
  e.cv.notify_all();
  for (std::thread& t : e.threads)
    if (t.joinable()) t.join();
}

void engine::stop(uint32_t deadline_ms) {
  engine_impl& e = *_impl;
  // Atomics and write(2) only: callable from a signal handler.
  e.stop_deadline_ms.store(deadline_ms, std::memory_order_relaxed);
  e.stop_requested.store(true, std::memory_order_release);
  if (!e.shards_ready.load(std::memory_order_acquire)) return;
  for (auto& s : e.shards) s->wake();
}

unsigned engine::shard_count() const {
  return static_cast<unsigned>(_impl->shards.size());
}
shard& engine::at(unsigned i) {
  if (i >= _impl->shards.size())
    detail::die("engine::at(" + std::to_string(i) + "): only " +
                std::to_string(_impl->shards.size()) + " shards (was start() successful?)");
  return *_impl->shards[i];
}
uint16_t engine::port() const {
  return _impl->port;
}
io_backend engine::backend() const {
  return _impl->backend;
}
const engine_options& engine::options() const {
  return _impl->opts;
}

}  // namespace sio::engine
