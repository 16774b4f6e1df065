#pragma once
// An Engine.IO packet encoded once for every transport: the bytes are a complete
// WebSocket frame (server header + payload); polling reads the payload part.
// Many sessions, on many shards, hold references to the same bytes.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <sio/engine/frame.hpp>

namespace sio::runtime {

struct out_packet {
  engine::frame_ref frame;  ///< WebSocket frame bytes: header, then payload
  uint8_t header_size = 0;  ///< bytes of WebSocket header before the payload
  bool binary = false;      ///< a binary message (base64 "b…" record on polling)

  /// The Engine.IO payload without WebSocket framing ("4…", "2", or raw binary).
  std::string_view payload() const { return frame->view().substr(header_size); }
};

/// Builds an out_packet with one copy of the payload into its final frame.
/// Usage: `auto& buf = b.start(); buf += '4'; …; out_packet p = b.finish_text();`
class out_packet_builder {
 public:
  /// Returns the buffer to append the payload to (cleared; room kept for the header).
  std::string& start();
  out_packet finish_text();
  out_packet finish_binary();

 private:
  out_packet finish(bool binary);
  std::string _buf;
};

/// One-shot helpers for small control packets ("2", "3probe", "6", "1").
out_packet make_text_packet(std::string_view eio_text);
out_packet make_binary_packet(std::span<const uint8_t> bytes);

}  // namespace sio::runtime
