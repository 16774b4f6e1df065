// Disconnect records (APP.md §6): written on the shard where a socket leaves,
// read by `last-disconnect` on any shard.
#include <algorithm>

#include <sio/proto/json/writer.hpp>

#include "conformance.hpp"

namespace sio::server_app {

void disconnect_records::add(std::string_view id, std::string_view nsp, std::string_view reason,
                             std::vector<std::string> rooms) {
  std::sort(rooms.begin(), rooms.end());
  std::string json;
  proto::json::writer w(json);
  w.begin_object().key("id").string(id).key("nsp").string(nsp).key("reason").string(reason);
  w.key("rooms").begin_array();
  for (const auto& r : rooms) w.string(r);
  w.end_array().end_object();

  std::lock_guard lock(_mutex);
  const uint64_t seq = ++_seq;
  // A recovered socket keeps its id: its newer record replaces the older one.
  _by_id[std::string(id)] = entry{seq, json};
  _order.emplace_back(std::string(id), seq);
  _last = std::move(json);
  while (_order.size() > capacity) {
    auto& [old_id, old_seq] = _order.front();
    auto it = _by_id.find(old_id);
    if (it != _by_id.end() && it->second.seq == old_seq) _by_id.erase(it);
    _order.pop_front();
  }
}

std::optional<std::string> disconnect_records::find(std::string_view id) const {
  std::lock_guard lock(_mutex);
  auto it = _by_id.find(std::string(id));
  if (it == _by_id.end()) return std::nullopt;
  return it->second.json;
}

std::optional<std::string> disconnect_records::last() const {
  std::lock_guard lock(_mutex);
  if (_last.empty()) return std::nullopt;
  return _last;
}

}  // namespace sio::server_app
