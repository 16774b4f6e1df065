#include <sio/proto/http/header.hpp>

#include "list_item.hpp"

namespace sio::proto::http {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view find_header(std::span<const header> headers, std::string_view name) {
  for (const header& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return {};
}

bool has_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const std::string_view item = detail::next_list_item(value);
    if (!item.empty() && iequals(item, token)) return true;
  }
  return false;
}

}  // namespace sio::proto::http
