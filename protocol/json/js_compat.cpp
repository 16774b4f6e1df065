// JSON.parse compatibility rewrite (see js_compat.hpp for why). Lexes just
// enough of RFC 8259 (§6 numbers, §7 strings) to find the two constructs.

#include <cstring>

#include <sio/proto/json/js_compat.hpp>

namespace sio::proto::json {
namespace {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a "\uXXXX" escape starting at in[i] (the backslash), or -1.
int escape_unit(std::string_view in, size_t i) {
  if (i + 6 > in.size() || in[i] != '\\' || in[i + 1] != 'u') return -1;
  int v = 0;
  for (size_t j = i + 2; j < i + 6; ++j) {
    int h = hex_value(in[j]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// True when the integer digits `d` (no sign, no leading zero) do not fit the
// 64-bit integer simdjson would store them in.
bool too_big(std::string_view d, bool negative) {
  std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  if (d.size() != limit.size()) return d.size() > limit.size();
  return d > limit;
}

}  // namespace

bool js_compat_rewrite(std::string_view in, std::string& out) {
  out.clear();
  bool changed = false;
  size_t copied = 0;  // in[copied..] is not yet in `out`
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '"') {
      for (++i; i < in.size() && in[i] != '"'; ++i) {
        if (in[i] != '\\') continue;
        int unit = escape_unit(in, i);
        if (unit >= 0xD800 && unit <= 0xDFFF) {
          bool paired = false;
          if (unit <= 0xDBFF) {
            int low = escape_unit(in, i + 6);
            paired = low >= 0xDC00 && low <= 0xDFFF;
          }
          if (paired) {
            i += 11;  // both escapes; the loop's ++i steps past the last digit
            continue;
          }
          out.append(in.data() + copied, i - copied);
          out.append("\\ufffd");
          copied = i + 6;
          changed = true;
        }
        i += unit >= 0 ? 5 : 1;  // skip the escape's body
      }
      ++i;  // the closing quote
    } else if (c == '-' || is_digit(c)) {
      bool negative = c == '-';
      if (negative) ++i;
      size_t digits = i;
      while (i < in.size() && is_digit(in[i])) ++i;
      bool integer = i == in.size() || (in[i] != '.' && in[i] != 'e' && in[i] != 'E');
      if (integer && too_big(in.substr(digits, i - digits), negative)) {
        out.append(in.data() + copied, i - copied);
        out.append("e0");
        copied = i;
        changed = true;
      }
      while (i < in.size() && (is_digit(in[i]) || in[i] == '.' || in[i] == 'e' || in[i] == 'E' ||
                               in[i] == '+' || in[i] == '-')) {
        ++i;
      }
    } else {
      ++i;
    }
  }
  if (changed) out.append(in.data() + copied, in.size() - copied);
  return changed;
}

}  // namespace sio::proto::json
