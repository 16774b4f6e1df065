#include <sio/engine/frame.hpp>

#include <cstring>
#include <new>

#include "core/memory.hpp"

namespace sio::engine {

namespace {
// Adopted strings live right after the frame header, in the same allocation.
struct adopted_storage {
  std::string bytes;
};
constexpr size_t header_size = (sizeof(frame) + 15) & ~size_t{15};
}  // namespace

frame_ref frame::allocate(size_t size, uint8_t*& bytes) {
  void* mem = detail::mem_alloc(header_size + size);
  bytes = static_cast<uint8_t*>(mem) + header_size;
  return frame_ref::from_raw(::new (mem) frame(kind::inline_bytes, bytes, size));
}

frame_ref frame::copy(std::string_view bytes) {
  uint8_t* dst = nullptr;
  frame_ref r = allocate(bytes.size(), dst);
  if (!bytes.empty()) std::memcpy(dst, bytes.data(), bytes.size());
  return r;
}

frame_ref frame::adopt(std::string&& bytes) {
  void* mem = detail::mem_alloc(header_size + sizeof(adopted_storage));
  auto* storage =
      ::new (static_cast<uint8_t*>(mem) + header_size) adopted_storage{std::move(bytes)};
  // A short string keeps its bytes inside the std::string object, which lives
  // in this allocation and never moves, so the pointer is stable either way.
  const auto* data = reinterpret_cast<const uint8_t*>(storage->bytes.data());
  return frame_ref::from_raw(::new (mem) frame(kind::adopted, data, storage->bytes.size()));
}

void frame::destroy(frame* f) {
  if (f->_kind == kind::adopted) {
    auto* storage = std::launder(
        reinterpret_cast<adopted_storage*>(reinterpret_cast<uint8_t*>(f) + header_size));
    storage->~adopted_storage();
  }
  f->~frame();
  detail::mem_free(f);
}

}  // namespace sio::engine
