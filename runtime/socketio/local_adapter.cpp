// The one-node adapter: every operation reaches every shard of this process
// by mailbox (inline on the calling shard), one message per shard.
#include <sio/runtime/adapter.hpp>
#include <sio/runtime/server.hpp>

#include "socketio/client.hpp"
#include "socketio/sio_shard.hpp"

namespace sio::runtime {

namespace {

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

// Collects refs first: the action may run user code that changes the rooms.
template <class Fn>
void for_selected(sio_shard& s, const selection& sel, Fn fn) {
  std::vector<socket_ref> refs;
  s.select(sel, [&](socket& sock) { refs.push_back(sock.ref()); });
  for (const auto& r : refs) {
    if (socket* sock = r.get()) fn(*sock);
  }
}

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

class local_adapter final : public adapter {
 public:
  explicit local_adapter(server& srv) : _srv(srv) {}

  void broadcast(std::shared_ptr<const broadcast_msg> m, bool) override {
    on_every_shard(_srv, [m](sio_shard& s) { s.deliver(m); });
  }

  void broadcast_with_ack(selection sel, packet_encoder encode, uint32_t timeout_ms,
                          broadcast_ack_callback done) override {
    server* srv = &_srv;
    on_some_shard(_srv, [srv, sel = std::move(sel), encode = std::move(encode), timeout_ms,
                         done = std::move(done)](sio_shard& origin) mutable {
      auto col = std::make_shared<ack_collector>();
      col->self = col;
      col->done = std::move(done);
      col->shards_left = srv->shard_count();
      col->timer.ctx = col.get();
      col->timer.fn = [](engine::timer& t) {
        auto* c = static_cast<ack_collector*>(t.ctx);
        c->finish(true, server::current_shard()->io());
      };
      origin.io().timers().arm(col->timer, timeout_ms);
      const uint64_t id = origin.next_ack_id();
      auto msg = std::make_shared<broadcast_msg>();
      msg->sel = std::move(sel);
      msg->packets = encode(id);
      std::shared_ptr<const broadcast_msg> shared = std::move(msg);
      sio_shard* home = &origin;
      on_every_shard(*srv, [shared, col, home, id, timeout_ms](sio_shard& s) {
        size_t count = 0;
        s.select(shared->sel, [&](socket& sock) {
          if (!sock.connected() || !sock.owner().open()) return;
          for (const auto& p : shared->packets) sock.owner().send(p);
          ++count;
          sock.expect_ack(id, timeout_ms, [col, home](bool timed_out, args& a) {
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

  void fetch_sockets(selection sel, std::function<void(std::vector<socket_info>)> done) override {
    server* srv = &_srv;
    on_some_shard(_srv,
                  [srv, sel = std::move(sel), done = std::move(done)](sio_shard& origin) mutable {
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

  void count_sockets(selection sel, std::function<void(size_t)> done) override {
    server* srv = &_srv;
    on_some_shard(_srv,
                  [srv, sel = std::move(sel), done = std::move(done)](sio_shard& origin) mutable {
                    struct tally {
                      size_t total = 0;
                      unsigned left;
                      std::function<void(size_t)> done;
                    };
                    auto t = std::make_shared<tally>();
                    t->left = srv->shard_count();
                    t->done = std::move(done);
                    sio_shard* home = &origin;
                    on_every_shard(*srv, [sel, t, home](sio_shard& s) {
                      size_t n = 0;
                      s.select(sel, [&](socket& sock) { n += sock.connected() ? 1 : 0; });
                      home->io().post([t, n] {
                        t->total += n;
                        if (--t->left == 0 && t->done) t->done(t->total);
                      });
                    });
                  });
  }

  void sockets_join(selection sel, std::string room) override {
    on_every_shard(_srv, [sel = std::move(sel), room = std::move(room)](sio_shard& s) {
      for_selected(s, sel, [&](socket& sock) { sock.join(room); });
    });
  }

  void sockets_leave(selection sel, std::string room) override {
    on_every_shard(_srv, [sel = std::move(sel), room = std::move(room)](sio_shard& s) {
      for_selected(s, sel, [&](socket& sock) { sock.leave(room); });
    });
  }

  void disconnect_sockets(selection sel, bool close) override {
    on_every_shard(_srv, [sel = std::move(sel), close](sio_shard& s) {
      for_selected(s, sel, [&](socket& sock) { sock.disconnect(close); });
    });
  }

  void server_side_emit(std::string_view, const emit_args&) override {}

 private:
  server& _srv;
};

}  // namespace

std::unique_ptr<adapter> make_local_adapter(server& srv) {
  return std::make_unique<local_adapter>(srv);
}

}  // namespace sio::runtime
