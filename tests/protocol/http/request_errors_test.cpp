#include <sio/proto/http/errc.hpp>
#include <sio/proto/http/request_parser.hpp>

#include "protocol/http/feed_driver.hpp"

#include <gtest/gtest.h>

#include <string>

namespace http = sio::proto::http;
using http::errc;
using http::test::every_byte;
using http::test::run;

namespace {

// Feeds `in` whole, cut at every offset and byte by byte; all must fail with `e`.
void expect_error(const std::string& in, errc e, http::limits l = {}) {
  {
    http::request_parser p(l);
    EXPECT_EQ(run(p, in, {}).status, e) << "whole: " << in;
  }
  for (size_t cut = 1; cut < in.size() && in.size() < 4096; ++cut) {
    http::request_parser p(l);
    ASSERT_EQ(run(p, in, {cut}).status, e) << "cut at " << cut << ": " << in;
  }
  http::request_parser p(l);
  EXPECT_EQ(run(p, in, every_byte(in.size())).status, e) << "bytewise: " << in;
}

TEST(RequestErrors, StatusForEachError) {
  EXPECT_EQ(http::status_for(errc::bad_request), 400);
  EXPECT_EQ(http::status_for(errc::header_too_large), 431);
  EXPECT_EQ(http::status_for(errc::too_many_headers), 431);
  EXPECT_EQ(http::status_for(errc::body_too_large), 413);
  EXPECT_EQ(http::status_for(errc::unsupported_transfer_encoding), 501);
  EXPECT_EQ(http::status_for(errc::bad_version), 505);
  EXPECT_EQ(http::errc_name(errc::too_many_headers), "too_many_headers");
}

TEST(RequestErrors, GarbageIs400) {
  expect_error("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", errc::bad_request);  // TLS hello
  expect_error("HELLO WORLD\r\n\r\n", errc::bad_request);
  expect_error("GET\r\n\r\n", errc::bad_request);
  expect_error("GET / HTTP/1.1\r\nNo-Colon\r\n\r\n", errc::bad_request);
  expect_error("GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n", errc::bad_request);
}

TEST(RequestErrors, ContentLengthWithTransferEncodingIs400) {
  expect_error(
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      errc::bad_request);
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",
               errc::bad_request);
}

TEST(RequestErrors, ConflictingContentLengthIs400) {
  expect_error("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
               errc::bad_request);
  expect_error("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", errc::bad_request);
}

TEST(RequestErrors, ChunkedNotLastIs400) {
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
               errc::bad_request);
}

TEST(RequestErrors, WhitespaceBeforeColonIs400) {
  expect_error("GET / HTTP/1.1\r\nHost : x\r\n\r\n", errc::bad_request);
}

TEST(RequestErrors, ObsFoldIs400) {
  expect_error("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", errc::bad_request);
  expect_error("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n", errc::bad_request);
  // A fold right after the colon is the same as replacing it with a space (the
  // other choice §5.2 allows): llhttp and the view agree on the value.
  http::request_parser p;
  ASSERT_EQ(p.feed("GET / HTTP/1.1\r\nX:\r\n b\r\n\r\n").status, errc::ok);
  EXPECT_EQ(p.current().header("x"), "b");
}

TEST(RequestErrors, BareLineFeedIs400) {
  expect_error("GET / HTTP/1.1\r\nX: a\nY: b\r\n\r\n", errc::bad_request);
}

TEST(RequestErrors, LongHeaderIs431) {
  expect_error("GET / HTTP/1.1\r\nX-Long: " + std::string(9000, 'a') + "\r\n\r\n",
               errc::header_too_large);
  expect_error("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n", errc::header_too_large);
  // Split into many small feeds, the limit is still counted across them.
  http::request_parser p;
  EXPECT_EQ(p.feed("GET / HTTP/1.1\r\n").status, errc::need_more);
  errc last = errc::need_more;
  const std::string filler = "X-Filler: " + std::string(500, 'f') + "\r\n";
  for (int i = 0; i < 20 && last == errc::need_more; ++i) last = p.feed(filler).status;
  EXPECT_EQ(last, errc::header_too_large);
}

TEST(RequestErrors, HeaderLimitIsInclusive) {
  const http::limits l{.max_header_bytes = 64};
  std::string in = "GET / HTTP/1.1\r\nX: ";
  in += std::string(64 - in.size() - 4, 'v') + "\r\n\r\n";
  ASSERT_EQ(in.size(), 64u);
  http::request_parser ok(l);
  EXPECT_EQ(run(ok, in, every_byte(in.size())).status, errc::need_more);
  in.insert(in.find("\r\n\r\n"), "w");
  expect_error(in, errc::header_too_large, l);
}

TEST(RequestErrors, EndlessBlankLinesAre431) {
  expect_error(std::string(9000, '\n'), errc::header_too_large);
}

TEST(RequestErrors, TooManyHeadersIs431) {
  std::string in = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 65; ++i) in += "H" + std::to_string(i) + ": v\r\n";
  expect_error(in + "\r\n", errc::too_many_headers);
  const http::limits l{.max_headers = 2};
  http::request_parser p(l);
  EXPECT_EQ(p.feed("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n").status, errc::ok);
  expect_error("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", errc::too_many_headers, l);
}

TEST(RequestErrors, BigContentLengthIs413BeforeTheBody) {
  http::request_parser p;
  const auto r = p.feed("POST / HTTP/1.1\r\nContent-Length: 1000001\r\n\r\n");
  EXPECT_EQ(r.status, errc::body_too_large);
  const http::limits l{.max_body_bytes = 4};
  http::request_parser exact(l);
  EXPECT_EQ(exact.feed("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd").status, errc::ok);
  expect_error("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n", errc::body_too_large, l);
  expect_error("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
               errc::bad_request);  // overflows: not a valid length
}

TEST(RequestErrors, BigChunkedBodyIs413) {
  const http::limits l{.max_body_bytes = 4};
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n",
               errc::body_too_large, l);
  expect_error(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      errc::body_too_large, l);
  http::request_parser p(l);
  EXPECT_EQ(p.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0"
                   "\r\n\r\n")
                .status,
            errc::ok);
  EXPECT_EQ(p.current().body, "abcd");
}

TEST(RequestErrors, HugeTrailersAre431) {
  std::string in = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
  for (int i = 0; i < 400; ++i) in += "T" + std::to_string(i) + ": 01234567890123456789\r\n";
  expect_error(in + "\r\n", errc::header_too_large);
}

TEST(RequestErrors, OddTransferEncodingIs501) {
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
               errc::unsupported_transfer_encoding);
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
               errc::unsupported_transfer_encoding);
  expect_error("POST / HTTP/1.1\r\nTransfer-Encoding: x-custom\r\n\r\n",
               errc::unsupported_transfer_encoding);
}

TEST(RequestErrors, OtherVersionsAre505) {
  expect_error("GET / HTTP/2.0\r\n\r\n", errc::bad_version);
  expect_error("GET / HTTP/1.2\r\n\r\n", errc::bad_version);
  expect_error("GET / HTTP/3.0\r\n\r\n", errc::bad_version);
  expect_error("GET / HTTP/0.9\r\n\r\n", errc::bad_version);
  expect_error("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", errc::bad_version);
}

TEST(RequestErrors, ErrorIsStickyUntilNext) {
  http::request_parser p;
  EXPECT_EQ(p.feed("BAD\r\n\r\n").status, errc::bad_request);
  EXPECT_EQ(p.feed("GET / HTTP/1.1\r\n\r\n").status, errc::bad_request);
  p.next();
  EXPECT_EQ(p.feed("GET / HTTP/1.1\r\n\r\n").status, errc::ok);
}

}  // namespace
