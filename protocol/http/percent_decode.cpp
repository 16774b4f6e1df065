#include <sio/proto/http/percent_decode.hpp>

#include "url_decode.hpp"

namespace sio::proto::http {

namespace detail {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// RFC 3986 §2.1 (and WHATWG URL §5.1 for '+').
size_t url_decode(std::string_view in, char* out, bool plus_is_space, bool* malformed) {
  size_t n = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(in[i + 2]) : -1;
      if (lo >= 0) {
        out[n++] = static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (malformed != nullptr) *malformed = true;
    }
    out[n++] = plus_is_space && c == '+' ? ' ' : c;
  }
  return n;
}

}  // namespace detail

bool percent_decode(std::string_view in, std::string& out) {
  out.resize(in.size());
  bool malformed = false;
  out.resize(detail::url_decode(in, out.data(), false, &malformed));
  return !malformed;
}

}  // namespace sio::proto::http
