// Fuzzes http::response_parser like fuzz/http_request.cpp does the request parser:
// whole versus cut into pieces the first byte picks (its top bit also marks every
// response as answering HEAD), then finish() for a body that runs to the end.

#include <sio/proto/http/response_parser.hpp>

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

void record(std::string& log, const http::response& r, size_t end) {
  log += std::to_string(r.status) + ' ';
  log.append(r.reason) += ' ' + std::to_string(r.version_major) + '.' +
                          std::to_string(r.version_minor) + (r.keep_alive ? " ka" : " close") +
                          (r.upgrade ? " upgrade\n" : "\n");
  for (const http::header& h : r.headers) {
    check(r.header(h.name).data() != nullptr);
    log.append(h.name).append(": ").append(h.value).append("\n");
  }
  log += "body " + std::to_string(r.body.size()) + ": ";
  log.append(r.body).append("\nends at ") += std::to_string(end) + '\n';
}

struct outcome {
  std::string log;
  http::errc status = http::errc::need_more;
};

outcome drive(std::string_view input, uint8_t pick, bool split) {
  const http::limits l{.max_header_bytes = 512, .max_headers = 12, .max_body_bytes = 2048};
  http::response_parser parser(l);
  const bool head = (pick & 0x80) != 0;
  if (head) parser.expect_no_body();
  outcome out;
  uint32_t rng = 0x85ebca6bu ^ pick;
  const size_t max_piece = size_t{1} << (pick & 7);
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
        break;
      }
      if (r.status != http::errc::ok) {
        out.status = r.status;
        return out;
      }
      check(r.consumed <= d.size());
      record(out.log, parser.current(), pos - d.size() + r.consumed);  // end in the stream
      const bool upgraded = parser.current().upgrade;
      parser.next();
      if (head) parser.expect_no_body();
      d.remove_prefix(r.consumed);
      if (upgraded) {
        out.log.append("rest ").append(d).append(input.substr(pos));
        return out;
      }
      if (d.empty()) break;
    }
  }
  const http::feed_result end = parser.finish();
  if (end.status == http::errc::ok) record(out.log, parser.current(), input.size());
  out.status = end.status;
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
