#pragma once
// Reassembly of a binary packet from its header and attachments
// (socket.io-protocol v5 §"Binary data"; PROTOCOL.md §3.3).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <sio/proto/sio/decoder.hpp>
#include <sio/proto/sio/errc.hpp>
#include <sio/proto/sio/packet.hpp>
#include <sio/proto/sio/placeholder.hpp>  // placeholder_index, to resolve attachments

namespace sio::proto::sio {

/// Collects a binary_event / binary_ack header and the attachments that follow
/// it as separate Engine.IO binary messages. start() copies the header (it
/// outlives the frame it came in) and re-decodes it with the assembler's own
/// decoder, so packet_view() does not depend on the caller's decoder; add()
/// copies each attachment. Buffers are kept across packets (reset() keeps
/// them, release() frees them): no allocation per packet once the largest
/// packet has been seen. One per connection; not thread-safe. Movable, but a
/// move invalidates packet_view()'s views.
///
/// Order of calls: start(), add() × attachments, then complete() is true and
/// packet_view() / attachments() are ready until reset() or the next start().
class binary_assembler {
 public:
  explicit binary_assembler(decoder_options o = {});

  /// Begins collecting for `header`, a decoded packet of type binary_event or
  /// binary_ack with attachments ≥ 1 (copies what it needs; `header` may die
  /// afterwards). Checks every placeholder in the payload (placeholder_index):
  /// each must be valid with num < attachments, else bad_placeholder — the
  /// check socket.io-parser makes when the last attachment arrives, made
  /// early so a bad header fails before its attachments are buffered.
  /// Errors: unexpected_text while still collecting (the previous packet's
  /// attachments are missing); bad_type for a non-binary packet;
  /// bad_attachments / too_many_attachments for a count of 0 or above
  /// max_attachments; any decode error; bad_placeholder. On error the
  /// assembler is left idle (as after reset()), except for unexpected_text,
  /// which leaves the packet being collected untouched.
  errc start(const packet& header);

  /// Copies one attachment. unexpected_binary when not collecting (idle, or
  /// all attachments already there).
  errc add(std::span<const uint8_t> attachment);

  /// A header was started and attachments are still due.
  bool collecting() const { return _active && _received < _packet.attachments; }
  /// A header was started and all its attachments arrived.
  bool complete() const { return _active && _received == _packet.attachments; }
  /// Attachments received so far for the current packet.
  uint32_t received() const { return _received; }

  /// The header packet (type binary_event / binary_ack). Valid after a
  /// successful start() until reset() or the next start().
  const packet& packet_view() const { return _packet; }

  /// The attachments received so far, in order (all of them once complete()).
  /// Same lifetime as packet_view().
  std::span<const std::string> attachments() const { return {_slots.data(), _received}; }

  /// Back to idle, keeping buffer capacity for the next packet.
  void reset();
  /// Back to idle and frees the buffers (for a connection going quiet).
  void release();

 private:
  decoder _decoder;
  packet _packet;
  std::string _header;  // the header text _packet views
  std::vector<std::string> _slots;
  uint32_t _received = 0;
  bool _active = false;
};

}  // namespace sio::proto::sio
