#include "uring/uring_reactor.hpp"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sio::engine::detail {

namespace {
std::string errno_text(const char* what, int neg) {
  return std::string(what) + ": " + std::strerror(-neg);
}
constexpr uint16_t recv_group = 0;
}  // namespace

std::unique_ptr<reactor> make_uring_reactor(const engine_options& o, int wake_fd, int& err,
                                            std::string& why) {
  return uring_reactor::create(o, wake_fd, err, why);
}

std::unique_ptr<reactor> uring_reactor::create(const engine_options& o, int wake_fd, int& err,
                                               std::string& why) {
  std::unique_ptr<uring_reactor> r(new uring_reactor());
  r->_wake = wake_fd;
  err = r->setup(o, why);
  if (err != 0) return nullptr;
  return r;
}

int uring_reactor::setup(const engine_options& o, std::string& why) {
  const unsigned entries = o.uring_entries ? o.uring_entries : 4096;
  // Newest first; each step drops what an older kernel refuses with EINVAL.
  const unsigned attempts[] = {
      IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SUBMIT_ALL |
          IORING_SETUP_CQSIZE,
      IORING_SETUP_COOP_TASKRUN | IORING_SETUP_SUBMIT_ALL | IORING_SETUP_CQSIZE,
      IORING_SETUP_CQSIZE,
      0,
  };
  int ret = -EINVAL;
  io_uring_params p{};
  for (unsigned flags : attempts) {
    p = io_uring_params{};
    p.flags = flags;
    p.cq_entries = entries * 4;  // bursts of receive completions must not overflow
    ret = io_uring_queue_init_params(entries, &_ring, &p);
    if (ret == 0) {
      _setup_flags = flags;
      break;
    }
    if (ret != -EINVAL) break;
  }
  if (ret != 0) {
    why = errno_text("io_uring_setup", ret);
    return ret;
  }
  _ring_ok = true;
  if (!(p.features & IORING_FEAT_SUBMIT_STABLE)) {
    why = "io_uring lacks IORING_FEAT_SUBMIT_STABLE";
    return -EOPNOTSUPP;
  }
  _cqe_skip = (p.features & IORING_FEAT_CQE_SKIP) != 0;

  if (io_uring_probe* probe = io_uring_get_probe_ring(&_ring)) {
    const int needed[] = {IORING_OP_ACCEPT,  IORING_OP_RECV,    IORING_OP_SEND,
                          IORING_OP_SENDMSG, IORING_OP_CONNECT, IORING_OP_ASYNC_CANCEL,
                          IORING_OP_CLOSE,   IORING_OP_READ};
    for (int op : needed) {
      if (!io_uring_opcode_supported(probe, op)) {
        io_uring_free_probe(probe);
        why = "io_uring lacks opcode " + std::to_string(op);
        return -EOPNOTSUPP;
      }
    }
    io_uring_free_probe(probe);
  }

  ret = _bufs.init(&_ring, recv_group, o.recv_buffer_count, o.recv_buffer_size);
  if (ret != 0) {
    why = errno_text("io_uring_register_buf_ring", ret);
    return ret;
  }
  _iovs.reset(new iovec[iov_arena_size]);
  _msgs.reset(new msghdr[msg_arena_size]);
  _addrs.reset(new sockaddr_in[addr_arena_size]);
  arm_wake();
  return 0;
}

uring_reactor::~uring_reactor() {
  if (_ring_ok) {
    // Cancel everything and wait (bounded) for the kernel to let go of our
    // buffers before the memory behind them is unmapped.
    if (io_uring_sqe* sqe = get_sqe()) {
      io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
      io_uring_sqe_set_data64(sqe, make_tag(op_kind::ignore, 0, 0));
    }
    for (int i = 0; i < 200 && _pending > 0; ++i) {
      __kernel_timespec ts{0, 5'000'000};
      io_uring_cqe* cqe = nullptr;
      io_uring_submit_and_wait_timeout(&_ring, &cqe, 1, &ts, nullptr);
      after_submit();
      while (io_uring_peek_cqe(&_ring, &cqe) == 0) {
        const uint64_t tag = cqe->user_data;
        const int res = cqe->res;
        const uint32_t flags = cqe->flags;
        io_uring_cqe_seen(&_ring, cqe);
        handle(tag, res, flags, nullptr);
      }
    }
    _bufs.destroy();
    io_uring_queue_exit(&_ring);
  }
}

std::string uring_reactor::describe() const {
  std::string s = "uring (";
  if (_setup_flags & IORING_SETUP_DEFER_TASKRUN)
    s += "single_issuer+defer_taskrun";
  else if (_setup_flags & IORING_SETUP_COOP_TASKRUN)
    s += "coop_taskrun";
  else
    s += "basic";
  s += ", " + std::to_string(_bufs.count()) + " x " + std::to_string(_bufs.size()) +
       " B provided buffers)";
  return s;
}

io_uring_sqe* uring_reactor::get_sqe() {
  io_uring_sqe* sqe = io_uring_get_sqe(&_ring);
  if (sqe) return sqe;
  submit_now();
  return io_uring_get_sqe(&_ring);
}

void uring_reactor::submit_now() {
  // A full SQ or arena forces an early submit; retry while the kernel pushes
  // back (CQ overflow), letting it post completions in between.
  for (int i = 0; i < 100; ++i) {
    io_uring_submit(&_ring);
    after_submit();
    if (io_uring_sq_ready(&_ring) == 0) return;
    io_uring_get_events(&_ring);
  }
  std::fprintf(stderr, "sioring: io_uring submission queue stalled\n");
  std::abort();
}

void uring_reactor::after_submit() {
  // SUBMIT_STABLE: once the kernel took the SQEs it has copied what they point
  // to, so the arenas can be reused.
  if (io_uring_sq_ready(&_ring) == 0) _iov_used = _msg_used = _addr_used = 0;
}

void uring_reactor::arm_wake() {
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_read(sqe, _wake, &_wake_value, sizeof(_wake_value), 0);
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::wake, 0, 0));
  ++_pending;
}

void uring_reactor::arm_accept(unsigned idx) {
  listener& l = _listeners[idx];
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_multishot_accept(sqe, l.fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::accept, 0, idx));
  l.armed = true;
  ++_pending;
}

unsigned uring_reactor::add_listener(int fd) {
  const auto idx = static_cast<unsigned>(_listeners.size());
  _listeners.push_back({fd, false, false});
  resume_listener(idx);
  return idx;
}

void uring_reactor::pause_listener(unsigned idx) {
  listener& l = _listeners[idx];
  if (!l.active) return;
  l.active = false;
  if (!l.armed) return;
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_cancel64(sqe, make_tag(op_kind::accept, 0, idx), 0);
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::ignore, 0, 0));
  if (_cqe_skip) sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
}

void uring_reactor::resume_listener(unsigned idx) {
  listener& l = _listeners[idx];
  if (l.active) return;
  l.active = true;
  // Still armed while a cancel is on its way: the final completion re-arms.
  if (!l.armed) arm_accept(idx);
}

void uring_reactor::start_recv(uint32_t slot, uint32_t gen, int fd) {
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_recv_multishot(sqe, fd, nullptr, 0, 0);
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = _bufs.group();
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::recv, gen, slot));
  ++_pending;
}

void uring_reactor::send(uint32_t slot, uint32_t gen, int fd, const iovec* iov, unsigned n) {
  if (n > 1 && (_iov_used + n > iov_arena_size || _msg_used == msg_arena_size)) submit_now();
  io_uring_sqe* sqe = get_sqe();
  if (n == 1) {
    io_uring_prep_send(sqe, fd, iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL);
  } else {
    // get_sqe() may have submitted and reset the arenas: take slots after it.
    iovec* v = &_iovs[_iov_used];
    _iov_used += n;
    std::memcpy(v, iov, n * sizeof(iovec));
    msghdr* m = &_msgs[_msg_used++];
    *m = msghdr{};
    m->msg_iov = v;
    m->msg_iovlen = n;
    io_uring_prep_sendmsg(sqe, fd, m, MSG_NOSIGNAL);
  }
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::send, gen, slot));
  ++_pending;
}

void uring_reactor::connect(uint32_t slot, uint32_t gen, int fd, const sockaddr_in& to) {
  if (_addr_used == addr_arena_size) submit_now();
  io_uring_sqe* sqe = get_sqe();
  sockaddr_in* a = &_addrs[_addr_used++];
  *a = to;
  io_uring_prep_connect(sqe, fd, reinterpret_cast<const sockaddr*>(a), sizeof(*a));
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::connect, gen, slot));
  ++_pending;
}

void uring_reactor::cancel(uint32_t slot, uint32_t gen, int fd, unsigned ops) {
  (void)fd;
  // By user_data, not by fd: the fd number may be closed and reused before the
  // cancel runs. SQEs are issued in order, so an operation queued earlier in
  // this turn is already in the kernel when its cancel arrives.
  const op_kind kinds[] = {op_kind::recv, op_kind::send, op_kind::connect};
  const unsigned bits[] = {op_recv, op_send, op_connect};
  for (int i = 0; i < 3; ++i) {
    if (!(ops & bits[i])) continue;
    io_uring_sqe* sqe = get_sqe();
    io_uring_prep_cancel64(sqe, make_tag(kinds[i], gen, slot), 0);
    io_uring_sqe_set_data64(sqe, make_tag(op_kind::ignore, 0, 0));
    if (_cqe_skip) sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
  }
}

void uring_reactor::close_fd(int fd) {
  // Through the ring, after the cancels queued before it: closing at once
  // could let an accept reuse the number while an unsubmitted SQE still names it.
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_close(sqe, fd);
  io_uring_sqe_set_data64(sqe, make_tag(op_kind::ignore, 0, 0));
  if (_cqe_skip) sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
}

void uring_reactor::detach(uint32_t slot, uint32_t gen, int fd, std::string& unread) {
  (void)fd;
  const uint64_t tag = make_tag(op_kind::recv, gen, slot);
  submit_now();  // the receive may still sit unsubmitted in the SQ
  io_uring_sync_cancel_reg reg{};
  reg.addr = tag;
  reg.timeout.tv_sec = -1;
  reg.timeout.tv_nsec = -1;
  io_uring_register_sync_cancel(&_ring, &reg);
  io_uring_get_events(&_ring);  // flush deferred completions into the CQ ring
  // Completions of this receive already in the ring but not yet handled carry
  // bytes taken from the socket: hand them over and neutralise the entries.
  const unsigned tail = io_uring_smp_load_acquire(_ring.cq.ktail);
  for (unsigned h = *_ring.cq.khead; h != tail; ++h) {
    io_uring_cqe* cqe = &_ring.cq.cqes[h & _ring.cq.ring_mask];
    if (cqe->user_data != tag) continue;
    if (cqe->flags & IORING_CQE_F_BUFFER) {
      const auto bid = static_cast<uint16_t>(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
      if (cqe->res > 0)
        unread.append(reinterpret_cast<const char*>(_bufs.buffer(bid)),
                      static_cast<size_t>(cqe->res));
      _bufs.recycle(bid);
      cqe->flags &= ~IORING_CQE_F_BUFFER;
    }
    cqe->user_data = make_tag(op_kind::detached, gen, slot);
  }
}

void uring_reactor::handle(uint64_t tag, int res, uint32_t flags, reactor_events* ev) {
  const bool more = (flags & IORING_CQE_F_MORE) != 0;
  const uint32_t slot = tag_slot(tag);
  const uint32_t gen = tag_gen(tag);
  switch (tag_kind(tag)) {
    case op_kind::accept: {
      if (!more) {
        --_pending;
        _listeners[slot].armed = false;
      }
      if (res >= 0) {
        if (ev && _listeners[slot].active)
          ev->on_accept(slot, res);
        else
          ::close(res);
      } else if (ev && res != -ECANCELED) {
        ev->on_accept(slot, res);
      }
      if (ev && !_listeners[slot].armed && _listeners[slot].active) arm_accept(slot);
      return;
    }
    case op_kind::recv: {
      if (flags & IORING_CQE_F_BUFFER) {
        const auto bid = static_cast<uint16_t>(flags >> IORING_CQE_BUFFER_SHIFT);
        if (ev && res > 0)
          ev->on_recv(slot, gen, std::span<uint8_t>(_bufs.buffer(bid), static_cast<size_t>(res)));
        _bufs.recycle(bid);  // after on_recv returned: the span was borrowed
      }
      if (!more) {
        --_pending;
        if (ev) ev->on_recv_end(slot, gen, res);
      }
      return;
    }
    case op_kind::send:
      --_pending;
      if (ev) ev->on_send(slot, gen, res);
      return;
    case op_kind::connect:
      --_pending;
      if (ev) ev->on_connect(slot, gen, res);
      return;
    case op_kind::wake:
      --_pending;
      if (ev) {
        ev->on_wake();
        arm_wake();
      }
      return;
    case op_kind::detached:
      if (!more) --_pending;
      return;
    default:
      if (flags & IORING_CQE_F_BUFFER)
        _bufs.recycle(static_cast<uint16_t>(flags >> IORING_CQE_BUFFER_SHIFT));
      return;
  }
}

int uring_reactor::run_once(int timeout_ms, reactor_events& ev) {
  int r;
  if (timeout_ms == 0) {
    r = io_uring_submit_and_get_events(&_ring);
  } else if (timeout_ms < 0) {
    r = io_uring_submit_and_wait(&_ring, 1);
  } else {
    __kernel_timespec ts{timeout_ms / 1000, (timeout_ms % 1000) * 1'000'000LL};
    io_uring_cqe* cqe = nullptr;
    r = io_uring_submit_and_wait_timeout(&_ring, &cqe, 1, &ts, nullptr);
  }
  after_submit();
  if (r < 0 && r != -ETIME && r != -EINTR && r != -EAGAIN && r != -EBUSY) return r;
  // Handle what is there now; completions posted meanwhile wait for the next
  // turn so the loop's other phases (timers, mailbox, flush) keep their pace.
  const unsigned n = io_uring_cq_ready(&_ring);
  for (unsigned i = 0; i < n; ++i) {
    io_uring_cqe* cqe = nullptr;
    if (io_uring_peek_cqe(&_ring, &cqe) != 0) break;
    const uint64_t tag = cqe->user_data;
    const int res = cqe->res;
    const uint32_t flags = cqe->flags;
    io_uring_cqe_seen(&_ring, cqe);
    handle(tag, res, flags, &ev);
  }
  return static_cast<int>(n);
}

}  // namespace sio::engine::detail
