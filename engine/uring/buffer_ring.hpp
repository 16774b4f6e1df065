#pragma once

#include <liburing.h>

#include <cstddef>
#include <cstdint>

namespace sio::engine::detail {

/// A provided-buffer ring (IORING_REGISTER_PBUF_RING) and the buffers behind
/// it. liburing 2.3 has no io_uring_setup_buf_ring, so the ring is mmapped and
/// registered here. Each buffer is followed by 64 bytes of slack that the
/// kernel never writes (the padding contract of stream_handler::on_data).
class buffer_ring {
 public:
  buffer_ring() = default;
  buffer_ring(const buffer_ring&) = delete;
  buffer_ring& operator=(const buffer_ring&) = delete;
  ~buffer_ring();

  /// Maps `count` (rounded up to a power of two, at most 32768) buffers of
  /// `size` bytes, registers them as group `group` on `ring`. 0 or -errno.
  int init(io_uring* ring, uint16_t group, uint32_t count, uint32_t size);
  /// Unregisters and unmaps (the ring must still be alive).
  void destroy();

  uint16_t group() const { return _group; }
  uint32_t count() const { return _count; }
  uint32_t size() const { return _size; }
  uint8_t* buffer(uint16_t bid) const { return _mem + size_t{bid} * _stride; }
  /// Hands buffer `bid` back to the kernel.
  void recycle(uint16_t bid) {
    io_uring_buf_ring_add(_br, buffer(bid), _size, bid, io_uring_buf_ring_mask(_count), 0);
    io_uring_buf_ring_advance(_br, 1);
  }

 private:
  io_uring* _ring = nullptr;
  io_uring_buf_ring* _br = nullptr;
  size_t _ring_bytes = 0;
  uint8_t* _mem = nullptr;
  size_t _mem_bytes = 0;
  uint32_t _count = 0, _size = 0, _stride = 0;
  uint16_t _group = 0;
  bool _registered = false;
};

}  // namespace sio::engine::detail
