// Standard base64, RFC 4648 §4 (alphabet) and §3.5 (canonical encoding), strict.
//
// The bulk goes through the AVX2 kernels of base64_avx2.cpp when the CPU has
// them. The rest, and everything on other CPUs, is table-driven scalar code:
// encoding looks up two output characters per 12 input bits; decoding ORs four
// per-position tables into the three output bytes, with an error bit that any
// non-alphabet character sets, so the hot loop has one branch per four
// characters.

#include <sio/proto/eio/base64.hpp>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "base64_simd.hpp"

namespace sio::proto::eio {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Two output characters for each 12-bit group.
constexpr auto encode_pairs = [] {
  std::array<std::array<char, 2>, 4096> t{};
  for (unsigned v = 0; v < 4096; ++v) t[v] = {alphabet[v >> 6], alphabet[v & 63]};
  return t;
}();

constexpr int8_t sextet(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<int8_t>(c - 'A');
  if (c >= 'a' && c <= 'z') return static_cast<int8_t>(c - 'a' + 26);
  if (c >= '0' && c <= '9') return static_cast<int8_t>(c - '0' + 52);
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Set in the fourth byte by any invalid character: an OR of the four lookups
// is valid iff it is below this bit.
constexpr uint32_t bad = 0x01000000;

// decode_tables[k][c]: the bits character c contributes at position k of a
// quad, already placed so that a little-endian store writes b0 b1 b2.
constexpr auto decode_tables = [] {
  std::array<std::array<uint32_t, 256>, 4> t{};
  for (unsigned c = 0; c < 256; ++c) {
    const int8_t s8 = sextet(static_cast<unsigned char>(c));
    if (s8 < 0) {
      for (auto& row : t) row[c] = bad;
      continue;
    }
    const auto s = static_cast<uint32_t>(s8);
    // b0 = s0 << 2 | s1 >> 4;  b1 = (s1 & 15) << 4 | s2 >> 2;  b2 = (s2 & 3) << 6 | s3
    t[0][c] = s << 2;
    t[1][c] = (s >> 4) | ((s & 15) << 12);
    t[2][c] = ((s >> 2) << 8) | ((s & 3) << 22);
    t[3][c] = s << 16;
  }
  return t;
}();

inline uint32_t quad(const unsigned char* q) {
  return decode_tables[0][q[0]] | decode_tables[1][q[1]] | decode_tables[2][q[2]] |
         decode_tables[3][q[3]];
}

inline void store3(char* dst, uint32_t v) {
  dst[0] = static_cast<char>(v);
  dst[1] = static_cast<char>(v >> 8);
  dst[2] = static_cast<char>(v >> 16);
}

}  // namespace

// RFC 4648 §4: 3 bytes → 4 characters; a final 1 or 2 bytes → "xx==" / "xxx=".
void base64_append(std::string& out, std::span<const uint8_t> bytes) {
  const size_t old = out.size();
  out.resize(old + base64_encoded_size(bytes.size()));
  char* dst = out.data() + old;
  const uint8_t* src = bytes.data();
  size_t n = bytes.size();
  if (n >= 28 && detail::base64_have_avx2()) {
    const size_t done = detail::base64_encode_avx2(dst, src, n);
    src += done;
    dst += done / 3 * 4;
    n -= done;
  }
  for (; n >= 3; n -= 3, src += 3, dst += 4) {
    const uint32_t v = uint32_t{src[0]} << 16 | uint32_t{src[1]} << 8 | src[2];
    std::memcpy(dst, encode_pairs[v >> 12].data(), 2);
    std::memcpy(dst + 2, encode_pairs[v & 0xfff].data(), 2);
  }
  if (n == 1) {
    const uint32_t v = uint32_t{src[0]} << 4;
    std::memcpy(dst, encode_pairs[v].data(), 2);
    dst[2] = '=';
    dst[3] = '=';
  } else if (n == 2) {
    const uint32_t v = uint32_t{src[0]} << 10 | uint32_t{src[1]} << 2;
    std::memcpy(dst, encode_pairs[v >> 6].data(), 2);
    dst[2] = alphabet[v & 63];
    dst[3] = '=';
  }
}

// RFC 4648 §4 with §3.5's canonical rule: padding only at the end, and the bits
// it leaves unused must be zero.
ptrdiff_t base64_decode_into(char* dst, std::string_view text) {
  if (text.size() % 4 != 0) return -1;
  if (text.empty()) return 0;
  const auto* src = reinterpret_cast<const unsigned char*>(text.data());
  const char* const begin = dst;
  const size_t full = text.size() / 4 - 1;  // the last quad may carry padding
  size_t i = 0;
  if (full >= 8 && detail::base64_have_avx2()) {
    const size_t done = detail::base64_decode_avx2(dst, src, full * 4);
    if (done == SIZE_MAX) return -1;
    i = done / 4;
    src += done;
    dst += done / 4 * 3;
  }
  if constexpr (std::endian::native == std::endian::little) {
    // Two quads per round with 4-byte stores that overlap the next output; the
    // final quad below writes its bytes one by one, so nothing past the end of
    // the decoded size is touched.
    for (; i + 2 <= full; i += 2, src += 8, dst += 6) {
      const uint32_t a = quad(src), b = quad(src + 4);
      if ((a | b) >= bad) return -1;
      std::memcpy(dst, &a, 4);
      store3(dst + 3, b);
    }
  }
  for (; i < full; ++i, src += 4, dst += 3) {
    const uint32_t a = quad(src);
    if (a >= bad) return -1;
    store3(dst, a);
  }
  // The last quad: "xxxx", "xxx=" or "xx==".
  if (src[3] != '=') {
    const uint32_t a = quad(src);
    if (a >= bad) return -1;
    store3(dst, a);
    dst += 3;
  } else if (src[2] != '=') {
    const uint32_t a =
        decode_tables[0][src[0]] | decode_tables[1][src[1]] | decode_tables[2][src[2]];
    if (a >= bad || (a >> 16) != 0) return -1;  // b2 holds only the unused bits
    dst[0] = static_cast<char>(a);
    dst[1] = static_cast<char>(a >> 8);
    dst += 2;
  } else {
    const uint32_t a = decode_tables[0][src[0]] | decode_tables[1][src[1]];
    if (a >= bad || (a >> 8) != 0) return -1;
    dst[0] = static_cast<char>(a);
    dst += 1;
  }
  return dst - begin;
}

bool base64_decode_append(std::string& out, std::string_view text) {
  const size_t old = out.size();
  out.resize(old + text.size() / 4 * 3);
  const ptrdiff_t n = base64_decode_into(out.data() + old, text);
  if (n < 0) {
    out.resize(old);
    return false;
  }
  out.resize(old + static_cast<size_t>(n));
  return true;
}

}  // namespace sio::proto::eio
