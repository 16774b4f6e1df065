#include <sio/runtime/http_connection.hpp>
#include <sio/runtime/shard_runtime.hpp>

namespace sio::runtime {

shard_runtime::shard_runtime(engine::shard& shard, const server_options& options,
                             runtime_group& group, session_acceptor* acceptor,
                             http_fallback* fallback,
                             std::vector<session_acceptor*> extra_acceptors)
    : _shard(shard), _options(options), _group(group), _fallback(fallback) {
  _endpoints.push_back(
      std::make_unique<eio_server>(*this, shard, options, options.eio, group, acceptor));
  for (size_t i = 0; i < options.extra_endpoints.size(); ++i) {
    session_acceptor* a = i < extra_acceptors.size() ? extra_acceptors[i] : nullptr;
    _endpoints.push_back(
        std::make_unique<eio_server>(*this, shard, options, options.extra_endpoints[i], group, a));
  }
}

eio_server* shard_runtime::endpoint_for(std::string_view path) {
  for (auto& e : _endpoints) {
    if (e->serves(path)) return e.get();
  }
  return nullptr;
}

shard_runtime::~shard_runtime() = default;

engine::stream_handler* shard_runtime::on_accept(engine::shard&, engine::conn_id id) {
  return new http_connection(*this, id);
}

void shard_runtime::on_shutdown(engine::shard&) {
  for (auto& e : _endpoints) {
    if (auto* a = e->acceptor()) a->on_shutdown();
    e->close_all(close_reason::server_shutdown);
  }
}

// The socket moves, not the session: the fd is detached here and adopted by the
// owning shard, which parses the request again as if it had accepted it.
bool shard_runtime::hand_off(engine::conn_id id, unsigned target_shard, std::string request_bytes) {
  std::string unread;  // bytes the reactor had received but not delivered yet
  int fd = _shard.detach(id, unread);
  if (fd < 0) return false;
  request_bytes.append(unread);
  runtime_group* group = &_group;
  _group.shards[target_shard]->shard().post(
      [group, target_shard, fd, bytes = std::move(request_bytes)]() mutable {
        shard_runtime& rt = *group->shards[target_shard];
        auto* c = new http_connection(rt, engine::conn_id{});
        engine::conn_id nid = rt.shard().adopt(fd, c);
        if (!nid.valid()) {
          delete c;
          return;
        }
        c->rebind(nid);
        size_t n = bytes.size();
        bytes.append(64, '\0');  // padding contract of on_data
        c->on_data(nid, {reinterpret_cast<uint8_t*>(bytes.data()), n});
      });
  return true;
}

}  // namespace sio::runtime
