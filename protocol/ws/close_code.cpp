#include <sio/proto/ws/close_code.hpp>

namespace sio::proto::ws {

// §7.4.1 defines 1000-1011 minus the never-sent 1004 (reserved), 1005 and 1006; the
// IANA registry (§11.7) added 1012-1014. 1015 (TLS failure) is never sent either.
// 3000-3999 are registered for libraries, 4000-4999 private (§7.4.2).
bool is_valid_close_code(uint16_t code) {
  if (code >= 3000 && code <= 4999) return true;
  if (code < 1000 || code > 1014) return false;
  return code != 1004 && code != close_code::no_status && code != close_code::abnormal;
}

}  // namespace sio::proto::ws
