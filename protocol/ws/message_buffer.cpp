#include <sio/proto/ws/message_buffer.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sio::proto::ws {

namespace {
// Small enough for a ping or a short split frame, big enough to avoid early regrowth.
constexpr size_t min_capacity = 256;
}  // namespace

message_buffer::message_buffer(message_buffer&& other) noexcept
    : _data(std::exchange(other._data, nullptr)),
      _size(std::exchange(other._size, 0)),
      _capacity(std::exchange(other._capacity, 0)) {}

message_buffer& message_buffer::operator=(message_buffer&& other) noexcept {
  if (this != &other) {
    release();
    _data = std::exchange(other._data, nullptr);
    _size = std::exchange(other._size, 0);
    _capacity = std::exchange(other._capacity, 0);
  }
  return *this;
}

void message_buffer::release() {
  std::free(_data);
  _data = nullptr;
  _size = 0;
  _capacity = 0;
}

bool message_buffer::grow(size_t needed, size_t limit) {
  // Double, but not past what the decoder's limit can ever need.
  size_t capacity = std::max({needed, min_capacity, _capacity * 2});
  if (needed <= limit) capacity = std::min(capacity, std::max(limit, min_capacity));
  if (capacity > SIZE_MAX - padding) return false;
  void* p = std::realloc(_data, capacity + padding);
  if (p == nullptr) return false;
  _data = static_cast<uint8_t*>(p);
  _capacity = capacity;
  return true;
}

bool message_buffer::append(const uint8_t* bytes, size_t len, size_t limit) {
  if (len > SIZE_MAX - _size) return false;
  if (_size + len > _capacity || _data == nullptr) {
    if (!grow(_size + len, limit)) return false;
  }
  if (len != 0) std::memcpy(_data + _size, bytes, len);
  _size += len;
  return true;
}

}  // namespace sio::proto::ws
