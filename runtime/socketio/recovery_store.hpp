#pragma once
// Connection state recovery (socket.io ≥ 4.6): sockets that ended abnormally,
// kept by their private id (pid) for maxDisconnectionDuration so a client that
// comes back — on any shard — gets its id, rooms and data again. Touched only
// at disconnect and reconnect, never per message, hence one mutex.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sio::runtime {

struct saved_session {
  std::string id;   ///< the socket id to restore
  std::string pid;  ///< private session id the client presents
  std::string nsp;
  std::vector<std::string> rooms;  ///< joined rooms (the own-id room is implied)
  std::string data;                ///< raw JSON
  uint64_t expires_ms = 0;         ///< monotonic clock
};

class recovery_store {
 public:
  void save(saved_session s, uint64_t now_ms);
  /// Removes and returns the session `pid` of namespace `nsp` if it has not expired.
  std::optional<saved_session> take(const std::string& pid, std::string_view nsp, uint64_t now_ms);

 private:
  void prune(uint64_t now_ms);
  std::mutex _mutex;
  std::unordered_map<std::string, saved_session> _by_pid;
  uint64_t _next_prune_ms = 0;
};

/// Disconnect reasons after which a session may be recovered (the reference's list).
bool is_recoverable_reason(std::string_view reason);

}  // namespace sio::runtime
