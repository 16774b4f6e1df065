#include "socketio/recovery_store.hpp"

namespace sio::runtime {

bool is_recoverable_reason(std::string_view reason) {
  return reason == "transport close" || reason == "transport error" || reason == "forced close" ||
         reason == "ping timeout" || reason == "server shutting down" ||
         reason == "forced server close";
}

void recovery_store::save(saved_session s, uint64_t now_ms) {
  std::lock_guard lock(_mutex);
  prune(now_ms);
  std::string key = s.pid;
  _by_pid.insert_or_assign(std::move(key), std::move(s));
}

std::optional<saved_session> recovery_store::take(const std::string& pid, std::string_view nsp,
                                                  uint64_t now_ms) {
  std::lock_guard lock(_mutex);
  auto it = _by_pid.find(pid);
  if (it == _by_pid.end()) return std::nullopt;
  saved_session s = std::move(it->second);
  _by_pid.erase(it);
  if (s.expires_ms <= now_ms || s.nsp != nsp) return std::nullopt;
  return s;
}

// Sessions expire in bulk; sweeping at most once a second keeps this O(1) amortised.
void recovery_store::prune(uint64_t now_ms) {
  if (now_ms < _next_prune_ms) return;
  _next_prune_ms = now_ms + 1000;
  std::erase_if(_by_pid, [&](const auto& kv) { return kv.second.expires_ms <= now_ms; });
}

}  // namespace sio::runtime
