#include <openssl/rand.h>

#include <sio/runtime/ids.hpp>

#include <atomic>
#include <cstring>

namespace sio::runtime {

void fill_random(uint8_t* out, size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) == 1) return;
  // RAND_bytes does not fail once seeded; stay unique regardless.
  static std::atomic<uint64_t> counter{0};
  uint64_t c = counter.fetch_add(1) + 1;
  std::memset(out, 0, n);
  std::memcpy(out, &c, std::min(n, sizeof c));
}

std::string encode_id(const uint8_t (&raw)[15]) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id(20, '\0');
  for (int i = 0; i < 5; ++i) {
    uint32_t v = (uint32_t{raw[3 * i]} << 16) | (uint32_t{raw[3 * i + 1]} << 8) | raw[3 * i + 2];
    id[4 * i] = alphabet[(v >> 18) & 63];
    id[4 * i + 1] = alphabet[(v >> 12) & 63];
    id[4 * i + 2] = alphabet[(v >> 6) & 63];
    id[4 * i + 3] = alphabet[v & 63];
  }
  return id;
}

}  // namespace sio::runtime
