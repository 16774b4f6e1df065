// Numbers as JavaScript writes them (ECMA-262 §6.1.6.1.20
// Number::toString, used by JSON.stringify §25.5.2.2 SerializeJSONProperty).

#include <charconv>
#include <cmath>
#include <cstring>

#include <sio/proto/json/append.hpp>

namespace sio::proto::json {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {  // JSON.stringify writes NaN and ±Infinity as null
    out.append("null");
    return;
  }
  // Integral values below 2^63 print the same in JS and as int64 (JS keeps
  // plain digits up to 1e21); this also turns -0 into "0".
  if (v > -9.2e18 && v < 9.2e18) {
    auto i = static_cast<int64_t>(v);
    if (static_cast<double>(i) == v) {
      append_int(out, i);
      return;
    }
  }
  // Shortest round-trip digits in scientific form ("-d.ddde+XX"); both
  // std::to_chars and JS pick the candidate closest to v, so the digits agree.
  char sci[40];
  auto r = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
  const char* p = sci;
  const char* end = r.ptr;
  if (*p == '-') {
    out.push_back('-');
    ++p;
  }
  char digits[24];
  int k = 0;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') digits[k++] = *p;
  }
  int exp10 = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exp10);
  int n = exp10 + 1;  // the decimal point sits after n digits
  if (k <= n && n <= 21) {
    out.append(digits, static_cast<size_t>(k));
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, static_cast<size_t>(n));
    out.push_back('.');
    out.append(digits + n, static_cast<size_t>(k - n));
  } else if (-6 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-n), '0');
    out.append(digits, static_cast<size_t>(k));
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits + 1, static_cast<size_t>(k - 1));
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    append_int(out, n - 1 >= 0 ? n - 1 : 1 - n);
  }
}

}  // namespace sio::proto::json
