// Fuzzes http::request_parser: the input (after its first byte) is one connection's
// byte stream, fed whole and again cut into pieces whose sizes the first byte picks.
// Both runs must agree on every request (all fields read) and on the final status;
// each piece is a fresh heap block freed once fed, so a view that outlives its
// feed is a use-after-free under ASan.

#include <sio/proto/http/query_params.hpp>
#include <sio/proto/http/request_parser.hpp>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace http = sio::proto::http;

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

void record(std::string& log, const http::request& r, size_t end) {
  log += std::to_string(static_cast<int>(r.method)) + ' ';
  log.append(r.method_name).append(" ").append(r.target).append(" ");
  check(r.target.substr(0, r.path.size()) == r.path);
  log.append(r.path).append("?").append(r.query).append("\n");
  log += std::to_string(r.version_major) + '.' + std::to_string(r.version_minor) +
         (r.keep_alive ? " ka" : " close") + (r.upgrade ? " upgrade\n" : "\n");
  for (const http::header& h : r.headers) {
    check(!h.name.empty());
    check(r.has_header(h.name));
    log.append(h.name).append(": ").append(h.value).append("\n");
  }
  log += "body " + std::to_string(r.body.size()) + ": ";
  log.append(r.body).append("\nends at ") += std::to_string(end) + '\n';
  const http::query_params q(r.query);
  log += "params " + std::to_string(q.size()) + '\n';
}

struct outcome {
  std::string log;
  http::errc status = http::errc::need_more;
};

outcome drive(std::string_view input, uint8_t pick, bool split) {
  const http::limits l{.max_header_bytes = 512, .max_headers = 12, .max_body_bytes = 2048};
  http::request_parser parser(l);
  outcome out;
  uint32_t rng = 0x9e3779b9u ^ pick;
  const size_t max_piece = size_t{1} << (pick & 7);  // 1 .. 128 bytes
  size_t pos = 0;
  while (pos < input.size()) {
    size_t n = input.size() - pos;
    if (split) {
      rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
      n = std::min(n, 1 + rng % max_piece);
    }
    auto piece = std::make_unique<char[]>(n);
    std::memcpy(piece.get(), input.data() + pos, n);
    pos += n;
    std::string_view d(piece.get(), n);
    for (;;) {
      const http::feed_result r = parser.feed(d);
      if (r.status == http::errc::need_more) {
        check(r.consumed == d.size());
        check(parser.buffered() > 0 || d.empty());
        break;
      }
      if (r.status != http::errc::ok) {
        const int s = http::status_for(r.status);
        check(s == 400 || s == 413 || s == 431 || s == 501 || s == 505);
        out.status = r.status;
        return out;
      }
      check(r.consumed <= d.size());
      record(out.log, parser.current(), pos - d.size() + r.consumed);  // end in the stream
      const bool upgraded = parser.current().upgrade;
      parser.next();
      d.remove_prefix(r.consumed);
      if (upgraded) {
        out.log.append("rest ").append(d).append(input.substr(pos));
        return out;
      }
      if (d.empty()) break;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const outcome whole = drive(input, data[0], false);
  const outcome split = drive(input, data[0], true);
  check(whole.status == split.status);
  check(whole.log == split.log);
  return 0;
}
