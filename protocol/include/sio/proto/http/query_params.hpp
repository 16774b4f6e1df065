#pragma once
// application/x-www-form-urlencoded query strings (WHATWG URL §5.1): "a=1&b=x%20y".

#include <sio/proto/http/percent_decode.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sio::proto::http {

/// Parses a query string ("a=1&b=x%20y"): '+' is a space, %XX decoded; a malformed
/// %-escape is kept literally. First occurrence wins. Decoded values are stored
/// inside; the object owns them. Names are decoded the same way; a pair without '='
/// has the value "". Queries up to inline_bytes with up to inline_pairs pairs (every
/// Engine.IO query) need no heap allocation. Copies are independent.
class query_params {
 public:
  static constexpr size_t inline_bytes = 192;
  static constexpr size_t inline_pairs = 8;

  explicit query_params(std::string_view raw_query);

  /// Decoded value of the first pair whose decoded name equals `key`; nullopt when
  /// absent. The view lives as long as this object.
  std::optional<std::string_view> get(std::string_view key) const;

  /// Pairs parsed, duplicates included (empty "&&" items are not pairs).
  size_t size() const { return _count; }

 private:
  struct pair {
    uint32_t name_off, name_len, value_off, value_len;
  };
  const char* text() const { return _heap_text.empty() ? _inline_text : _heap_text.data(); }
  const pair& at(size_t i) const {
    return i < inline_pairs ? _inline_pairs[i] : _heap_pairs[i - inline_pairs];
  }

  size_t _count = 0;
  pair _inline_pairs[inline_pairs]{};
  std::vector<pair> _heap_pairs;
  std::string _heap_text;
  char _inline_text[inline_bytes];
};

}  // namespace sio::proto::http
