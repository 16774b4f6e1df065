// AVX2 base64 kernels (RFC 4648 §4 alphabet), after the vector method of Muła
// and Lemire: encode splits 3 bytes into 4 sextets with two multiplies and maps
// them to ASCII with one byte shuffle; decode validates each character with two
// nibble-indexed lookups, translates it with a third, and packs 4 sextets into 3
// bytes with two multiply-adds. Compiled for baseline x86-64; the functions carry
// target("avx2") and base64.cpp calls them only after a CPU check.

#include "base64_simd.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace sio::proto::eio::detail {

#if defined(__x86_64__)

bool base64_have_avx2() {
  // __builtin_cpu_init makes the check safe even from a static initializer.
  static const bool have = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
  return have;
}

namespace {

// Sextets (one per byte, 0..63) to ASCII: add an offset chosen by range.
__attribute__((target("avx2"))) inline __m256i to_ascii(__m256i s) {
  // 0..25 → 13, 26..51 → 0, 52..61 → 1..10, 62 → 11, 63 → 12.
  __m256i k = _mm256_subs_epu8(s, _mm256_set1_epi8(51));
  const __m256i upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), s);
  k = _mm256_or_si256(k, _mm256_and_si256(upper, _mm256_set1_epi8(13)));
  const __m256i offsets = _mm256_setr_epi8(  //
      'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
      '0' - 52, '0' - 52, '+' - 62, '/' - 63, 'A', 0, 0,  //
      'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
      '0' - 52, '0' - 52, '+' - 62, '/' - 63, 'A', 0, 0);
  return _mm256_add_epi8(s, _mm256_shuffle_epi8(offsets, k));
}

}  // namespace

__attribute__((target("avx2"))) size_t base64_encode_avx2(char* dst, const uint8_t* src, size_t n) {
  // Per 3 input bytes a b c, the 32-bit word b a c b: as 16-bit halves a:b and
  // b:c, each holding two sextets.
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,  //
                                          1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  size_t i = 0;
  for (; i + 28 <= n; i += 24, dst += 32) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + 12));
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
    v = _mm256_shuffle_epi8(v, spread);
    // s0 and s2 moved to the low bits of their 16-bit halves (mulhi), s1 and s3
    // moved up to the high byte (mullo); OR gives bytes s0 s1 s2 s3.
    const __m256i s02 = _mm256_mulhi_epu16(_mm256_and_si256(v, _mm256_set1_epi32(0x0fc0fc00)),
                                           _mm256_set1_epi32(0x04000040));
    const __m256i s13 = _mm256_mullo_epi16(_mm256_and_si256(v, _mm256_set1_epi32(0x003f03f0)),
                                           _mm256_set1_epi32(0x01000010));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), to_ascii(_mm256_or_si256(s02, s13)));
  }
  return i;
}

__attribute__((target("avx2"))) size_t base64_decode_avx2(char* dst, const unsigned char* src,
                                                          size_t n) {
  // Validity: class bits per high nibble; per low nibble, the classes in which
  // it is NOT a base64 character. Invalid iff the two lookups share a bit.
  //   1: 0x2_ ('+' = 2B, '/' = 2F)  2: 0x3_ (digits 30-39)  4: 0x4_, 0x6_ (41-4F, 61-6F)
  //   8: 0x5_, 0x7_ (50-5A, 70-7A)  16: any other high nibble
  const __m256i lut_hi = _mm256_setr_epi8(16, 16, 1, 2, 4, 8, 4, 8, 16, 16, 16, 16, 16, 16, 16, 16,
                                          16, 16, 1, 2, 4, 8, 4, 8, 16, 16, 16, 16, 16, 16, 16, 16);
  const __m256i lut_lo = _mm256_setr_epi8(  //
      16 | 1 | 4, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1,
      16 | 1 | 2, 16 | 2 | 8, 16 | 1 | 2 | 8, 16 | 1 | 2 | 8, 16 | 1 | 2 | 8, 16 | 2 | 8,  //
      16 | 1 | 4, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1, 16 | 1,
      16 | 1 | 2, 16 | 2 | 8, 16 | 1 | 2 | 8, 16 | 1 | 2 | 8, 16 | 1 | 2 | 8, 16 | 2 | 8);
  // Translation by high nibble; '/' shares 0x2_ with '+', so it looks up slot 1.
  const __m256i lut_roll = _mm256_setr_epi8(
      0, 63 - '/', 62 - '+', 52 - '0', -'A', -'A', 26 - 'a', 26 - 'a', 0, 0, 0, 0, 0, 0, 0, 0,  //
      0, 63 - '/', 62 - '+', 52 - '0', -'A', -'A', 26 - 'a', 26 - 'a', 0, 0, 0, 0, 0, 0, 0, 0);
  // After packing, each 32-bit word holds b2 b1 b0 0: gather b0 b1 b2 per word
  // into the low 12 bytes of each lane, then the two lanes' 12 bytes together.
  const __m256i gather =
      _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,  //
                       2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  size_t i = 0;
  for (; i + 32 <= n; i += 32, dst += 24) {
    const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i));
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(in, 4), nibble);
    const __m256i lo = _mm256_and_si256(in, nibble);
    if (!_mm256_testz_si256(_mm256_shuffle_epi8(lut_lo, lo), _mm256_shuffle_epi8(lut_hi, hi))) {
      return SIZE_MAX;
    }
    const __m256i slash = _mm256_cmpeq_epi8(in, _mm256_set1_epi8('/'));
    const __m256i s =
        _mm256_add_epi8(in, _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(hi, slash)));
    // s0 s1 s2 s3 → (s0 << 6 | s1), (s2 << 6 | s3) → s0 << 18 | s1 << 12 | s2 << 6 | s3.
    const __m256i pairs = _mm256_maddubs_epi16(s, _mm256_set1_epi32(0x01400140));
    const __m256i words = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x00011000));
    const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(words, gather), lanes);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), _mm256_castsi256_si128(packed));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + 16), _mm256_extracti128_si256(packed, 1));
  }
  return i;
}

#else  // no vector kernels on this architecture

bool base64_have_avx2() {
  return false;
}
size_t base64_encode_avx2(char*, const uint8_t*, size_t) {
  return 0;
}
size_t base64_decode_avx2(char*, const unsigned char*, size_t) {
  return 0;
}

#endif

}  // namespace sio::proto::eio::detail
