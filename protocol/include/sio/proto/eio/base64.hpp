#pragma once
// Standard base64 (RFC 4648 §4, alphabet A-Z a-z 0-9 + /, '=' padding): the
// encoding of binary records in Engine.IO v4 polling payloads.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sio::proto::eio {

/// Length of the base64 text for `n` bytes (always a multiple of 4).
constexpr size_t base64_encoded_size(size_t n) {
  return (n + 2) / 3 * 4;
}

/// Appends the padded base64 of `bytes` to `out` (RFC 4648 §4). Never fails.
void base64_append(std::string& out, std::span<const uint8_t> bytes);

/// Strict decode of `text` (RFC 4648 §4, §3.5): the length is a multiple of 4,
/// only alphabet characters, '=' only as the last one or two characters, no
/// whitespace, and the unused bits before the padding are zero (so every byte
/// string has exactly one accepted encoding). On success appends the bytes to
/// `out` and returns true; on failure returns false and leaves `out` unchanged.
/// "" decodes to no bytes.
bool base64_decode_append(std::string& out, std::string_view text);

/// Exact decoded size of a text already accepted by base64_decode_append.
constexpr size_t base64_decoded_size(std::string_view valid_text) {
  size_t n = valid_text.size() / 4 * 3;
  if (!valid_text.empty() && valid_text.back() == '=') --n;
  if (valid_text.size() >= 2 && valid_text[valid_text.size() - 2] == '=') --n;
  return n;
}

/// Decodes `text` strictly (same rules as base64_decode_append) into `dst`,
/// which must have room for base64_decoded_size(text) bytes (at most
/// text.size() / 4 * 3). Returns the number of bytes written, or -1 when `text`
/// is not valid; on failure `dst` holds unspecified bytes.
ptrdiff_t base64_decode_into(char* dst, std::string_view text);

}  // namespace sio::proto::eio
