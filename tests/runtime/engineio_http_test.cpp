// The HTTP and Engine.IO edge of the server with real sockets, on both
// reactors: routes, limits, the reference's error answers, WebSocket close
// codes, and other connections unaffected by a misbehaving one.
#include <string>

#include "runtime/test_server.hpp"

namespace {

using sio::engine::io_backend;
using sio::test::raw_client;
using sio::test::running_server;

class edge : public ::testing::TestWithParam<io_backend> {
 protected:
  void SetUp() override {
    _server = std::make_unique<running_server>(GetParam(), [](sio::runtime::server_config& c) {
      c.http.eio.max_payload = 1000;
      c.http.http.header_timeout_ms = 300;
      c.http.http.max_header_bytes = 2048;
    });
    if (_server->start_result() != 0 && GetParam() == io_backend::uring) {
      GTEST_SKIP() << "io_uring unavailable";
    }
    ASSERT_EQ(_server->start_result(), 0);
  }
  /// GET with `extra_headers`; "Connection: close" unless they set Connection.
  std::string get(std::string_view target, std::string_view extra_headers = {}) {
    raw_client c(_server->port());
    std::string req = "GET ";
    req.append(target).append(" HTTP/1.1\r\nHost: x\r\n");
    if (extra_headers.find("Connection:") == std::string_view::npos) {
      req.append("Connection: close\r\n");
    }
    req.append(extra_headers).append("\r\n");
    c.write(req);
    c.read_until_closed();
    return c.received();
  }
  uint16_t port() const { return _server->port(); }
  std::unique_ptr<running_server> _server;
};

TEST_P(edge, health_reports_shards) {
  std::string r = get("/health");
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  EXPECT_NE(r.find("\"shards\":2"), std::string::npos) << r;
}

TEST_P(edge, unknown_path_is_404) {
  EXPECT_EQ(get("/nope").rfind("HTTP/1.1 404", 0), 0u);
}

TEST_P(edge, oversized_headers_get_431) {
  std::string r = get("/health", "X-Big: " + std::string(4000, 'a') + "\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 431", 0), 0u) << r.substr(0, 40);
}

TEST_P(edge, oversized_polling_body_gets_413) {
  raw_client c(port());
  c.write(
      "POST /socket.io/?EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA HTTP/1.1\r\n"
      "Host: x\r\nContent-Length: 5000\r\n\r\n");
  ASSERT_TRUE(c.read_until("\r\n\r\n"));
  EXPECT_EQ(c.received().rfind("HTTP/1.1 413", 0), 0u) << c.received();
}

TEST_P(edge, slow_headers_are_cut_off) {
  raw_client c(port());
  c.write("GET /health HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.read_until_closed());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
}

TEST_P(edge, engineio_error_codes_match_the_reference) {
  auto body_of = [&](std::string_view target, std::string_view method = "GET") {
    raw_client c(port());
    std::string req(method);
    req.append(" ").append(target).append(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    c.write(req);
    c.read_until_closed();
    return c.received();
  };
  auto expect = [&](std::string_view target, std::string_view status, std::string_view body,
                    std::string_view method = "GET") {
    std::string r = body_of(target, method);
    EXPECT_EQ(r.rfind(status, 0), 0u) << target << ": " << r;
    EXPECT_NE(r.find(body), std::string::npos) << target << ": " << r;
  };
  expect("/socket.io/?EIO=4", "HTTP/1.1 400", R"({"code":0,"message":"Transport unknown"})");
  expect("/socket.io/?EIO=4&transport=abc", "HTTP/1.1 400", R"("code":0)");
  expect("/socket.io/?EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA", "HTTP/1.1 400",
         R"({"code":1,"message":"Session ID unknown"})");
  expect("/socket.io/?EIO=4&transport=polling", "HTTP/1.1 400",
         R"({"code":2,"message":"Bad handshake method"})", "PUT");
  expect("/socket.io/?EIO=4&transport=websocket", "HTTP/1.1 400",
         R"({"code":3,"message":"Bad request"})");
  expect("/socket.io/?transport=polling", "HTTP/1.1 400",
         R"({"code":5,"message":"Unsupported protocol version"})");
  expect("/socket.io/?EIO=3&transport=polling", "HTTP/1.1 400", R"("code":5)");
  expect("/socket.io/?EIO=4&transport=polling", "HTTP/1.1 200", R"(0{"sid":")");
}

TEST_P(edge, websocket_handshake_errors) {
  std::string r = get("/socket.io/?EIO=4&transport=websocket",
                      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 426", 0), 0u) << r;
  EXPECT_NE(r.find("Sec-WebSocket-Version: 13"), std::string::npos);
  r = get("/socket.io/?EIO=4&transport=websocket",
          "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          "Sec-WebSocket-Key: short\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << r;
}

// RFC 6455 close frame from the server: 0x88, length, then the status code.
std::string close_frame(uint16_t code) {
  return {'\x88', '\x02', static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
}

TEST_P(edge, websocket_protocol_errors_close_with_the_rfc_codes) {
  raw_client bystander(port());
  ASSERT_TRUE(bystander.upgrade("/socket.io/?EIO=4&transport=websocket"));

  {  // a client frame without a mask
    raw_client c(port());
    ASSERT_TRUE(c.upgrade("/socket.io/?EIO=4&transport=websocket"));
    std::string frame;
    sio::proto::ws::append_frame(frame, sio::proto::ws::opcode::text, "40");
    c.write(frame);
    EXPECT_TRUE(c.read_until(close_frame(1002)));
    EXPECT_TRUE(c.read_until_closed());
  }
  {  // over maxPayload
    raw_client c(port());
    ASSERT_TRUE(c.upgrade("/socket.io/?EIO=4&transport=websocket"));
    c.send_text("4" + std::string(2000, 'x'));
    EXPECT_TRUE(c.read_until(close_frame(1009)));
  }
  {  // text that is not UTF-8
    raw_client c(port());
    ASSERT_TRUE(c.upgrade("/socket.io/?EIO=4&transport=websocket"));
    c.send_text("4\xff\xfe");
    EXPECT_TRUE(c.read_until(close_frame(1007)));
  }
  {  // not an Engine.IO packet: the session closes ("parse error")
    raw_client c(port());
    ASSERT_TRUE(c.upgrade("/socket.io/?EIO=4&transport=websocket"));
    c.send_text("abc");
    EXPECT_TRUE(c.read_until_closed());
  }
  {  // ping → pong; close → the same close code back, then TCP closes
    raw_client c(port());
    ASSERT_TRUE(c.upgrade("/socket.io/?EIO=4&transport=websocket"));
    c.send_frame(sio::proto::ws::opcode::ping, "hey");
    EXPECT_TRUE(c.read_until(std::string("\x8a\x03hey", 5)));
    c.send_frame(sio::proto::ws::opcode::close, std::string("\x03\xe8", 2));
    EXPECT_TRUE(c.read_until(close_frame(1000)));
    EXPECT_TRUE(c.read_until_closed());
  }
  // The well-behaved connection never noticed.
  bystander.clear();
  bystander.send_text("40");
  EXPECT_TRUE(bystander.read_until("40{\"sid\":\""));
}

TEST_P(edge, overlapping_polling_gets_close_the_session) {
  std::string open = get("/socket.io/?EIO=4&transport=polling");
  auto at = open.find("\"sid\":\"");
  ASSERT_NE(at, std::string::npos);
  std::string sid = open.substr(at + 7, 20);
  std::string target = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
  raw_client first(port());
  first.write("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the first GET is held
  std::string second = get(target);
  EXPECT_EQ(second.rfind("HTTP/1.1 400", 0), 0u) << second;
  ASSERT_TRUE(first.read_until("\r\n\r\n1"));
  EXPECT_EQ(get(target).find(R"("code":1)") != std::string::npos, true);
}

// A bare Engine.IO echo, so a message can be traced through the hand-off.
class echo_handler final : public sio::runtime::session_handler {
 public:
  void on_message(sio::runtime::session& s, std::string_view text, bool) override {
    s.send_text(text);
  }
  void on_binary(sio::runtime::session&, std::span<const uint8_t>) override {}
  void on_close(sio::runtime::session&, sio::runtime::close_reason) override {}
};
class echo_acceptor final : public sio::runtime::session_acceptor {
 public:
  sio::runtime::session_handler* on_session(sio::runtime::session&,
                                            const sio::proto::http::request&) override {
    return &_handler;
  }

 private:
  echo_handler _handler;
};

TEST_P(edge, pipelined_polling_requests_follow_the_socket_to_the_owning_shard) {
  running_server srv(GetParam(), {}, [](sio::runtime::server& s) {
    sio::runtime::eio_options o;
    o.path = "/engine.io/";
    s.engineio_endpoint(o, [](sio::engine::shard&) { return std::make_unique<echo_acceptor>(); });
  });
  ASSERT_EQ(srv.start_result(), 0);
  // Connections land on either shard; whichever does not own the session
  // hands the socket over with every byte it has read.
  std::string open;
  {
    raw_client c(srv.port());
    c.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(c.read_until("\"maxPayload\":"));
    open = c.received();
  }
  auto at = open.find("\"sid\":\"");
  ASSERT_NE(at, std::string::npos);
  std::string target = "/engine.io/?EIO=4&transport=polling&sid=" + open.substr(at + 7, 20);
  // 24 connections: the chance that none lands on the other shard is 2^-24.
  for (int i = 0; i < 24; ++i) {
    raw_client c(srv.port());
    std::string body = "4m" + std::to_string(i);
    c.write("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n" +
            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body + "GET " + target +
            " HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(c.read_until("\r\n\r\nok")) << i;
    EXPECT_TRUE(c.read_until("\r\n\r\n" + body)) << i << ": " << c.received();
  }
  EXPECT_GT(srv.get().group().totals.handoffs.load(), 0u);
}

TEST_P(edge, a_polling_client_that_never_fetches_is_dropped_at_the_buffer_limit) {
  running_server srv(GetParam(), {}, [](sio::runtime::server& s) {
    sio::runtime::eio_options o;
    o.path = "/engine.io/";
    o.max_buffered_bytes = 1000;
    s.engineio_endpoint(o, [](sio::engine::shard&) { return std::make_unique<echo_acceptor>(); });
  });
  ASSERT_EQ(srv.start_result(), 0);
  raw_client c(srv.port());
  c.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(c.read_until("\"maxPayload\":"));
  auto at = c.received().find("\"sid\":\"");
  std::string target = "/engine.io/?EIO=4&transport=polling&sid=" + c.received().substr(at + 7, 20);
  std::string body = "4" + std::string(600, 'x');  // each echo buffers 600 bytes
  for (int i = 0; i < 2; ++i) {
    c.clear();
    c.write("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body);
    ASSERT_TRUE(c.read_until("\r\n\r\nok"));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  c.clear();
  c.write("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(c.read_until("}"));
  EXPECT_NE(c.received().find(R"({"code":1,"message":"Session ID unknown"})"), std::string::npos)
      << c.received();
}

INSTANTIATE_TEST_SUITE_P(reactors, edge, ::testing::Values(io_backend::uring, io_backend::epoll),
                         sio::test::reactor_name);

}  // namespace
