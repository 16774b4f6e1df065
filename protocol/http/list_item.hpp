#pragma once
// Walking a comma-separated field value (RFC 9110 §5.6.1). Private to protocol/http.

#include <string_view>

namespace sio::proto::http::detail {

/// Takes the next element off `rest`: text up to the next ',' with any ";parameters"
/// dropped and surrounding whitespace trimmed. May return "" (empty elements are
/// allowed by the list syntax); `rest` is "" after the last one.
inline std::string_view next_list_item(std::string_view& rest) {
  const size_t comma = rest.find(',');
  std::string_view item = rest.substr(0, comma);
  rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  item = item.substr(0, item.find(';'));
  while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
  while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
  return item;
}

}  // namespace sio::proto::http::detail
