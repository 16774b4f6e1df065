#include "epoll/epoll_reactor.hpp"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace sio::engine::detail {

std::unique_ptr<reactor> make_epoll_reactor(const engine_options& o, int wake_fd, int& err,
                                            std::string& why) {
  return epoll_reactor::create(o, wake_fd, err, why);
}

std::unique_ptr<reactor> epoll_reactor::create(const engine_options& o, int wake_fd, int& err,
                                               std::string& why) {
  std::unique_ptr<epoll_reactor> r(new epoll_reactor());
  r->_ep = ::epoll_create1(EPOLL_CLOEXEC);
  if (r->_ep < 0) {
    err = -errno;
    why = std::string("epoll_create1: ") + std::strerror(errno);
    return nullptr;
  }
  r->_wake = wake_fd;
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.u64 = make_tag(op_kind::wake, 0, 0);
  if (::epoll_ctl(r->_ep, EPOLL_CTL_ADD, r->_wake, &e) != 0) {
    err = -errno;
    why = std::string("epoll_ctl: ") + std::strerror(errno);
    return nullptr;
  }
  r->_buf_size = o.recv_buffer_size ? o.recv_buffer_size : 16384;
  // One receive buffer for the whole shard, with the padding contract's slack.
  r->_buf.reset(new uint8_t[r->_buf_size + recv_padding]());
  err = 0;
  return r;
}

epoll_reactor::~epoll_reactor() {
  if (_ep >= 0) ::close(_ep);
}

std::string epoll_reactor::describe() const {
  return "epoll (level-triggered, " + std::to_string(_buf_size) + " B receive buffer)";
}

unsigned epoll_reactor::add_listener(int fd) {
  const auto idx = static_cast<unsigned>(_listeners.size());
  _listeners.push_back({fd, false});
  resume_listener(idx);
  return idx;
}

void epoll_reactor::pause_listener(unsigned idx) {
  listener& l = _listeners[idx];
  if (!l.active) return;
  l.active = false;
  ::epoll_ctl(_ep, EPOLL_CTL_DEL, l.fd, nullptr);
}

void epoll_reactor::resume_listener(unsigned idx) {
  listener& l = _listeners[idx];
  if (l.active) return;
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.u64 = make_tag(op_kind::accept, 0, idx);
  if (::epoll_ctl(_ep, EPOLL_CTL_ADD, l.fd, &e) == 0) l.active = true;
}

epoll_reactor::slot_state& epoll_reactor::state(uint32_t slot, uint32_t gen, int fd) {
  if (slot >= _slots.size())
    _slots.resize(slot + 1 > _slots.size() * 2 ? slot + 1 : _slots.size() * 2);
  slot_state& s = _slots[slot];
  s.fd = fd;
  s.gen = gen & gen_mask;
  return s;
}

bool epoll_reactor::live(uint32_t slot, uint32_t gen) const {
  return slot < _slots.size() && _slots[slot].fd >= 0 && _slots[slot].gen == (gen & gen_mask);
}

void epoll_reactor::update_interest(uint32_t slot) {
  slot_state& s = _slots[slot];
  uint16_t want = 0;
  if (s.flags & f_recv) want |= EPOLLIN | EPOLLRDHUP;
  if (s.flags & (f_connecting | f_blocked)) want |= EPOLLOUT;
  if (want == s.events) return;
  if (want == 0) {
    // Deregister rather than keep an empty interest: epoll reports HUP/ERR
    // regardless of interest, which would spin on a dead socket.
    ::epoll_ctl(_ep, EPOLL_CTL_DEL, s.fd, nullptr);
  } else {
    epoll_event e{};
    e.events = want;
    e.data.u64 = make_tag(op_kind::conn, s.gen, slot);
    ::epoll_ctl(_ep, s.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, s.fd, &e);
  }
  s.events = want;
}

void epoll_reactor::start_recv(uint32_t slot, uint32_t gen, int fd) {
  slot_state& s = state(slot, gen, fd);
  s.flags |= f_recv;
  update_interest(slot);
}

void epoll_reactor::send(uint32_t slot, uint32_t gen, int fd, const iovec* iov, unsigned n) {
  slot_state& s = state(slot, gen, fd);
  msghdr msg{};
  msg.msg_iov = const_cast<iovec*>(iov);
  msg.msg_iovlen = n;
  const ssize_t r = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
  size_t total = 0;
  for (unsigned i = 0; i < n; ++i) total += iov[i].iov_len;
  if (r >= 0 && static_cast<size_t>(r) == total) {
    _ready.push_back({op_kind::send, slot, s.gen, static_cast<int>(r)});
    return;
  }
  if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
    _ready.push_back({op_kind::send, slot, s.gen, -errno});
    return;
  }
  // The socket is full: keep the rest and finish it when epoll says writable,
  // instead of reporting a short write that would cost an EAGAIN next turn.
  uint32_t idx = _blocked_free;
  if (idx == npos) {
    idx = static_cast<uint32_t>(_blocked.size());
    _blocked.emplace_back();
  } else {
    _blocked_free = _blocked[idx].next_free;
  }
  blocked_send& b = _blocked[idx];
  b.done = r > 0 ? static_cast<size_t>(r) : 0;
  b.first = 0;
  b.n = n;
  std::memcpy(b.iov, iov, n * sizeof(iovec));
  size_t skip = b.done;
  while (skip > 0 && skip >= b.iov[b.first].iov_len) skip -= b.iov[b.first++].iov_len;
  b.iov[b.first].iov_base = static_cast<uint8_t*>(b.iov[b.first].iov_base) + skip;
  b.iov[b.first].iov_len -= skip;
  s.blocked = idx;
  s.flags |= f_blocked;
  update_interest(slot);
}

void epoll_reactor::finish_send(uint32_t slot, int res) {
  slot_state& s = _slots[slot];
  blocked_send& b = _blocked[s.blocked];
  b.next_free = _blocked_free;
  _blocked_free = s.blocked;
  s.blocked = npos;
  s.flags &= static_cast<uint8_t>(~f_blocked);
  (void)res;
}

bool epoll_reactor::try_blocked_send(uint32_t slot, reactor_events& ev) {
  slot_state& s = _slots[slot];
  blocked_send& b = _blocked[s.blocked];
  msghdr msg{};
  msg.msg_iov = b.iov + b.first;
  msg.msg_iovlen = b.n - b.first;
  const ssize_t r = ::sendmsg(s.fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return false;
  int res;
  if (r < 0) {
    // Report what did go out; the error shows again on the next send.
    res = b.done > 0 ? static_cast<int>(b.done) : -errno;
  } else {
    b.done += static_cast<size_t>(r);
    size_t skip = static_cast<size_t>(r);
    while (b.first < b.n && skip >= b.iov[b.first].iov_len) skip -= b.iov[b.first++].iov_len;
    if (b.first < b.n) {
      b.iov[b.first].iov_base = static_cast<uint8_t*>(b.iov[b.first].iov_base) + skip;
      b.iov[b.first].iov_len -= skip;
      return false;  // still more; wait for the next EPOLLOUT
    }
    res = static_cast<int>(b.done);
  }
  const uint32_t gen = s.gen;
  finish_send(slot, res);
  update_interest(slot);
  ev.on_send(slot, gen, res);
  return true;
}

void epoll_reactor::connect(uint32_t slot, uint32_t gen, int fd, const sockaddr_in& to) {
  slot_state& s = state(slot, gen, fd);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof(to)) == 0) {
    _ready.push_back({op_kind::connect, slot, s.gen, 0});
  } else if (errno == EINPROGRESS) {
    s.flags |= f_connecting;
    update_interest(slot);
  } else {
    _ready.push_back({op_kind::connect, slot, s.gen, -errno});
  }
}

void epoll_reactor::cancel(uint32_t slot, uint32_t gen, int fd, unsigned ops) {
  (void)fd;
  if (!live(slot, gen)) return;
  slot_state& s = _slots[slot];
  // Operations whose result is already queued in _ready end by themselves.
  if ((ops & op_recv) && (s.flags & f_recv)) {
    s.flags &= static_cast<uint8_t>(~f_recv);
    _ready.push_back({op_kind::recv, slot, s.gen, -ECANCELED});
  }
  if ((ops & op_send) && (s.flags & f_blocked)) {
    const size_t done = _blocked[s.blocked].done;
    const int res = done > 0 ? static_cast<int>(done) : -ECANCELED;
    finish_send(slot, res);
    _ready.push_back({op_kind::send, slot, s.gen, res});
  }
  if ((ops & op_connect) && (s.flags & f_connecting)) {
    s.flags &= static_cast<uint8_t>(~f_connecting);
    _ready.push_back({op_kind::connect, slot, s.gen, -ECANCELED});
  }
  update_interest(slot);
  s.fd = -1;
}

void epoll_reactor::close_fd(int fd) {
  ::close(fd);
}

void epoll_reactor::detach(uint32_t slot, uint32_t gen, int fd, std::string& unread) {
  (void)fd;
  (void)unread;  // epoll reads only when it delivers: nothing is ever held back
  if (!live(slot, gen)) return;
  _slots[slot].flags = 0;
  update_interest(slot);
  _slots[slot].fd = -1;
}

void epoll_reactor::deliver(const completion& c, reactor_events& ev) {
  switch (c.what) {
    case op_kind::send:
      ev.on_send(c.slot, c.gen, c.res);
      break;
    case op_kind::recv:
      ev.on_recv_end(c.slot, c.gen, c.res);
      break;
    case op_kind::connect:
      ev.on_connect(c.slot, c.gen, c.res);
      break;
    default:
      break;
  }
}

void epoll_reactor::on_listener_event(unsigned idx, reactor_events& ev) {
  // Bounded per turn so a connection storm cannot starve established peers.
  for (int i = 0; i < 64 && _listeners[idx].active; ++i) {
    const int fd = ::accept4(_listeners[idx].fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      ev.on_accept(idx, fd);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) ev.on_accept(idx, -errno);
    break;
  }
}

void epoll_reactor::on_conn_event(uint32_t slot, uint32_t gen, uint32_t events,
                                  reactor_events& ev) {
  // Callbacks may close this slot or grow _slots: re-check through live() and
  // index afresh after each one.
  if (!live(slot, gen)) return;
  if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
    if (_slots[slot].flags & f_connecting) {
      int soerr = 0;
      socklen_t len = sizeof(soerr);
      ::getsockopt(_slots[slot].fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
      if (soerr == 0 && !(events & EPOLLOUT)) soerr = ECONNREFUSED;
      _slots[slot].flags &= static_cast<uint8_t>(~f_connecting);
      update_interest(slot);
      ev.on_connect(slot, gen, -soerr);
    } else if (_slots[slot].flags & f_blocked) {
      try_blocked_send(slot, ev);
    }
  }
  if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) return;
  if (!live(slot, gen) || !(_slots[slot].flags & f_recv)) return;
  const ssize_t r = ::recv(_slots[slot].fd, _buf.get(), _buf_size, MSG_DONTWAIT);
  if (r > 0) {
    ev.on_recv(slot, gen, std::span<uint8_t>(_buf.get(), static_cast<size_t>(r)));
    return;
  }
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  const int res = r == 0 ? 0 : -errno;
  _slots[slot].flags &= static_cast<uint8_t>(~f_recv);
  update_interest(slot);
  ev.on_recv_end(slot, gen, res);
}

int epoll_reactor::run_once(int timeout_ms, reactor_events& ev) {
  // Results of earlier submissions first: they happened before any new event.
  // When there are some, this turn skips epoll_wait (saving a syscall per send)
  // unless the previous turn skipped it too, so readiness is never starved.
  int delivered = 0;
  if (!_ready.empty()) {
    _delivering.swap(_ready);
    for (const completion& c : _delivering) deliver(c, ev);
    delivered = static_cast<int>(_delivering.size());
    _delivering.clear();
    if (_polled_last) {
      _polled_last = false;
      return delivered;
    }
    timeout_ms = 0;
  }
  _polled_last = true;
  int n = ::epoll_wait(_ep, _events, static_cast<int>(std::size(_events)), timeout_ms);
  if (n < 0) {
    if (errno != EINTR) return -errno;
    n = 0;
  }
  for (int i = 0; i < n; ++i) {
    const uint64_t tag = _events[i].data.u64;
    switch (tag_kind(tag)) {
      case op_kind::wake: {
        uint64_t v;
        while (::read(_wake, &v, sizeof(v)) == sizeof(v)) {
        }
        ev.on_wake();
        break;
      }
      case op_kind::accept:
        on_listener_event(tag_slot(tag), ev);
        break;
      case op_kind::conn:
        on_conn_event(tag_slot(tag), tag_gen(tag), _events[i].events, ev);
        break;
      default:
        break;
    }
    ++delivered;
  }
  return delivered;
}

}  // namespace sio::engine::detail
