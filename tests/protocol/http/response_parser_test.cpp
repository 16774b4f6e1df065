#include <sio/proto/http/response_parser.hpp>

#include "protocol/http/feed_driver.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace http = sio::proto::http;
using http::errc;
using http::test::every_byte;
using http::test::run;

namespace {

const std::string open_body =
    "0{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,"
    "\"maxPayload\":1000000}";
const std::string ok_cl =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: " +
    std::to_string(open_body.size()) + "\r\n\r\n" + open_body;
const std::string ok_chunked =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n3;e=1\r\n!!!\r\n0\r\nT: "
    "1\r\n\r\n";
const std::string switching =
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
const std::string no_content = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n";
const std::string closing =
    "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

TEST(ResponseParser, ContentLengthBody) {
  http::response_parser p;
  const auto r = p.feed(ok_cl);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, ok_cl.size());
  EXPECT_EQ(p.current().status, 200);
  EXPECT_EQ(p.current().reason, "OK");
  EXPECT_EQ(p.current().header("content-type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(p.current().body, open_body);
  EXPECT_TRUE(p.current().keep_alive);
}

TEST(ResponseParser, ChunkedBody) {
  http::response_parser p;
  ASSERT_EQ(p.feed(ok_chunked).status, errc::ok);
  EXPECT_EQ(p.current().body, "ok!!!");
  EXPECT_EQ(p.current().headers.size(), 1u);
}

TEST(ResponseParser, SwitchingProtocolsLeavesFrameBytes) {
  const std::string in = switching + "\x81\x02hi";
  http::response_parser p;
  const auto r = p.feed(in);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, switching.size());
  EXPECT_EQ(p.current().status, 101);
  EXPECT_TRUE(p.current().upgrade);
  EXPECT_EQ(p.current().header("sec-websocket-accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(ResponseParser, NoContentStatusesHaveNoBody) {
  const std::string in = no_content + "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n" +
                         "HTTP/1.1 100 Continue\r\n\r\n" + closing;
  http::response_parser p;
  const auto res = run(p, in, {});
  ASSERT_EQ(res.status, errc::need_more);
  ASSERT_EQ(res.messages.size(), 4u);
  EXPECT_EQ(res.messages[0].status, 204);
  EXPECT_EQ(res.messages[1].status, 304);
  EXPECT_EQ(res.messages[2].status, 100);
  EXPECT_EQ(res.messages[3].status, 400);
  EXPECT_FALSE(res.messages[3].keep_alive);
  for (const auto& m : res.messages) EXPECT_EQ(m.body, "");
}

TEST(ResponseParser, HeadResponseHasNoBody) {
  http::response_parser p;
  p.expect_no_body();
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n";
  const auto r = p.feed(head + ok_cl);
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_EQ(p.current().body, "");
  p.next();
  ASSERT_EQ(p.feed(ok_cl).status, errc::ok);  // expect_no_body() covered one response
  EXPECT_EQ(p.current().body, open_body);
}

TEST(ResponseParser, BodyUntilClose) {
  http::response_parser p;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\n\r\npart one,").status, errc::need_more);
  EXPECT_EQ(p.feed(" part two").status, errc::need_more);
  const auto r = p.finish();
  ASSERT_EQ(r.status, errc::ok);
  EXPECT_EQ(p.current().body, "part one, part two");
  EXPECT_FALSE(p.current().keep_alive);
  p.next();
  EXPECT_EQ(p.finish().status, errc::need_more);
}

TEST(ResponseParser, TruncatedResponseFailsAtFinish) {
  http::response_parser p;
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").status, errc::need_more);
  EXPECT_EQ(p.finish().status, errc::bad_request);
}

TEST(ResponseParser, SplitAtEveryByte) {
  const std::vector<std::string> inputs = {
      ok_cl,
      ok_chunked,
      switching + "\x81\x02hi",
      ok_cl + ok_chunked + no_content + closing,
  };
  for (const std::string& in : inputs) {
    http::response_parser whole_parser;
    const auto whole = run(whole_parser, in, {});
    ASSERT_EQ(whole.status, errc::need_more);
    for (size_t cut = 1; cut < in.size(); ++cut) {
      http::response_parser p;
      ASSERT_EQ(run(p, in, {cut}), whole) << "cut at " << cut << " of\n" << in;
    }
    http::response_parser p;
    ASSERT_EQ(run(p, in, every_byte(in.size())), whole) << in;
  }
}

TEST(ResponseParser, Errors) {
  http::response_parser p;
  EXPECT_EQ(p.feed("HTTP/1.1 2000 OK\r\n\r\n").status, errc::bad_request);
  http::response_parser q({.max_body_bytes = 10});
  EXPECT_EQ(q.feed("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n").status, errc::body_too_large);
  http::response_parser v;
  EXPECT_EQ(v.feed("HTTP/2.0 200 OK\r\n\r\n").status, errc::bad_version);
}

}  // namespace
