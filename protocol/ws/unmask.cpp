#include <sio/proto/ws/unmask.hpp>

#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace sio::proto::ws {

// §5.3: octet i of the payload is XORed with key octet (i mod 4). The key is rotated
// to `phase` once, then applied a vector (or 8-byte word) at a time; every vector
// length is a multiple of 4, so the rotated key repeats across lanes unchanged.
void unmask(uint8_t* data, size_t len, const uint8_t key[4], size_t phase) {
  uint8_t k[4];
  for (size_t i = 0; i < 4; ++i) k[i] = key[(phase + i) & 3];
  uint32_t k32;
  std::memcpy(&k32, k, 4);
  size_t i = 0;
#if defined(__AVX2__)
  if (len >= 32) {
    const __m256i v = _mm256_set1_epi32(static_cast<int>(k32));
    for (; i + 128 <= len; i += 128) {
      auto* p = reinterpret_cast<__m256i*>(data + i);
      const __m256i a = _mm256_xor_si256(_mm256_loadu_si256(p), v);
      const __m256i b = _mm256_xor_si256(_mm256_loadu_si256(p + 1), v);
      const __m256i c = _mm256_xor_si256(_mm256_loadu_si256(p + 2), v);
      const __m256i d = _mm256_xor_si256(_mm256_loadu_si256(p + 3), v);
      _mm256_storeu_si256(p, a);
      _mm256_storeu_si256(p + 1, b);
      _mm256_storeu_si256(p + 2, c);
      _mm256_storeu_si256(p + 3, d);
    }
    for (; i + 32 <= len; i += 32) {
      auto* p = reinterpret_cast<__m256i*>(data + i);
      _mm256_storeu_si256(p, _mm256_xor_si256(_mm256_loadu_si256(p), v));
    }
  }
#endif
#if defined(__SSE2__)
  if (len - i >= 16) {
    const __m128i v = _mm_set1_epi32(static_cast<int>(k32));
    for (; i + 64 <= len; i += 64) {
      auto* p = reinterpret_cast<__m128i*>(data + i);
      const __m128i a = _mm_xor_si128(_mm_loadu_si128(p), v);
      const __m128i b = _mm_xor_si128(_mm_loadu_si128(p + 1), v);
      const __m128i c = _mm_xor_si128(_mm_loadu_si128(p + 2), v);
      const __m128i d = _mm_xor_si128(_mm_loadu_si128(p + 3), v);
      _mm_storeu_si128(p, a);
      _mm_storeu_si128(p + 1, b);
      _mm_storeu_si128(p + 2, c);
      _mm_storeu_si128(p + 3, d);
    }
    for (; i + 16 <= len; i += 16) {
      auto* p = reinterpret_cast<__m128i*>(data + i);
      _mm_storeu_si128(p, _mm_xor_si128(_mm_loadu_si128(p), v));
    }
  }
#endif
  const uint64_t k64 = (uint64_t{k32} << 32) | k32;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    std::memcpy(&w, data + i, 8);
    w ^= k64;
    std::memcpy(data + i, &w, 8);
  }
  if (i + 4 <= len) {
    uint32_t w;
    std::memcpy(&w, data + i, 4);
    w ^= k32;
    std::memcpy(data + i, &w, 4);
    i += 4;
  }
  // i is a multiple of 4 here, so the tail starts at key byte 0.
  for (size_t j = 0; i < len; ++i, ++j) data[i] ^= k[j];
}

}  // namespace sio::proto::ws
