#include <sio/runtime/server.hpp>

#include <thread>

#include <sio/runtime/ids.hpp>

#include <sio/runtime/adapter.hpp>

#include "socketio/recovery_store.hpp"
#include "socketio/sio_shard.hpp"

namespace sio::runtime {

server::server(server_config cfg)
    : _config(std::move(cfg)),
      _recovery(std::make_unique<recovery_store>()),
      _adapter(make_local_adapter(*this)),
      _nsps(new std::atomic<nsp*>[max_namespaces]) {
  uint8_t r[4] = {};
  fill_random(r, sizeof r);
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (uint8_t b : r) _offset_prefix += digits[b % 36];
  _offset_prefix += '.';
  for (uint32_t i = 0; i < max_namespaces; ++i) _nsps[i].store(nullptr);
  if (_config.engine.shards == 0) {
    _config.engine.shards = std::max(1u, std::thread::hardware_concurrency());
  }
  of("/");
}

server::~server() {
  for (uint32_t i = 0; i < _nsp_count.load(); ++i) delete _nsps[i].load();
}

nsp* server::nsp_at(uint32_t index) {
  return index < _nsp_count.load(std::memory_order_acquire) ? _nsps[index].load() : nullptr;
}

nsp& server::of(std::string_view name) {
  std::string full(name);
  if (full.empty() || full[0] != '/') full.insert(full.begin(), '/');
  std::lock_guard lock(_nsp_mutex);
  const uint32_t n = _nsp_count.load(std::memory_order_relaxed);
  for (uint32_t i = 0; i < n; ++i) {
    if (_nsps[i].load()->name() == full) return *_nsps[i].load();
  }
  if (n == max_namespaces) std::abort();  // a server with 4096 namespaces is misconfigured
  auto* created = new nsp(*this, n, std::move(full));
  _nsps[n].store(created);
  _nsp_count.store(n + 1, std::memory_order_release);
  return *created;
}

void server::dynamic(std::function<bool(std::string_view)> accept,
                     std::function<void(nsp&)> setup) {
  std::lock_guard lock(_nsp_mutex);
  _dynamic_accept = std::move(accept);
  _dynamic_setup = std::move(setup);
}

nsp* server::find_or_create(std::string_view name) {
  const uint32_t n = _nsp_count.load(std::memory_order_acquire);
  for (uint32_t i = 0; i < n; ++i) {
    nsp* candidate = _nsps[i].load();
    if (candidate->name() == name) return candidate;
  }
  std::function<bool(std::string_view)> accept;
  std::function<void(nsp&)> setup;
  {
    std::lock_guard lock(_nsp_mutex);
    accept = _dynamic_accept;
    setup = _dynamic_setup;
  }
  if (!accept || !accept(name)) return nullptr;
  // Created and configured under the lock so no shard sees it half set up.
  std::lock_guard lock(_nsp_mutex);
  const uint32_t m = _nsp_count.load(std::memory_order_relaxed);
  for (uint32_t i = 0; i < m; ++i) {
    if (_nsps[i].load()->name() == name) return _nsps[i].load();
  }
  if (m == max_namespaces) return nullptr;
  auto* created = new nsp(*this, m, std::string(name));
  if (setup) setup(*created);
  _nsps[m].store(created);
  _nsp_count.store(m + 1, std::memory_order_release);
  return created;
}

void server::engineio_endpoint(eio_options o, acceptor_maker make) {
  _config.http.extra_endpoints.push_back(std::move(o));
  _endpoint_makers.push_back(std::move(make));
}

int server::start() {
  const unsigned shards = _config.engine.shards;
  _engine = std::make_unique<engine::engine>(_config.engine);
  _group.shards.assign(shards, nullptr);
  _shards.resize(shards);
  _runtimes.resize(shards);
  _endpoint_acceptors.resize(shards);
  // Each shard builds its own state on its own thread (it is the only one to touch it).
  return _engine->start([this](engine::shard& s) -> engine::listener_handler* {
    const unsigned i = s.index();
    _shards[i] = std::make_unique<sio_shard>(*this, s);
    std::vector<session_acceptor*> extra;
    for (auto& make : _endpoint_makers) {
      _endpoint_acceptors[i].push_back(make(s));
      extra.push_back(_endpoint_acceptors[i].back().get());
    }
    _runtimes[i] = std::make_unique<shard_runtime>(s, _config.http, _group, _shards[i].get(),
                                                   _fallback, std::move(extra));
    _group.shards[i] = _runtimes[i].get();
    return _runtimes[i].get();
  });
}

void server::run() {
  if (_engine) _engine->run();
}

void server::stop(uint32_t deadline_ms) {
  if (_engine) _engine->stop(deadline_ms);
}

void server::server_side_emit(std::string_view event, const emit_args& a) {
  _adapter->server_side_emit(event, a);
}

std::string server::next_offset() {
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  uint64_t n = _offset_seq.fetch_add(1, std::memory_order_relaxed) + 1;
  char buf[16];
  size_t len = 0;
  while (n) {
    buf[len++] = digits[n % 36];
    n /= 36;
  }
  std::string out = _offset_prefix;
  while (len) out += buf[--len];
  return out;
}

uint16_t server::port() const {
  return _engine ? _engine->port() : _config.engine.port;
}

unsigned server::shard_count() const {
  return _config.engine.shards;
}

}  // namespace sio::runtime
