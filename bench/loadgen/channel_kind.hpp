#pragma once
// Which of a session's connections an event comes from.

#include <cstdint>

namespace sio::bench {

/// websocket: the WebSocket; poll_get: the long-poll GET connection;
/// poll_post: the connection that POSTs packets.
enum class channel_kind : uint8_t { websocket, poll_get, poll_post };

}  // namespace sio::bench
