#pragma once
// Raw-text slices of a JSON array that simdjson has already validated (RFC
// 8259 §5 arrays, §2 whitespace). Private to the Socket.IO codec: these trust
// their input and only find boundaries, they do not parse.

#include <cstring>
#include <string_view>

namespace sio::proto::sio::detail {

inline bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && is_json_space(s[i])) ++i;
  return i;
}

// Index one past the ']' that closes a valid array text (trailing whitespace
// allowed, as JSON.parse allows it).
inline size_t array_close(std::string_view s) {
  size_t end = s.size();
  while (end > 0 && is_json_space(s[end - 1])) --end;
  return end - 1;  // index of ']'
}

// [from, close) with the whitespace at both ends trimmed.
inline std::string_view trimmed(std::string_view s, size_t from, size_t close) {
  from = skip_space(s, from);
  while (close > from && is_json_space(s[close - 1])) --close;
  return s.substr(from, close - from);
}

// The elements of a valid array text, without the brackets: "[1, 2]" -> "1, 2".
inline std::string_view array_inner(std::string_view s) {
  size_t open = skip_space(s, 0);
  return trimmed(s, open + 1, array_close(s));
}

inline bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Index one past a string or number token that starts at s[i].
inline size_t skip_scalar(std::string_view s, size_t i) {
  if (s[i] == '"') {
    ++i;
    for (;;) {
      const void* q = std::memchr(s.data() + i, '"', s.size() - i);
      size_t quote = static_cast<const char*>(q) - s.data();
      // The quote is escaped when an odd number of backslashes precede it.
      size_t b = quote;
      while (b > i && s[b - 1] == '\\') --b;
      if (((quote - b) & 1) == 0) return quote + 1;
      i = quote + 1;
    }
  }
  while (i < s.size() && is_number_char(s[i])) ++i;
  return i;
}

// The elements after the first of a valid non-empty array text whose first
// element is a string or a number: ["chat", 1, {}] -> "1, {}" ("" when the
// array has one element).
inline std::string_view array_tail(std::string_view s) {
  size_t close = array_close(s);
  size_t i = skip_space(s, skip_space(s, 0) + 1);
  i = skip_space(s, skip_scalar(s, i));
  if (s[i] != ',') return {};
  return trimmed(s, i + 1, close);
}

}  // namespace sio::proto::sio::detail
