#pragma once
// Payload bytes for the workloads: plain ASCII that JSON carries unescaped, so
// a payload of N bytes costs N bytes on the wire inside its quotes.

#include <cstddef>
#include <string>

namespace sio::bench {

/// `n` filler characters (a repeating lowercase alphabet).
inline std::string filler(size_t n) {
  std::string s(n, 'a');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

}  // namespace sio::bench
