#pragma once
// Private to protocol/eio: vector kernels for the bulk of base64.cpp's work,
// chosen at run time (the build targets baseline x86-64).

#include <cstddef>
#include <cstdint>

namespace sio::proto::eio::detail {

/// True when the CPU runs the AVX2 kernels (checked once).
bool base64_have_avx2();

/// Encodes whole 24-byte blocks of `src` while it can read 28 bytes ahead;
/// returns the bytes consumed (a multiple of 24) and writes consumed / 3 * 4
/// characters to `dst`. Only call when base64_have_avx2().
size_t base64_encode_avx2(char* dst, const uint8_t* src, size_t n);

/// Decodes whole 32-character blocks of `src[0, n)`; returns the characters
/// consumed (a multiple of 32, writing consumed / 4 * 3 bytes, exactly), or
/// SIZE_MAX when a block holds a character outside the alphabet ('=' included).
/// Only call when base64_have_avx2().
size_t base64_decode_avx2(char* dst, const unsigned char* src, size_t n);

}  // namespace sio::proto::eio::detail
