#include <sio/proto/http/request_parser.hpp>

#include "protocol/http/feed_driver.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace http = sio::proto::http;
using http::errc;
using http::test::every_byte;
using http::test::run;

namespace {

const std::string polling_get =
    "GET /socket.io/?EIO=4&transport=polling&t=OaB3cD&sid=Xy3_AbCdEfGhIjKl HTTP/1.1\r\n"
    "Host: localhost:3000\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
    "Accept: */*\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Origin: http://localhost:8080\r\n"
    "Connection: keep-alive\r\n"
    "Referer: http://localhost:8080/\r\n"
    "\r\n";

const std::string post_cl =
    "POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\n"
    "Host: x\r\n"
    "Content-Type: text/plain;charset=UTF-8\r\n"
    "Content-Length: 11\r\n"
    "\r\n"
    "42[\"hi\",1]\x1e";

const std::string post_chunked =
    "POST /up HTTP/1.1\r\n"
    "Host: x\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n"
    "5;name=value\r\nhello\r\n"
    "1\r\n \r\n"
    "5\r\nworld\r\n"
    "0\r\n"
    "Trailer-Field: t\r\n"
    "\r\n";

const std::string upgrade_get =
    "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
    "Host: localhost:3000\r\n"
    "Upgrade: websocket\r\n"
    "Connection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "\r\n";
const std::string ws_bytes = std::string("\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58", 11);

TEST(RequestParser, ParsesPollingGetWithoutCopy) {
  http::request_parser p;
  const auto r = p.feed(polling_get);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, polling_get.size());
  const http::request& q = p.current();
  EXPECT_EQ(q.method, http::method::get);
  EXPECT_EQ(q.method_name, "GET");
  EXPECT_EQ(q.target, "/socket.io/?EIO=4&transport=polling&t=OaB3cD&sid=Xy3_AbCdEfGhIjKl");
  EXPECT_EQ(q.path, "/socket.io/");
  EXPECT_EQ(q.query, "EIO=4&transport=polling&t=OaB3cD&sid=Xy3_AbCdEfGhIjKl");
  EXPECT_EQ(q.version_major, 1);
  EXPECT_EQ(q.version_minor, 1);
  EXPECT_TRUE(q.keep_alive);
  EXPECT_FALSE(q.upgrade);
  ASSERT_EQ(q.headers.size(), 8u);
  EXPECT_EQ(q.headers[0].name, "Host");
  EXPECT_EQ(q.headers[0].value, "localhost:3000");
  EXPECT_EQ(q.headers[7].name, "Referer");
  EXPECT_EQ(q.body, "");
  // Arrived whole: every view points into the caller's bytes.
  const char* lo = polling_get.data();
  const char* hi = lo + polling_get.size();
  EXPECT_TRUE(q.target.data() >= lo && q.target.data() < hi);
  EXPECT_TRUE(q.headers[3].value.data() >= lo && q.headers[3].value.data() < hi);
  EXPECT_EQ(p.buffered(), 0u);
}

TEST(RequestParser, HeaderLookupIsCaseInsensitive) {
  http::request_parser p;
  ASSERT_EQ(p.feed("GET / HTTP/1.1\r\nX-Empty:\r\nHOST: a.b\r\nhost: second\r\n"
                   "Sec-WebSocket-Key:   k  \r\n\r\n")
                .status,
            errc::ok);
  const http::request& q = p.current();
  EXPECT_EQ(q.header("host"), "a.b");  // first wins
  EXPECT_EQ(q.header("Host"), "a.b");
  EXPECT_EQ(q.header("sec-websocket-key"), "k");  // OWS trimmed both sides
  EXPECT_TRUE(q.has_header("x-empty"));
  EXPECT_EQ(q.header("X-EMPTY"), "");
  EXPECT_FALSE(q.has_header("absent"));
  EXPECT_EQ(q.header("absent"), "");
}

TEST(RequestParser, PostWithContentLength) {
  http::request_parser p;
  const auto r = p.feed(post_cl);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, post_cl.size());
  EXPECT_EQ(p.current().method, http::method::post);
  EXPECT_EQ(p.current().body, "42[\"hi\",1]\x1e");
  EXPECT_EQ(p.current().header("content-type"), "text/plain;charset=UTF-8");
}

TEST(RequestParser, ChunkedBodyIsDechunkedAndTrailersDropped) {
  http::request_parser p;
  const auto r = p.feed(post_chunked);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, post_chunked.size());
  EXPECT_EQ(p.current().body, "hello world");
  EXPECT_EQ(p.current().headers.size(), 2u);
  EXPECT_FALSE(p.current().has_header("trailer-field"));
}

TEST(RequestParser, SingleChunkBodyStaysInPlace) {
  const std::string in =
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  http::request_parser p;
  ASSERT_EQ(p.feed(in).status, errc::ok);
  EXPECT_EQ(p.current().body, "abc");
  EXPECT_EQ(p.current().body.data(), in.data() + in.find("abc"));
}

TEST(RequestParser, PipelinedRequestsStopAtEachEnd) {
  const std::string in = polling_get + post_cl + "GET /b HTTP/1.1\r\nHost: y\r\n\r\n";
  http::request_parser p;
  std::string_view d = in;
  auto r = p.feed(d);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, polling_get.size());
  EXPECT_EQ(p.current().path, "/socket.io/");
  p.next();
  d.remove_prefix(r.consumed);
  r = p.feed(d);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, post_cl.size());
  EXPECT_EQ(p.current().body, "42[\"hi\",1]\x1e");
  p.next();
  d.remove_prefix(r.consumed);
  r = p.feed(d);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, d.size());
  EXPECT_EQ(p.current().path, "/b");
  EXPECT_EQ(p.current().header("host"), "y");
  p.next();
  EXPECT_EQ(p.feed("").status, errc::need_more);
}

TEST(RequestParser, UpgradeStopsAtEndOfHeaders) {
  const std::string in = upgrade_get + ws_bytes;
  http::request_parser p;
  const auto r = p.feed(in);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, upgrade_get.size());
  EXPECT_TRUE(p.current().upgrade);
  EXPECT_TRUE(p.current().keep_alive);
  EXPECT_EQ(p.current().header("upgrade"), "websocket");
  EXPECT_TRUE(http::has_token(p.current().header("connection"), "upgrade"));
}

TEST(RequestParser, UpgradeNeedsBothHeaders) {
  http::request_parser p;
  ASSERT_EQ(p.feed("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n").status, errc::ok);
  EXPECT_FALSE(p.current().upgrade);
  p.next();
  ASSERT_EQ(
      p.feed("GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n")
          .status,
      errc::ok);
  EXPECT_TRUE(p.current().upgrade);
}

// Every input, cut once at every offset and also fed byte by byte, gives exactly
// what the whole input gives.
TEST(RequestParser, SplitAtEveryByte) {
  const std::vector<std::string> inputs = {
      polling_get,
      post_cl,
      post_chunked,
      upgrade_get + ws_bytes,
      polling_get + post_cl + post_chunked + "GET /last HTTP/1.0\r\n\r\n",
      "\r\nGET /lead-crlf HTTP/1.1\r\nA: b  \r\n\r\n",
      "DELETE /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
  };
  for (const std::string& in : inputs) {
    http::request_parser whole_parser;
    const auto whole = run(whole_parser, in, {});
    ASSERT_EQ(whole.status, errc::need_more) << in;
    ASSERT_FALSE(whole.messages.empty());
    for (size_t cut = 1; cut < in.size(); ++cut) {
      http::request_parser p;
      ASSERT_EQ(run(p, in, {cut}), whole) << "cut at " << cut << " of\n" << in;
    }
    http::request_parser p;
    ASSERT_EQ(run(p, in, every_byte(in.size())), whole) << in;
  }
}

TEST(RequestParser, SplitRequestIsCopiedIntoParser) {
  const std::string a = "GET /split?x=1 HTTP/1.1\r\nHo";
  const std::string b = "st: h\r\n\r\n";
  http::request_parser p;
  EXPECT_EQ(p.feed(a).status, errc::need_more);
  EXPECT_EQ(p.buffered(), a.size());
  const auto r = p.feed(b);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, b.size());
  EXPECT_EQ(p.buffered(), 0u);
  EXPECT_EQ(p.current().target, "/split?x=1");
  EXPECT_EQ(p.current().header("host"), "h");
  const char* v = p.current().header("host").data();
  EXPECT_FALSE(v >= b.data() && v < b.data() + b.size());
}

TEST(RequestParser, CopiedBodyIsPadded) {
  const std::string body(100, 'b');  // past the small-string buffer: a heap block of its own
  const std::string post = "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + body;
  http::request_parser p;
  ASSERT_EQ(p.feed(std::string_view(post).substr(0, post.size() - 50)).status, errc::need_more);
  ASSERT_EQ(p.feed(std::string_view(post).substr(post.size() - 50)).status, errc::ok);
  ASSERT_EQ(p.current().body, body);
  // ASan reports an overflow here if the padding is not there.
  volatile char last = p.current().body.data()[body.size() + http::body_padding - 1];
  p.next();
  const std::string chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n" +
                              body.substr(50) + "\r\n32\r\n" + body.substr(50) + "\r\n0\r\n\r\n";
  ASSERT_EQ(p.feed(chunked).status, errc::ok);
  ASSERT_EQ(p.current().body, body);
  last = p.current().body.data()[body.size() + http::body_padding - 1];
  (void)last;
}

TEST(RequestParser, KeepAliveRules) {
  struct c {
    const char* in;
    bool keep_alive;
  };
  const c cases[] = {
      {"GET / HTTP/1.1\r\n\r\n", true},
      {"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false},
      {"GET / HTTP/1.0\r\n\r\n", false},
      {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
  };
  for (const c& k : cases) {
    http::request_parser p;
    ASSERT_EQ(p.feed(k.in).status, errc::ok) << k.in;
    EXPECT_EQ(p.current().keep_alive, k.keep_alive) << k.in;
  }
}

TEST(RequestParser, MethodsAndTargets) {
  struct c {
    const char* in;
    http::method m;
    const char* name;
    const char* path;
    const char* query;
  };
  const c cases[] = {
      {"GET /a HTTP/1.1\r\n\r\n", http::method::get, "GET", "/a", ""},
      {"HEAD /a? HTTP/1.1\r\n\r\n", http::method::head, "HEAD", "/a", ""},
      {"POST /a?b=1 HTTP/1.1\r\n\r\n", http::method::post, "POST", "/a", "b=1"},
      {"PUT /a?b=1#f HTTP/1.1\r\n\r\n", http::method::put, "PUT", "/a", "b=1"},
      {"DELETE /a#f HTTP/1.1\r\n\r\n", http::method::delete_, "DELETE", "/a", ""},
      {"OPTIONS * HTTP/1.1\r\n\r\n", http::method::options, "OPTIONS", "*", ""},
      {"PATCH /p HTTP/1.1\r\n\r\n", http::method::patch, "PATCH", "/p", ""},
      {"PROPFIND /d HTTP/1.1\r\n\r\n", http::method::other, "PROPFIND", "/d", ""},
  };
  for (const c& k : cases) {
    http::request_parser p;
    ASSERT_EQ(p.feed(k.in).status, errc::ok) << k.in;
    EXPECT_EQ(p.current().method, k.m) << k.in;
    EXPECT_EQ(p.current().method_name, k.name);
    EXPECT_EQ(p.current().path, k.path);
    EXPECT_EQ(p.current().query, k.query);
  }
}

TEST(RequestParser, IdentityTransferCodingMeansNoBody) {
  http::request_parser p;
  ASSERT_EQ(p.feed("POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n\r\n").status, errc::ok);
  EXPECT_EQ(p.current().body, "");
}

TEST(RequestParser, FeedAfterOkStartsNextRequest) {
  http::request_parser p;
  ASSERT_EQ(p.feed("GET /1 HTTP/1.1\r\n\r\n").status, errc::ok);
  ASSERT_EQ(p.feed("GET /2 HTTP/1.1\r\n\r\n").status, errc::ok);
  EXPECT_EQ(p.current().path, "/2");
}

TEST(RequestParser, MovedMidRequestKeepsParsing) {
  http::request_parser a;
  EXPECT_EQ(a.feed("POST /m HTTP/1.1\r\nContent-Length: 4\r\n\r\nab").status, errc::need_more);
  http::request_parser b = std::move(a);
  ASSERT_EQ(b.feed("cd").status, errc::ok);
  EXPECT_EQ(b.current().path, "/m");
  EXPECT_EQ(b.current().body, "abcd");
}

TEST(RequestParser, ManyRequestsOnOneParser) {
  http::request_parser p;
  for (int i = 0; i < 1000; ++i) {
    const std::string& in = (i % 3 == 0) ? polling_get : (i % 3 == 1) ? post_cl : post_chunked;
    const size_t cut = static_cast<size_t>(i) % in.size();
    if (cut > 0) {
      ASSERT_EQ(p.feed(std::string_view(in).substr(0, cut)).status, errc::need_more);
    }
    const auto r = p.feed(std::string_view(in).substr(cut));
    ASSERT_EQ(r.status, errc::ok) << i;
    ASSERT_EQ(r.consumed, in.size() - cut);
    p.next();
  }
}

}  // namespace
