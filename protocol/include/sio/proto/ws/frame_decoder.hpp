#pragma once
// RFC 6455 §5-§8 receiver: bytes from the socket in, whole messages and control frames
// out to a sink. Resumable: frames may be split anywhere across feeds.

#include <sio/proto/ws/close_code.hpp>
#include <sio/proto/ws/decoder_core.hpp>
#include <sio/proto/ws/decoder_options.hpp>
#include <sio/proto/ws/opcode.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sio::proto::ws {

/// What frame_decoder calls. Each bool-returning callback returns false to make feed()
/// return at once (the connection was closed inside the callback, say); the decoder is
/// then still consistent and may be fed again. Payload spans are valid only during the
/// call. A callback must not call feed() on the same decoder.
///  - on_message(op, payload): op is text or binary; the whole message, unmasked,
///    text already UTF-8-validated; followed by >= ws::padding readable bytes.
///  - on_ping / on_pong(payload): the control frame's application data (<= 125 bytes).
///  - on_close(code, reason): code is close_code::no_status when the frame had no
///    payload; code and UTF-8 reason already validated. Nothing is decoded after it.
///  - on_protocol_error(code): 1002 / 1007 / 1009 (1011 if memory ran out); the decoder
///    is dead afterwards.
template <class Sink>
concept frame_sink = requires(Sink& s, opcode op, std::span<uint8_t> payload,
                              std::span<const uint8_t> control, uint16_t code,
                              std::string_view reason) {
  { s.on_message(op, payload) } -> std::convertible_to<bool>;
  { s.on_ping(control) } -> std::convertible_to<bool>;
  { s.on_pong(control) } -> std::convertible_to<bool>;
  { s.on_close(code, reason) } -> std::convertible_to<bool>;
  s.on_protocol_error(code);
};

/// One per connection, on the connection's thread. Holds a reference to the sink,
/// which must outlive it. State: sizeof(decoder_core) + a pointer, plus a reassembly
/// buffer allocated only for partial frames and fragmented messages.
template <class Sink>
class frame_decoder {
 public:
  /// Decodes for `sink` (kept by reference) with `options`. Allocates nothing.
  /// Not explicit, so `frame_decoder<S> d = {sink, options};` works too.
  frame_decoder(Sink& sink, decoder_options options = {})  // NOLINT(google-explicit-constructor)
      : _sink(&sink), _core(options) {}

  /// Consumes `data` (unmasking it in place); the caller guarantees ws::padding
  /// readable bytes after it. Frames may be split anywhere across calls and several
  /// may arrive in one call. Returns the bytes consumed: all of them unless the sink
  /// stopped (returned false) or a protocol error was reported. After an error it
  /// returns 0 and calls nothing; after a close frame it consumes and ignores all.
  size_t feed(std::span<uint8_t> data) {
    // Checked here, not on the class: a sink may hold its own decoder as a member.
    static_assert(frame_sink<Sink>, "Sink lacks a frame_decoder callback (see frame_sink)");
    size_t pos = 0;
    for (;;) {
      const decoder_event e = _core.next(data, pos);
      switch (e.kind) {
        case decoder_event_kind::need_more:
          return pos;
        case decoder_event_kind::message:
          if (!_sink->on_message(e.op, std::span<uint8_t>(e.data, e.size))) return pos;
          break;
        case decoder_event_kind::ping:
          if (!_sink->on_ping(std::span<const uint8_t>(e.data, e.size))) return pos;
          break;
        case decoder_event_kind::pong:
          if (!_sink->on_pong(std::span<const uint8_t>(e.data, e.size))) return pos;
          break;
        case decoder_event_kind::close:
          if (!_sink->on_close(e.code,
                               std::string_view(reinterpret_cast<const char*>(e.data), e.size))) {
            return pos;
          }
          break;
        case decoder_event_kind::error:
          _sink->on_protocol_error(e.code);
          return pos;
      }
      _core.settle();
    }
  }

  /// True once on_protocol_error was called.
  bool failed() const { return _core.failed(); }
  /// True once on_close was called.
  bool closed() const { return _core.closed(); }
  /// Bytes held for a partial frame or an unfinished fragmented message.
  size_t buffered() const { return _core.buffered(); }

 private:
  Sink* _sink;
  decoder_core _core;
};

}  // namespace sio::proto::ws
