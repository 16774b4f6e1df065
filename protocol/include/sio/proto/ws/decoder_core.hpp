#pragma once
// The sink-free state machine behind ws::frame_decoder (frame_decoder.hpp): it turns
// bytes into one event at a time, so the template over the sink stays a thin switch.

#include <sio/proto/ws/decoder_options.hpp>
#include <sio/proto/ws/message_buffer.hpp>
#include <sio/proto/ws/opcode.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

namespace sio::proto::ws {

/// What decoder_core::next found.
enum class decoder_event_kind : uint8_t {
  need_more,  ///< every byte given was consumed (or the decoder is dead); feed more
  message,    ///< op: text | binary; payload: the whole message, unmasked, UTF-8 checked
  ping,       ///< payload: the ping's application data
  pong,       ///< payload: the pong's application data
  close,      ///< code (1005 for an empty close payload), payload: the UTF-8 reason
  error,      ///< code: 1002 / 1007 / 1009 (1011 when memory ran out); the decoder is dead
};

/// One decoded item. `data` points into the caller's input or into the decoder's
/// buffer and stays valid until the next call on the decoder.
struct decoder_event {
  decoder_event_kind kind;
  opcode op;
  uint16_t code;
  uint8_t* data;
  size_t size;
};

/// RFC 6455 §5 receiver: header checks, unmasking, defragmentation, size limit, UTF-8
/// and close-payload validation. One per connection; single-threaded; movable.
class decoder_core {
 public:
  /// A partial frame or fragmented message buffer bigger than this is freed once its
  /// message has been delivered, so an idle connection does not keep a large buffer.
  static constexpr size_t retained_capacity = 16 * 1024;

  /// A decoder at the start of a stream. Allocates nothing.
  explicit decoder_core(const decoder_options& options);

  /// Decodes from in[pos..] until one event is complete, advancing `pos` past every
  /// byte consumed; masked payload bytes are unmasked in place. Bytes after `in` up
  /// to ws::padding must be readable. On need_more, pos == in.size() unless the
  /// decoder is dead (failed: pos unchanged). After a close frame the decoder
  /// consumes and ignores everything (§5.5.1: nothing follows a close).
  decoder_event next(std::span<uint8_t> in, size_t& pos);

  /// Call after each event is handled: frees an oversized buffer that holds nothing.
  void settle() {
    if (_buffer.capacity() > retained_capacity && _buffer.size() == 0) [[unlikely]] {
      _buffer.release();
    }
  }

  /// True once a protocol error was reported.
  bool failed() const;
  /// True once a valid close frame was delivered.
  bool closed() const;
  /// Bytes held for a partial frame or an unfinished fragmented message.
  size_t buffered() const { return _buffer.size(); }

 private:
  // read_header's "input ran out" (close codes start at 1000).
  static constexpr uint16_t need_more_bytes = 1;

  uint16_t check_start(uint8_t b0, uint8_t b1) const;
  uint16_t begin_frame(const uint8_t* header);
  uint16_t read_header(std::span<uint8_t> in, size_t& pos);
  decoder_event whole_frame(uint8_t* payload, size_t size);
  decoder_event message_from_buffer();
  decoder_event close_frame(uint8_t* payload, size_t size);
  bool check_utf8_prefix();
  decoder_event fail(uint16_t code);
  bool is_text_frame() const;

  message_buffer _buffer;
  size_t _max_message_size;
  uint64_t _remaining = 0;   // payload bytes of the current frame not yet consumed
  size_t _utf8_checked = 0;  // buffered text bytes already validated
  uint8_t _spill[14] = {};   // a header split across feeds
  uint8_t _spill_len = 0;
  uint8_t _mask[4] = {};
  uint8_t _phase = 0;  // mask key byte for the next payload byte
  uint8_t _state = 0;
  uint8_t _frame_op = 0;     // opcode nibble of the current frame
  uint8_t _message_op = 0;   // text / binary of an open fragmented message, else 0
  uint8_t _control_len = 0;  // payload length of the current control frame
  bool _fin = false;
  bool _server;
  bool _copying = false;  // part of the current frame's payload went to _buffer
};

// Memory per connection is a feature: keep the fixed state within 80 bytes.
static_assert(sizeof(decoder_core) <= 80);

}  // namespace sio::proto::ws
