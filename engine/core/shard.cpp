// The public shard API and the connection operations behind it.
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/engine_impl.hpp"
#include "core/op_tag.hpp"
#include "core/shard_impl.hpp"
#include "core/sys.hpp"

namespace sio::engine {

using detail::impl;

namespace detail {
thread_local shard_impl* t_current_shard = nullptr;
}

shard* shard::current() {
  return detail::t_current_shard;
}
unsigned shard::index() const {
  return impl(*this).index();
}
engine& shard::owner() const {
  return const_cast<detail::shard_impl&>(impl(*this)).eng().self;
}
io_backend shard::backend() const {
  return impl(*this).backend();
}

bool shard::send(conn_id id, frame_ref f) {
  return impl(*this).send_frame(id, std::move(f));
}
bool shard::send(conn_id id, std::string_view bytes) {
  return impl(*this).send_copy(id, bytes);
}
void shard::close(conn_id id, int reason, bool after_flush) {
  impl(*this).close(id, reason, after_flush);
}
bool shard::is_open(conn_id id) const {
  return const_cast<detail::shard_impl&>(impl(*this)).is_open(id);
}
size_t shard::queued_bytes(conn_id id) const {
  return const_cast<detail::shard_impl&>(impl(*this)).queued_bytes(id);
}
void shard::set_handler(conn_id id, stream_handler* h) {
  impl(*this).set_handler(id, h);
}
int shard::detach(conn_id id) {
  std::string unread;
  const int fd = impl(*this).detach(id, unread);
  impl(*this).stats().detach_dropped += unread.size();
  return fd;
}
int shard::detach(conn_id id, std::string& unread) {
  return impl(*this).detach(id, unread);
}
conn_id shard::adopt(int fd, stream_handler* h) {
  return impl(*this).adopt(fd, h, {});
}
conn_id shard::adopt(int fd, stream_handler* h, std::string_view unread) {
  return impl(*this).adopt(fd, h, unread);
}
conn_id shard::connect(const sockaddr_in& to, const sockaddr_in* from, stream_handler* h) {
  return impl(*this).connect(to, from, h);
}
uint64_t shard::now_ms() const {
  impl(*this).check_owner("now_ms");
  return impl(*this).now_ms();
}
timer_wheel& shard::timers() {
  impl(*this).check_owner("timers");
  return impl(*this).timers();
}
void shard::post(task t) {
  impl(*this).post(std::move(t));
}
void shard::defer(task t) {
  impl(*this).check_owner("defer");
  impl(*this).defer(std::move(t));
}
const shard_stats& shard::stats() const {
  return const_cast<detail::shard_impl&>(impl(*this)).stats();
}

namespace detail {

void shard_impl::check_owner(const char* what) const {
  if (t_current_shard != this)
    die(std::string("shard::") + what + " called from a thread that does not own shard " +
        std::to_string(_index) + " (post() to it instead)");
}

void shard_impl::post(task t) {
  _mail.push(std::move(t));
  // Pairs with the fence in run_loop: either the shard sees the task before it
  // sleeps, or this thread sees it sleeping and wakes it. exchange() makes one
  // poster pay for the eventfd write.
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (_sleeping.load(std::memory_order_relaxed) &&
      _sleeping.exchange(false, std::memory_order_relaxed))
    wake();
}

void shard_impl::wake() {
  const int fd = _wake_fd.load(std::memory_order_relaxed);
  if (fd < 0) return;
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t r = ::write(fd, &one, sizeof(one));
}

connection* shard_impl::match(uint32_t slot, uint32_t gen24) {
  if (slot >= _conns.size()) return nullptr;
  connection& c = _conns[slot];
  if (c.state == conn_state::free || (c.gen & gen_mask) != gen24) return nullptr;
  return &c;
}

uint32_t shard_impl::open_slot(int fd, conn_state state, stream_handler* h) {
  const uint32_t slot = _conns.allocate();
  connection& c = _conns[slot];
  c.fd = fd;
  c.state = state;
  c.handler = h;
  ++_stats.open;
  return slot;
}

void shard_impl::start_recv(uint32_t slot) {
  connection& c = _conns[slot];
  c.flags |= cf_recv;
  _reactor->start_recv(slot, c.gen, c.fd);
}

void shard_impl::mark_dirty(uint32_t slot) {
  connection& c = _conns[slot];
  if (c.flags & cf_dirty) return;
  c.flags |= cf_dirty;
  _dirty.push_back(slot);
}

bool shard_impl::admit(connection& c, uint32_t slot, size_t n) {
  if (c.state != conn_state::open && c.state != conn_state::connecting) return false;
  if (c.queue.bytes + n > _eng.opts.max_send_queue_bytes) {
    ++_stats.slow_consumer_closes;
    teardown(slot, -ENOBUFS);
    return false;
  }
  return true;
}

bool shard_impl::send_frame(conn_id id, frame_ref f) {
  check_owner("send");
  connection* c = _conns.find(id);
  const size_t n = f ? f->size() : 0;
  if (!c || !admit(*c, id.slot, n)) return false;
  if (n == 0) return true;
  _pool.push_frame(c->queue, std::move(f));
  mark_dirty(id.slot);
  return true;
}

bool shard_impl::send_copy(conn_id id, std::string_view bytes) {
  check_owner("send");
  connection* c = _conns.find(id);
  if (!c || !admit(*c, id.slot, bytes.size())) return false;
  if (bytes.empty()) return true;
  _pool.push_copy(c->queue, bytes);
  mark_dirty(id.slot);
  return true;
}

void shard_impl::close(conn_id id, int reason, bool after_flush) {
  check_owner("close");
  connection* c = _conns.find(id);
  if (!c || c->state == conn_state::closed) return;
  if (c->state == conn_state::draining || c->state == conn_state::lingering) {
    if (!after_flush) teardown(id.slot, reason);  // escalate to at once
    return;
  }
  if (!after_flush || c->state == conn_state::connecting) {
    teardown(id.slot, reason);
    return;
  }
  c->reason = reason;
  c->state = conn_state::draining;
  _lingering.push_back({_now + _eng.opts.close_linger_ms, id});
  if (c->queue.empty() && !(c->flags & cf_send))
    begin_linger(id.slot);
  else
    mark_dirty(id.slot);
}

void shard_impl::begin_linger(uint32_t slot) {
  connection& c = _conns[slot];
  c.state = conn_state::lingering;
  // FIN after the queued bytes; wait for the peer's own end so that closing
  // with unread input does not turn into a reset that could destroy data the
  // peer has not read yet.
  ::shutdown(c.fd, SHUT_WR);
  if (!(c.flags & cf_recv)) teardown(slot, c.reason);
}

void shard_impl::teardown(uint32_t slot, int reason) {
  connection& c = _conns[slot];
  if (c.state == conn_state::closed || c.state == conn_state::free) return;
  c.reason = reason;
  c.state = conn_state::closed;
  const unsigned ops = ((c.flags & cf_recv) ? op_recv : 0u) | ((c.flags & cf_send) ? op_send : 0u) |
                       ((c.flags & cf_connect) ? op_connect : 0u);
  // Always told, even with nothing pending, so the backend forgets the slot.
  _reactor->cancel(slot, c.gen, c.fd, ops);
  if (c.fd >= 0) _reactor->close_fd(c.fd);
  c.fd = -1;
  _closing.push_back(slot);
  ++_stats.closed;
  --_stats.open;
}

void shard_impl::maybe_free(uint32_t slot) {
  connection& c = _conns[slot];
  if (c.state != conn_state::closed || !(c.flags & cf_notified) ||
      (c.flags & (cf_recv | cf_send | cf_connect)))
    return;
  _pool.clear(c.queue);
  _conns.release(slot);
}

bool shard_impl::is_open(conn_id id) {
  check_owner("is_open");
  const connection* c = _conns.find(id);
  return c && (c->state == conn_state::open || c->state == conn_state::connecting);
}

size_t shard_impl::queued_bytes(conn_id id) {
  check_owner("queued_bytes");
  const connection* c = _conns.find(id);
  return c ? c->queue.bytes : 0;
}

void shard_impl::set_handler(conn_id id, stream_handler* h) {
  check_owner("set_handler");
  connection* c = _conns.find(id);
  if (c && c->state != conn_state::closed) c->handler = h;
}

int shard_impl::detach(conn_id id, std::string& unread) {
  check_owner("detach");
  connection* c = _conns.find(id);
  if (!c || c->state != conn_state::open) return -EBADF;
  if (!c->queue.empty() || (c->flags & cf_send)) return -EBUSY;
  if (c->flags & cf_recv) _reactor->detach(id.slot, c->gen, c->fd, unread);
  const int fd = c->fd;
  c->flags = 0;
  --_stats.open;
  _conns.release(id.slot);
  return fd;
}

conn_id shard_impl::adopt(int fd, stream_handler* h, std::string_view unread) {
  check_owner("adopt");
  const uint32_t slot = open_slot(fd, conn_state::open, h);
  start_recv(slot);
  const conn_id id = id_of(slot);
  if (!unread.empty()) {
    // Delivered from the loop like any input, and before the first receive
    // completion (deferred tasks run before this turn's wait).
    defer([this, id, bytes = std::string(unread)]() mutable {
      connection* c = _conns.find(id);
      if (!c || c->state != conn_state::open || !c->handler) return;
      const size_t n = bytes.size();
      bytes.resize(n + recv_padding);  // the padding contract
      _stats.bytes_in += n;
      c->handler->on_data(id, std::span<uint8_t>(reinterpret_cast<uint8_t*>(bytes.data()), n));
    });
  }
  return id;
}

conn_id shard_impl::connect(const sockaddr_in& to, const sockaddr_in* from, stream_handler* h) {
  check_owner("connect");
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int sock_err = fd < 0 ? -errno : 0;
  const uint32_t slot = open_slot(fd, conn_state::connecting, h);
  const conn_id id = id_of(slot);
  if (fd < 0) {
    teardown(slot, sock_err);  // reported through on_close, from the loop
    return id;
  }
  set_nodelay(fd);
  if (from) {
    // Defer the port choice to connect() so many connections can share one
    // source address as long as their 4-tuples differ.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
    if (::bind(fd, reinterpret_cast<const sockaddr*>(from), sizeof(*from)) != 0) {
      teardown(slot, -errno);
      return id;
    }
  }
  _conns[slot].flags |= cf_connect;
  _reactor->connect(slot, _conns[slot].gen, fd, to);
  return id;
}

}  // namespace detail
}  // namespace sio::engine
