#pragma once
// Test driver: feeds a message stream to a parser in given pieces, following the
// documented contract (feed, on ok read current(), next(), feed the remainder), and
// copies every completed message out. Each piece lives in its own heap block that is
// freed as soon as the parser has seen it, so ASan catches any view that outlives
// the feed it came from.

#include <sio/proto/http/request_parser.hpp>
#include <sio/proto/http/response_parser.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sio::proto::http::test {

struct request_copy {
  http::method method = http::method::other;
  std::string method_name, target, path, query, body;
  int version_major = 0, version_minor = 0;
  bool keep_alive = false, upgrade = false;
  std::vector<std::pair<std::string, std::string>> headers;
  bool operator==(const request_copy&) const = default;
};

struct response_copy {
  int status = 0;
  std::string reason, body;
  bool keep_alive = false, upgrade = false;
  std::vector<std::pair<std::string, std::string>> headers;
  bool operator==(const response_copy&) const = default;
};

inline request_copy copy_of(const request& r) {
  request_copy c;
  c.method = r.method;
  c.method_name = r.method_name;
  c.target = r.target;
  c.path = r.path;
  c.query = r.query;
  c.body = r.body;
  c.version_major = r.version_major;
  c.version_minor = r.version_minor;
  c.keep_alive = r.keep_alive;
  c.upgrade = r.upgrade;
  for (const header& h : r.headers) c.headers.emplace_back(h.name, h.value);
  return c;
}

inline response_copy copy_of(const response& r) {
  response_copy c;
  c.status = r.status;
  c.reason = r.reason;
  c.body = r.body;
  c.keep_alive = r.keep_alive;
  c.upgrade = r.upgrade;
  for (const header& h : r.headers) c.headers.emplace_back(h.name, h.value);
  return c;
}

template <class Copy>
struct run_result {
  std::vector<Copy> messages;
  errc status = errc::need_more;  // need_more: every byte consumed without error
  std::string after_upgrade;      // bytes left once an upgrade message completed
  bool operator==(const run_result&) const = default;
};

/// Feeds `input` cut at `cuts` (ascending offsets). Stops at the first error or after
/// the first upgrade (whose trailing bytes land in after_upgrade).
template <class Parser>
auto run(Parser& parser, std::string_view input, const std::vector<size_t>& cuts) {
  using copy_t = decltype(copy_of(parser.current()));
  run_result<copy_t> out;
  size_t begin = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const size_t end = i < cuts.size() ? cuts[i] : input.size();
    const size_t n = end - begin;
    auto piece = std::make_unique<char[]>(n + 1);
    std::memcpy(piece.get(), input.data() + begin, n);
    std::string_view d(piece.get(), n);
    begin = end;
    for (;;) {
      const feed_result r = parser.feed(d);
      if (r.status == errc::need_more) {
        if (r.consumed != d.size()) out.status = errc::bad_request;  // contract broken
        break;
      }
      if (r.status != errc::ok) {
        out.status = r.status;
        return out;
      }
      out.messages.push_back(copy_of(parser.current()));
      const bool upgraded = parser.current().upgrade;
      parser.next();
      d.remove_prefix(r.consumed);
      if (upgraded) {
        out.after_upgrade.assign(d);
        out.after_upgrade.append(input.substr(begin));
        return out;
      }
      if (d.empty()) break;
    }
  }
  return out;
}

inline std::vector<size_t> every_byte(size_t n) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < n; ++i) cuts.push_back(i);
  return cuts;
}

}  // namespace sio::proto::http::test
