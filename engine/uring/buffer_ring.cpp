#include "uring/buffer_ring.hpp"

#include <errno.h>
#include <sys/mman.h>

#include <bit>

#include "core/reactor.hpp"

namespace sio::engine::detail {

buffer_ring::~buffer_ring() {
  destroy();
}

int buffer_ring::init(io_uring* ring, uint16_t group, uint32_t count, uint32_t size) {
  _ring = ring;
  _group = group;
  _count = std::bit_ceil(count < 1 ? 1u : (count > 32768 ? 32768u : count));
  _size = size < 64 ? 64 : size;
  // Slack after each buffer, and a stride that keeps buffers 64-byte aligned.
  _stride = (_size + static_cast<uint32_t>(recv_padding) + 63u) & ~63u;

  _ring_bytes = _count * sizeof(io_uring_buf);
  void* r =
      ::mmap(nullptr, _ring_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (r == MAP_FAILED) return -errno;
  _br = static_cast<io_uring_buf_ring*>(r);
  _mem_bytes = size_t{_count} * _stride;
  void* m = ::mmap(nullptr, _mem_bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) return -errno;
  _mem = static_cast<uint8_t*>(m);

  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uintptr_t>(_br);
  reg.ring_entries = _count;
  reg.bgid = _group;
  const int ret = io_uring_register_buf_ring(ring, &reg, 0);
  if (ret != 0) return ret;
  _registered = true;

  io_uring_buf_ring_init(_br);
  const int mask = io_uring_buf_ring_mask(_count);
  for (uint32_t i = 0; i < _count; ++i)
    io_uring_buf_ring_add(_br, buffer(static_cast<uint16_t>(i)), _size, static_cast<uint16_t>(i),
                          mask, static_cast<int>(i));
  io_uring_buf_ring_advance(_br, static_cast<int>(_count));
  return 0;
}

void buffer_ring::destroy() {
  if (_registered) io_uring_unregister_buf_ring(_ring, _group);
  _registered = false;
  if (_br) ::munmap(_br, _ring_bytes);
  _br = nullptr;
  if (_mem) ::munmap(_mem, _mem_bytes);
  _mem = nullptr;
}

}  // namespace sio::engine::detail
