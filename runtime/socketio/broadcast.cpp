// Broadcasts and server-side operations over every shard: one encode, one
// mailbox message per shard, the same frame bytes for every recipient.
#include <sio/proto/json/append.hpp>
#include <sio/proto/sio/sio.hpp>
#include <sio/runtime/broadcast.hpp>
#include <sio/runtime/nsp.hpp>
#include <sio/runtime/server.hpp>

#include "socketio/client.hpp"
#include "socketio/sio_shard.hpp"

namespace sio::runtime {

namespace sp = proto::sio;

broadcast_op& broadcast_op::to(std::string_view room) {
  _rooms.emplace_back(room);
  return *this;
}
broadcast_op& broadcast_op::except(std::string_view room) {
  _except.emplace_back(room);
  return *this;
}
broadcast_op& broadcast_op::local() {
  _local = true;
  return *this;
}
broadcast_op& broadcast_op::volatile_() {
  _volatile = true;
  return *this;
}
broadcast_op& broadcast_op::timeout(uint32_t ms) {
  _timeout_ms = ms;
  return *this;
}
broadcast_op& broadcast_op::except_socket(std::string_view socket_id) {
  _except_socket.assign(socket_id);
  return *this;
}

namespace {

selection selection_of(const broadcast_op& op) {
  return {op.target().index(), op.rooms(), op.excepts(), op.excluded_socket()};
}

// Encodes the event (and its attachments) once for every recipient. A recovery
// offset travels as one more, last, string argument (the reference's format).
std::vector<out_packet> encode_event(std::string_view nsp, std::string_view event,
                                     const emit_args& a, uint64_t ack_id,
                                     std::string_view offset = {}) {
  std::vector<out_packet> packets;
  out_packet_builder b;
  std::string& buf = b.start();
  buf += '4';
  const auto& att = a.attachments();
  std::string with_offset;
  std::string_view json = a.json();
  if (!offset.empty()) {
    with_offset = a.json();
    if (!with_offset.empty()) with_offset += ',';
    proto::json::append_string(with_offset, offset);
    json = with_offset;
  }
  if (att.empty()) {
    sp::append_event(buf, nsp, event, json, ack_id);
    packets.push_back(b.finish_text());
    return packets;
  }
  sp::append_binary_event(buf, nsp, event, json, static_cast<uint32_t>(att.size()), ack_id);
  packets.push_back(b.finish_text());
  for (const auto& bytes : att) {
    packets.push_back(
        make_binary_packet({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}));
  }
  return packets;
}

// Runs fn(sio_shard&) on every shard: inline on the calling shard, by mailbox
// on the others.
template <class Fn>
void on_every_shard(server& srv, Fn fn) {
  sio_shard* here = server::current_shard();
  for (unsigned i = 0; i < srv.shard_count(); ++i) {
    sio_shard& target = srv.shard_at(i);
    if (&target == here) continue;
    target.io().post([fn, &target]() mutable { fn(target); });
  }
  if (here) fn(*here);
}

// Runs fn on a shard thread: here, or shard 0 when called from elsewhere.
template <class Fn>
void on_some_shard(server& srv, Fn fn) {
  if (sio_shard* here = server::current_shard()) return fn(*here);
  sio_shard& first = srv.shard_at(0);
  first.io().post([fn, &first]() mutable { fn(first); });
}

}  // namespace

void broadcast_op::emit(std::string_view event, const emit_args& a) {
  if (sp::is_reserved_event(event)) return;
  auto msg = std::make_shared<broadcast_msg>();
  msg->sel = selection_of(*this);
  msg->is_volatile = _volatile;
  if (_server->config().sio.recovery && !_volatile) msg->offset = _server->next_offset();
  msg->packets = encode_event(_nsp->name(), event, a, sp::no_ack, msg->offset);
  std::shared_ptr<const broadcast_msg> shared = std::move(msg);
  on_every_shard(*_server, [shared](sio_shard& s) { s.deliver(shared); });
}

namespace {
// Gathers the acks of a broadcast on the shard that asked for them.
struct ack_collector {
  broadcast_ack_callback done;
  std::vector<ack_response> responses;
  size_t expected = 0;
  unsigned shards_left = 0;
  bool finished = false;
  engine::timer timer;
  std::shared_ptr<ack_collector> self;  // alive until finished

  void finish(bool timed_out, engine::shard& io) {
    if (finished) return;
    finished = true;
    io.timers().cancel(timer);
    auto cb = std::move(done);
    auto keep = std::move(self);
    if (cb) cb(timed_out, std::move(responses));
  }
  void check(engine::shard& io) {
    if (shards_left == 0 && responses.size() >= expected) finish(false, io);
  }
};
}  // namespace

void broadcast_op::emit_with_ack(std::string_view event, const emit_args& a,
                                 broadcast_ack_callback done) {
  server* srv = _server;
  broadcast_op op = *this;
  std::string ev(event);
  emit_args args_copy = a;
  on_some_shard(*srv, [srv, op, ev, args_copy, done](sio_shard& origin) mutable {
    auto col = std::make_shared<ack_collector>();
    col->self = col;
    col->done = std::move(done);
    col->shards_left = srv->shard_count();
    col->timer.ctx = col.get();
    col->timer.fn = [](engine::timer& t) {
      auto* c = static_cast<ack_collector*>(t.ctx);
      c->finish(true, server::current_shard()->io());
    };
    origin.io().timers().arm(col->timer, op._timeout_ms);
    const uint64_t id = origin.next_ack_id();
    auto msg = std::make_shared<broadcast_msg>();
    msg->sel = selection_of(op);
    msg->packets = encode_event(op._nsp->name(), ev, args_copy, id);
    std::shared_ptr<const broadcast_msg> shared = std::move(msg);
    sio_shard* home = &origin;
    const uint32_t timeout = op._timeout_ms;
    on_every_shard(*srv, [shared, col, home, id, timeout](sio_shard& s) {
      size_t count = 0;
      s.select(shared->sel, [&](socket& sock) {
        if (!sock.connected() || !sock.owner().open()) return;
        for (const auto& p : shared->packets) sock.owner().send(p);
        ++count;
        sock.expect_ack(id, timeout, [col, home](bool timed_out, args& a) {
          if (timed_out) return;  // the collector's own timer decides
          ack_response response;
          response.json = "[";
          response.json.append(a.raw());
          response.json += ']';
          response.attachments.assign(a.attachments().begin(), a.attachments().end());
          home->io().post([col, home, r = std::move(response)]() mutable {
            if (col->finished) return;
            col->responses.push_back(std::move(r));
            col->check(home->io());
          });
        });
      });
      home->io().post([col, home, count] {
        if (col->finished) return;
        col->expected += count;
        --col->shards_left;
        col->check(home->io());
      });
    });
  });
}

void broadcast_op::fetch_sockets(std::function<void(std::vector<socket_info>)> done) {
  server* srv = _server;
  selection sel = selection_of(*this);
  on_some_shard(*srv, [srv, sel, done](sio_shard& origin) mutable {
    struct gather {
      std::vector<socket_info> all;
      unsigned left;
      std::function<void(std::vector<socket_info>)> done;
    };
    auto g = std::make_shared<gather>();
    g->left = srv->shard_count();
    g->done = std::move(done);
    sio_shard* home = &origin;
    on_every_shard(*srv, [sel, g, home](sio_shard& s) {
      std::vector<socket_info> found;
      s.select(sel, [&](socket& sock) {
        if (!sock.connected()) return;
        socket_info info;
        info.id.assign(sock.id());
        info.nsp.assign(sock.nsp_name());
        info.rooms = sock.rooms();
        info.data = sock.data();
        info.auth = sock.handshake().auth;
        info.query = sock.handshake().query;
        info.shard = s.index();
        found.push_back(std::move(info));
      });
      home->io().post([g, f = std::move(found)]() mutable {
        for (auto& i : f) g->all.push_back(std::move(i));
        if (--g->left == 0 && g->done) g->done(std::move(g->all));
      });
    });
  });
}

namespace {
// Collects refs first: the action may run user code that changes the rooms.
template <class Fn>
void for_selected(sio_shard& s, const selection& sel, Fn fn) {
  std::vector<socket_ref> refs;
  s.select(sel, [&](socket& sock) { refs.push_back(sock.ref()); });
  for (const auto& r : refs) {
    if (socket* sock = r.get()) fn(*sock);
  }
}
}  // namespace

void broadcast_op::sockets_join(std::string_view room) {
  selection sel = selection_of(*this);
  std::string r(room);
  on_every_shard(*_server, [sel, r](sio_shard& s) {
    for_selected(s, sel, [&](socket& sock) { sock.join(r); });
  });
}

void broadcast_op::sockets_leave(std::string_view room) {
  selection sel = selection_of(*this);
  std::string r(room);
  on_every_shard(*_server, [sel, r](sio_shard& s) {
    for_selected(s, sel, [&](socket& sock) { sock.leave(r); });
  });
}

void broadcast_op::disconnect_sockets(bool close) {
  selection sel = selection_of(*this);
  on_every_shard(*_server, [sel, close](sio_shard& s) {
    for_selected(s, sel, [&](socket& sock) { sock.disconnect(close); });
  });
}

}  // namespace sio::runtime
