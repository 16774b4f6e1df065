#pragma once
// Session, socket and private ids: 15 bytes written as 20 base64url characters,
// the length the reference (and its sharded Redis adapter) expects.

#include <cstddef>
#include <cstdint>
#include <string>

namespace sio::runtime {

/// Cryptographically random bytes (OpenSSL's CSPRNG).
void fill_random(uint8_t* out, size_t n);
/// The 20-character base64url form of 15 bytes.
std::string encode_id(const uint8_t (&raw)[15]);

}  // namespace sio::runtime
