// JSON string literals as JSON.stringify writes them (ECMA-262 §25.5.2.3
// QuoteJSONString; RFC 8259 §7).

#include <array>
#include <cstring>

#include <sio/proto/json/append.hpp>

namespace sio::proto::json {
namespace {

// For each byte: 0 when copied as is, else the character after the backslash
// ('u' for the \u00XX form).
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\f'] = 'f';
  t['\n'] = 'n';
  t['\r'] = 'r';
  t['\t'] = 't';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}
constexpr std::array<char, 256> k_escape = make_escape_table();

constexpr uint64_t k_ones = 0x0101010101010101ull;
constexpr uint64_t k_highs = 0x8080808080808080ull;

// Non-zero when one of the 8 bytes of `w` may need escaping. The lowest
// flagged byte is exact; bytes above it may be false positives, which is fine
// because the caller then looks at the bytes one by one.
inline uint64_t needs_escape(uint64_t w) {
  uint64_t ctl = (w - k_ones * 0x20) & ~w;
  uint64_t q = w ^ (k_ones * '"');
  uint64_t b = w ^ (k_ones * '\\');
  return (ctl | ((q - k_ones) & ~q) | ((b - k_ones) & ~b)) & k_highs;
}

// Index of the first byte of s[from..] that needs an escape, or s.size().
size_t find_escape(std::string_view s, size_t from) {
  size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (needs_escape(w)) break;
  }
  for (; i < s.size(); ++i) {
    if (k_escape[static_cast<unsigned char>(s[i])]) return i;
  }
  return i;
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;
  for (;;) {
    size_t i = find_escape(s, run);
    out.append(s.data() + run, i - run);
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    char e = k_escape[c];
    if (e == 'u') {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      out.append(u, 6);
    } else {
      char two[2] = {'\\', e};
      out.append(two, 2);
    }
    run = i + 1;
  }
  out.push_back('"');
}

}  // namespace sio::proto::json
