#pragma once
// The decoder's reassembly buffer: bytes of a partial frame or fragmented message.

#include <sio/proto/ws/decoder_options.hpp>

#include <cstddef>
#include <cstdint>

namespace sio::proto::ws {

/// A growable byte buffer that always keeps ws::padding bytes of slack after its size
/// so a payload handed out from it is padded like the caller's input. Memory comes
/// from malloc and is reused across messages; release() returns it. Move-only.
class message_buffer {
 public:
  message_buffer() = default;
  message_buffer(const message_buffer&) = delete;
  message_buffer& operator=(const message_buffer&) = delete;
  message_buffer(message_buffer&& other) noexcept;
  message_buffer& operator=(message_buffer&& other) noexcept;
  ~message_buffer() { release(); }

  /// The bytes (null before the first append); ws::padding readable bytes follow
  /// data() + size(). Invalidated by append and release.
  uint8_t* data() { return _data; }
  const uint8_t* data() const { return _data; }
  /// Bytes held.
  size_t size() const { return _size; }
  /// Bytes usable before a reallocation, padding excluded.
  size_t capacity() const { return _capacity; }

  /// Appends `len` bytes. Grows geometrically (bounded by `limit` + padding when
  /// `len` fits in it) so steady-state traffic allocates nothing. Returns false (and
  /// changes nothing) when memory cannot be had.
  bool append(const uint8_t* bytes, size_t len, size_t limit);
  /// Drops bytes past `size` (which must be <= size()); keeps the memory.
  void truncate(size_t size) { _size = size; }
  /// Frees the memory (size and capacity become 0).
  void release();

 private:
  bool grow(size_t needed, size_t limit);

  uint8_t* _data = nullptr;
  size_t _size = 0;
  size_t _capacity = 0;
};

}  // namespace sio::proto::ws
