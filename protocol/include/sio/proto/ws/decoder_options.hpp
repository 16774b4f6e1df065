#pragma once
// Settings of ws::frame_decoder and the padding contract between it and its callers.

#include <cstddef>

namespace sio::proto::ws {

/// Readable bytes the caller guarantees after every span given to frame_decoder::feed,
/// and that the decoder guarantees after every payload it hands to on_message (so a
/// simdjson parse of the payload needs no copy). The bytes are readable, not
/// necessarily zero or meaningful, and never written by the decoder.
inline constexpr size_t padding = 64;

/// Per-connection decoder settings; fixed for the decoder's lifetime.
struct decoder_options {
  /// A text or binary message (all fragments together) longer than this is refused
  /// with 1009, decided from the frame header before any of its payload is buffered.
  /// A message of exactly this size is accepted.
  size_t max_message_size = 1'000'000;
  /// true: the peer is a client, whose frames must be masked (unmasked -> 1002).
  /// false: the peer is a server, whose frames must not be masked (masked -> 1002).
  bool server = true;
};

}  // namespace sio::proto::ws
