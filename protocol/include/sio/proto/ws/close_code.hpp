#pragma once
// RFC 6455 §7.4: status codes carried by a close frame.

#include <cstdint>

namespace sio::proto::ws {

/// §7.4.1 defined codes. 1005 and 1006 are never sent on the wire: 1005 stands for a
/// close frame without a payload, 1006 for a connection lost without a close frame.
namespace close_code {
inline constexpr uint16_t normal = 1000;
inline constexpr uint16_t going_away = 1001;
inline constexpr uint16_t protocol_error = 1002;
inline constexpr uint16_t unsupported_data = 1003;
inline constexpr uint16_t no_status = 1005;
inline constexpr uint16_t abnormal = 1006;
inline constexpr uint16_t invalid_payload = 1007;
inline constexpr uint16_t policy_violation = 1008;
inline constexpr uint16_t message_too_big = 1009;
inline constexpr uint16_t internal_error = 1011;
}  // namespace close_code

/// §7.4: true for a code a peer may put in a close frame: 1000-1003, 1007-1014 (the
/// §7.4.1 codes plus those later added to the IANA registry, §11.7) and 3000-4999
/// (registered and private use). False for 0-999, 1004-1006, 1015 and 1016-2999.
bool is_valid_close_code(uint16_t code);

}  // namespace sio::proto::ws
