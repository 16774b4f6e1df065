#include <sio/proto/http/query_params.hpp>

#include "url_decode.hpp"

namespace sio::proto::http {

// WHATWG URL §5.1 application/x-www-form-urlencoded parsing: split on '&', skip empty
// sequences, split each on the first '=', decode '+' and %XX in both halves.
query_params::query_params(std::string_view raw) {
  char* text = _inline_text;
  if (raw.size() > inline_bytes) {
    _heap_text.resize(raw.size());
    text = _heap_text.data();
  }
  size_t used = 0;
  while (!raw.empty()) {
    const size_t amp = raw.find('&');
    const std::string_view item = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string_view name = item.substr(0, eq);
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
    pair p{};
    p.name_off = static_cast<uint32_t>(used);
    p.name_len = static_cast<uint32_t>(detail::url_decode(name, text + used, true, nullptr));
    used += p.name_len;
    p.value_off = static_cast<uint32_t>(used);
    p.value_len = static_cast<uint32_t>(detail::url_decode(value, text + used, true, nullptr));
    used += p.value_len;
    if (_count < inline_pairs) {
      _inline_pairs[_count] = p;
    } else {
      _heap_pairs.push_back(p);
    }
    ++_count;
  }
}

std::optional<std::string_view> query_params::get(std::string_view key) const {
  const char* t = text();
  for (size_t i = 0; i < _count; ++i) {
    const pair& p = at(i);
    if (std::string_view(t + p.name_off, p.name_len) == key) {
      return std::string_view(t + p.value_off, p.value_len);
    }
  }
  return std::nullopt;
}

}  // namespace sio::proto::http
