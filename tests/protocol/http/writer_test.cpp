#include <sio/proto/http/reason_phrase.hpp>
#include <sio/proto/http/request_parser.hpp>
#include <sio/proto/http/response_parser.hpp>
#include <sio/proto/http/writer.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace http = sio::proto::http;
using http::errc;

namespace {

TEST(Writer, ResponseBytes) {
  std::string out = "prefix|";
  const std::vector<http::header> h = {{"Content-Type", "text/plain; charset=UTF-8"},
                                       {"Access-Control-Allow-Origin", "*"}};
  http::append_response(out, 200, h, "ok");
  EXPECT_EQ(out,
            "prefix|HTTP/1.1 200 OK\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Access-Control-Allow-Origin: *\r\n"
            "Content-Length: 2\r\n"
            "\r\n"
            "ok");
}

TEST(Writer, EmptyBodyStillHasContentLength) {
  std::string out;
  http::append_response(out, 404, {}, "");
  EXPECT_EQ(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

TEST(Writer, ConnectionClose) {
  std::string out;
  http::append_response(out, 400, {}, "bad", false);
  EXPECT_EQ(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbad");
}

TEST(Writer, NoContentLengthFor101And204And304) {
  std::string out;
  const std::vector<http::header> h = {{"Upgrade", "websocket"},
                                       {"Connection", "Upgrade"},
                                       {"Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}};
  http::append_response(out, 101, h, "");
  EXPECT_EQ(out,
            "HTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            "\r\n");
  out.clear();
  http::append_response(out, 204, {}, "");
  EXPECT_EQ(out, "HTTP/1.1 204 No Content\r\n\r\n");
  out.clear();
  http::append_response(out, 304, {}, "", false);
  EXPECT_EQ(out, "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
}

TEST(Writer, BracedHeaderLists) {
  std::string out;
  http::append_response(out, 200, {{"A", "1"}, {"B", "2"}}, "x");
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nContent-Length: 1\r\n\r\nx");
  out.clear();
  http::append_request(out, "GET", "/", {{"Host", "h"}}, "");
  EXPECT_EQ(out, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(Writer, UnknownStatusHasEmptyReason) {
  std::string out;
  http::append_response(out, 599, {}, "");
  EXPECT_EQ(out, "HTTP/1.1 599 \r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(http::reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(http::reason_phrase(413), "Content Too Large");
  EXPECT_EQ(http::reason_phrase(505), "HTTP Version Not Supported");
  EXPECT_EQ(http::reason_phrase(42), "");
}

TEST(Writer, RequestBytes) {
  std::string out;
  const std::vector<http::header> h = {{"Host", "localhost:3000"}};
  http::append_request(out, "GET", "/socket.io/?EIO=4&transport=polling", h, "");
  EXPECT_EQ(out,
            "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost:3000\r\n\r\n");
  out.clear();
  http::append_request(out, "POST", "/p", h, "");
  EXPECT_EQ(out, "POST /p HTTP/1.1\r\nHost: localhost:3000\r\nContent-Length: 0\r\n\r\n");
  out.clear();
  http::append_request(out, "POST", "/p", h, "4hello");
  EXPECT_EQ(out, "POST /p HTTP/1.1\r\nHost: localhost:3000\r\nContent-Length: 6\r\n\r\n4hello");
}

TEST(Writer, RoundTrips) {
  std::string wire;
  const std::vector<http::header> h = {{"Host", "h"}, {"X-A", "1"}};
  http::append_request(wire, "POST", "/a?b=c", h, std::string(3000, 'z'));
  http::request_parser rp;
  ASSERT_EQ(rp.feed(wire).status, errc::ok);
  EXPECT_EQ(rp.current().query, "b=c");
  EXPECT_EQ(rp.current().body, std::string(3000, 'z'));
  EXPECT_EQ(rp.current().header("x-a"), "1");

  wire.clear();
  http::append_response(wire, 200, h, "payload", false);
  http::response_parser sp;
  ASSERT_EQ(sp.feed(wire).status, errc::ok);
  EXPECT_EQ(sp.current().status, 200);
  EXPECT_EQ(sp.current().body, "payload");
  EXPECT_FALSE(sp.current().keep_alive);
}

}  // namespace
