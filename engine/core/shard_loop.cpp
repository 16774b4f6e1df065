// The shard's loop: reactor completions, the loop phases and shutdown.
#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <climits>
#include <cstring>

#include "core/engine_impl.hpp"
#include "core/shard_impl.hpp"
#include "core/sys.hpp"

namespace sio::engine::detail {

extern thread_local shard_impl* t_current_shard;

namespace {
constexpr size_t mailbox_batch = 4096;  // posted tasks per turn, so I/O keeps its pace
constexpr int deferred_rounds = 8;      // defer() from deferred tasks, per turn
constexpr uint64_t accept_retry_ms = 100;
constexpr uint64_t hard_exit_ms = 2000;  // after the deadline, for the kernel to let go
}  // namespace

shard_impl::shard_impl(engine_impl& e, unsigned index)
    : _eng(e), _index(index), _now(clock_ms()), _timers(_now) {
  _accept_retry.fn = &shard_impl::retry_accept;
  _accept_retry.ctx = this;
}

shard_impl::~shard_impl() {
  // Closed only now, after the thread is gone: a late post() or stop() from
  // another thread must never write into a reused descriptor number.
  const int fd = _wake_fd.exchange(-1);
  if (fd >= 0) ::close(fd);
}

int shard_impl::init(io_backend backend, int listen_fd, std::string& why) {
  t_current_shard = this;
  _listen_fd = listen_fd;
  const int wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    why = std::string("eventfd: ") + std::strerror(errno);
    return -errno;
  }
  _wake_fd.store(wake, std::memory_order_release);
  int err = 0;
  _reactor = backend == io_backend::uring ? make_uring_reactor(_eng.opts, wake, err, why)
                                          : make_epoll_reactor(_eng.opts, wake, err, why);
  if (!_reactor) return err ? err : -EINVAL;
  _backend = _reactor->kind();
  _describe = _reactor->describe();
  if (_listen_fd >= 0) _listener = _reactor->add_listener(_listen_fd);
  _now = clock_ms();
  _timers.advance(_now);
  return 0;
}

void shard_impl::finish() {
  // Connections the deadline left behind: drop them without callbacks.
  for (uint32_t slot = 0; slot < _conns.size(); ++slot) {
    connection& c = _conns[slot];
    if (c.state == conn_state::free) continue;
    if (c.fd >= 0) ::close(c.fd);
    c.fd = -1;
  }
  _timers.cancel(_accept_retry);
  _reactor.reset();  // waits (bounded) for the kernel to release buffers
  for (uint32_t slot = 0; slot < _conns.size(); ++slot) _pool.clear(_conns[slot].queue);
  if (_listen_fd >= 0) ::close(_listen_fd);
  _listen_fd = -1;
  t_current_shard = nullptr;
}

void shard_impl::run_loop() {
  for (;;) {
    _now = clock_ms();
    _timers.advance(_now);
    expire_lingering();
    _stats.tasks_run += _mail.drain(mailbox_batch);
    finish_closes();
    run_deferred();
    flush();

    if (!_stopping && _eng.stop_requested.load(std::memory_order_acquire)) begin_shutdown();
    if (_stopping && shutdown_done()) return;

    int timeout = compute_timeout();
    if (timeout != 0) {
      _sleeping.store(true, std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_seq_cst);
      if (!_mail.empty() || (!_stopping && _eng.stop_requested.load(std::memory_order_relaxed))) {
        _sleeping.store(false, std::memory_order_relaxed);
        timeout = 0;
      }
    }
    const int r = _reactor->run_once(timeout, *this);
    _sleeping.store(false, std::memory_order_relaxed);
    if (r < 0) die("shard " + std::to_string(_index) + ": reactor failed: " + std::to_string(r));
    ++_stats.loop_turns;
  }
}

int shard_impl::compute_timeout() {
  if (!_deferred.empty() || !_closing.empty() || !_dirty.empty() || !_mail.empty()) return 0;
  int64_t t = _timers.next_timeout_ms();
  auto at_most = [&](uint64_t deadline) {
    const int64_t d = deadline > _now ? static_cast<int64_t>(deadline - _now) : 0;
    if (t < 0 || d < t) t = d;
  };
  if (!_lingering.empty()) at_most(_lingering.front().deadline);
  if (_stopping) at_most(_forced ? _hard_deadline : _stop_deadline);
  if (_stopping && (t < 0 || t > 50)) t = 50;  // re-check the exit condition
  return t > INT_MAX ? INT_MAX : static_cast<int>(t);
}

void shard_impl::expire_lingering() {
  while (!_lingering.empty() && _lingering.front().deadline <= _now) {
    const conn_id id = _lingering.front().id;
    _lingering.pop_front();
    connection* c = _conns.find(id);
    if (c && (c->state == conn_state::draining || c->state == conn_state::lingering))
      teardown(id.slot, c->reason);
  }
}

void shard_impl::finish_closes() {
  _closing_run.swap(_closing);
  for (const uint32_t slot : _closing_run) {
    connection& c = _conns[slot];
    stream_handler* h = c.handler;
    c.handler = nullptr;
    c.flags |= cf_notified;
    const conn_id id = id_of(slot);
    const int reason = c.reason;
    if (h) h->on_close(id, reason);  // may delete h, may close others
    maybe_free(slot);
  }
  _closing_run.clear();
}

void shard_impl::run_deferred() {
  for (int round = 0; round < deferred_rounds && !_deferred.empty(); ++round) {
    _deferred_run.swap(_deferred);
    for (task& t : _deferred_run) t();
    _deferred_run.clear();
  }
}

void shard_impl::flush() {
  for (const uint32_t slot : _dirty) {
    connection& c = _conns[slot];
    if (!(c.flags & cf_dirty)) continue;
    c.flags &= static_cast<uint8_t>(~cf_dirty);
    if (c.state != conn_state::open && c.state != conn_state::draining) continue;
    if ((c.flags & cf_send) || c.queue.empty()) continue;  // its completion re-lists it
    const unsigned n = _pool.gather(c.queue, _iov, reactor::max_iov);
    c.flags |= cf_send;
    ++_stats.writes;
    _reactor->send(slot, c.gen, c.fd, _iov, n);
  }
  _dirty.clear();
}

void shard_impl::on_accept(unsigned listener, int res) {
  (void)listener;
  if (res < 0) {
    if (res == -EMFILE || res == -ENFILE || res == -ENOBUFS || res == -ENOMEM) {
      // Out of descriptors or memory: stop accepting for a moment instead of
      // spinning on the same error.
      _reactor->pause_listener(_listener);
      _timers.arm(_accept_retry, accept_retry_ms);
    }
    return;
  }
  if (_stopping || !_lh) {
    ::close(res);
    return;
  }
  const uint32_t slot = open_slot(res, conn_state::open, nullptr);
  ++_stats.accepted;
  const conn_id id = id_of(slot);
  stream_handler* h = _lh->on_accept(*this, id);
  connection& c = _conns[slot];  // chunks never move; the slot cannot be freed yet
  if (c.state == conn_state::closed) {
    c.handler = h;
    return;
  }
  if (!h) {
    teardown(slot, 0);
    return;
  }
  c.handler = h;
  start_recv(slot);
}

void shard_impl::retry_accept(timer& t) {
  auto* self = static_cast<shard_impl*>(t.ctx);
  if (!self->_stopping) self->_reactor->resume_listener(self->_listener);
}

void shard_impl::on_recv(uint32_t slot, uint32_t gen, std::span<uint8_t> data) {
  connection* c = match(slot, gen);
  if (!c) return;
  _stats.bytes_in += data.size();
  // After close() input is dropped: the handler asked to be done with it.
  if (c->state == conn_state::open && c->handler) c->handler->on_data(id_of(slot), data);
}

void shard_impl::on_recv_end(uint32_t slot, uint32_t gen, int res) {
  connection* c = match(slot, gen);
  if (!c) return;
  c->flags &= static_cast<uint8_t>(~cf_recv);
  switch (c->state) {
    case conn_state::closed:
      maybe_free(slot);
      return;
    case conn_state::open:
    case conn_state::draining:
    case conn_state::lingering:
      break;
    default:
      return;
  }
  if (res > 0 || res == -ENOBUFS) {
    start_recv(slot);  // the multishot receive stopped without an error: re-arm
    return;
  }
  if (c->state == conn_state::open)
    teardown(slot, res);  // 0: the peer closed; -errno: an error
  else if (c->state == conn_state::lingering)
    teardown(slot, c->reason);  // the peer finished: the graceful close is complete
  // draining: the peer shut its side; keep writing what is queued.
}

void shard_impl::on_send(uint32_t slot, uint32_t gen, int res) {
  connection* c = match(slot, gen);
  if (!c) return;
  c->flags &= static_cast<uint8_t>(~cf_send);
  if (res > 0) {
    _stats.bytes_out += static_cast<uint64_t>(res);
    _pool.consume(c->queue, static_cast<size_t>(res));
  }
  if (c->state == conn_state::closed) {
    maybe_free(slot);
    return;
  }
  if (res <= 0) {
    const int err = res == 0 ? -EPIPE : res;
    teardown(slot, c->state == conn_state::open ? err : c->reason);
    return;
  }
  if (!c->queue.empty()) {
    mark_dirty(slot);
  } else if (c->state == conn_state::draining) {
    begin_linger(slot);
  } else if (c->state == conn_state::open && c->handler) {
    c->handler->on_drained(id_of(slot));
  }
}

void shard_impl::on_connect(uint32_t slot, uint32_t gen, int res) {
  connection* c = match(slot, gen);
  if (!c) return;
  c->flags &= static_cast<uint8_t>(~cf_connect);
  if (c->state == conn_state::closed) {
    maybe_free(slot);
    return;
  }
  if (res < 0) {
    teardown(slot, res);
    return;
  }
  c->state = conn_state::open;
  start_recv(slot);
  if (!c->queue.empty()) mark_dirty(slot);
  if (c->handler) c->handler->on_connected(id_of(slot));
}

void shard_impl::begin_shutdown() {
  _stopping = true;
  _stop_deadline = _now + _eng.stop_deadline_ms.load(std::memory_order_relaxed);
  if (_listen_fd >= 0) _reactor->pause_listener(_listener);
  _timers.cancel(_accept_retry);
  if (_lh) _lh->on_shutdown(*this);
}

bool shard_impl::shutdown_done() {
  if (_conns.live() == 0 && _deferred.empty() && _closing.empty()) return true;
  if (!_forced && _now >= _stop_deadline) {
    // Deadline: close what is left at once (their on_close runs next turn).
    _forced = true;
    _hard_deadline = _now + hard_exit_ms;
    for (uint32_t slot = 0; slot < _conns.size(); ++slot) {
      const conn_state s = _conns[slot].state;
      if (s != conn_state::free && s != conn_state::closed) teardown(slot, -ESHUTDOWN);
    }
  }
  return _forced && _now >= _hard_deadline;
}

}  // namespace sio::engine::detail
