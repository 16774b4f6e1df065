#pragma once
// Percent-decoding of URI components (RFC 3986 §2.1).

#include <string>
#include <string_view>

namespace sio::proto::http {

/// RFC 3986 §2.1: replaces `out` with `in` where every %XX is decoded ('+' stays '+').
/// Returns false when some '%' is not followed by two hex digits; such a '%' is
/// copied literally and decoding goes on. Decoded bytes may be any value, NUL too.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace sio::proto::http
