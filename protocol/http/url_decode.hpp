#pragma once
// The decoding loop shared by percent_decode and query_params. Private to protocol/http.

#include <cstddef>
#include <string_view>

namespace sio::proto::http::detail {

/// Writes `in` with %XX decoded (and '+' as a space when `plus_is_space`, the
/// application/x-www-form-urlencoded rule) to `out`, which has room for in.size()
/// bytes; returns the bytes written. A '%' not followed by two hex digits is copied
/// as is and sets *malformed (when not null).
size_t url_decode(std::string_view in, char* out, bool plus_is_space, bool* malformed);

}  // namespace sio::proto::http::detail
