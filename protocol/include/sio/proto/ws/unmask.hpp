#pragma once
// RFC 6455 §5.3: client-to-server masking.

#include <cstddef>
#include <cstdint>

namespace sio::proto::ws {

/// XORs `len` bytes at `data` in place with the 4-byte masking key as it appears on the
/// wire, starting at key byte `phase` (taken modulo 4), so a payload unmasked in
/// pieces continues with phase = bytes done so far. Masking and unmasking are the
/// same operation. Reads and writes exactly [data, data + len): no padding needed.
/// SSE2 (AVX2 when the build enables it) with a word-at-a-time tail.
void unmask(uint8_t* data, size_t len, const uint8_t key[4], size_t phase = 0);

}  // namespace sio::proto::ws
