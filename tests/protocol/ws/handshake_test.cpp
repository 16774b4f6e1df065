// ws handshake: RFC 6455 §4 (accept key, request validation, both sides' messages).

#include <sio/proto/ws/handshake.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sio::proto::ws {
namespace {

constexpr std::string_view rfc_key = "dGhlIHNhbXBsZSBub25jZQ==";  // §1.3 / §4.2.2
constexpr std::string_view rfc_accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

upgrade_request good() {
  return {"GET", "websocket", "Upgrade", "13", rfc_key};
}

TEST(Handshake, AcceptKeyRfcExample) {
  EXPECT_EQ(accept_key(rfc_key), rfc_accept);
}

TEST(Handshake, ValidRequest) {
  EXPECT_EQ(validate_upgrade(good()), handshake_errc::ok);
  upgrade_request r = good();
  r.upgrade = "WebSocket";
  r.connection = "keep-alive, Upgrade";
  r.version = " 13 ";
  r.key = " dGhlIHNhbXBsZSBub25jZQ== ";
  EXPECT_EQ(validate_upgrade(r), handshake_errc::ok);
  r.upgrade = "h2c,\twebsocket";
  r.connection = "UPGRADE,keep-alive";
  EXPECT_EQ(validate_upgrade(r), handshake_errc::ok);
}

TEST(Handshake, MethodMustBeGet) {
  for (std::string_view m : {"POST", "get", "", "HEAD"}) {
    upgrade_request r = good();
    r.method = m;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::not_get) << m;
  }
}

TEST(Handshake, UpgradeAndConnectionTokens) {
  for (std::string_view u : {"", "websockets", "web socket", "h2c", "websocket/13x"}) {
    upgrade_request r = good();
    r.upgrade = u;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::not_upgrade) << u;
  }
  for (std::string_view c : {"", "keep-alive", "upgrades", "close"}) {
    upgrade_request r = good();
    r.connection = c;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::not_upgrade) << c;
  }
}

TEST(Handshake, VersionMustBe13) {
  for (std::string_view v : {"", "8", "12", "14", "13, 8", "130"}) {
    upgrade_request r = good();
    r.version = v;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::bad_version) << v;
  }
}

TEST(Handshake, KeyMustEncode16Bytes) {
  for (std::string_view k :
       {"", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZQ===",
        "dGhlIHNhbXBsZSBub25j*Q==", "dGhlIHNhbXBsZSBub25jZQAA", "c2hvcnQ="}) {
    upgrade_request r = good();
    r.key = k;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::bad_key) << k;
  }
}

TEST(Handshake, ChecksInOrder) {
  upgrade_request r{"POST", "", "", "", ""};
  EXPECT_EQ(validate_upgrade(r), handshake_errc::not_get);
  r.method = "GET";
  EXPECT_EQ(validate_upgrade(r), handshake_errc::not_upgrade);
  r.upgrade = "websocket";
  r.connection = "upgrade";
  EXPECT_EQ(validate_upgrade(r), handshake_errc::bad_version);
  r.version = "13";
  EXPECT_EQ(validate_upgrade(r), handshake_errc::bad_key);
}

TEST(Handshake, HttpStatus) {
  EXPECT_EQ(http_status(handshake_errc::ok), 101);
  EXPECT_EQ(http_status(handshake_errc::bad_version), 426);
  EXPECT_EQ(http_status(handshake_errc::not_get), 400);
  EXPECT_EQ(http_status(handshake_errc::not_upgrade), 400);
  EXPECT_EQ(http_status(handshake_errc::bad_key), 400);
}

TEST(Handshake, UpgradeResponse) {
  std::string out = "x";
  append_upgrade_response(out, rfc_key);
  EXPECT_EQ(out,
            "xHTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
}

TEST(Handshake, Rejections) {
  std::string out;
  append_upgrade_rejection(out, handshake_errc::bad_version);
  EXPECT_EQ(out,
            "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
            "Connection: close\r\nContent-Type: text/plain\r\nContent-Length: 29\r\n\r\n"
            "Unsupported WebSocket version");
  out.clear();
  append_upgrade_rejection(out, handshake_errc::bad_key);
  EXPECT_EQ(out.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
  EXPECT_EQ(out.find("Sec-WebSocket-Version"), std::string::npos);
  EXPECT_NE(out.find("\r\n\r\nMissing or invalid Sec-WebSocket-Key"), std::string::npos);
}

TEST(Handshake, UpgradeRequest) {
  std::string out;
  append_upgrade_request(out, "127.0.0.1:3000", "/socket.io/?EIO=4&transport=websocket", rfc_key);
  EXPECT_EQ(out,
            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            "Host: 127.0.0.1:3000\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n");
}

TEST(Handshake, ClientKeys) {
  // "the sample nonce" is the RFC's 16 bytes: 0x7468652073616d70, 0x6c65206e6f6e6365.
  EXPECT_EQ(make_client_key(0x7468652073616d70ull, 0x6c65206e6f6e6365ull), rfc_key);
  std::set<std::string> seen;
  for (uint64_t i = 0; i < 100; ++i) {
    const std::string k = make_client_key(i * 0x9E3779B97F4A7C15ull, ~i);
    EXPECT_EQ(k.size(), 24u);
    upgrade_request r = good();
    r.key = k;
    EXPECT_EQ(validate_upgrade(r), handshake_errc::ok) << k;
    seen.insert(k);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Handshake, AcceptMatches) {
  EXPECT_TRUE(accept_matches(rfc_key, rfc_accept));
  EXPECT_TRUE(accept_matches(rfc_key, " s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\t"));
  EXPECT_FALSE(accept_matches(rfc_key, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo"));
  EXPECT_FALSE(accept_matches(rfc_key, "S3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  EXPECT_FALSE(accept_matches(rfc_key, ""));
  EXPECT_FALSE(accept_matches("x3JJHMbDL1EzLkh9GBhXDw==", rfc_accept));
}

}  // namespace
}  // namespace sio::proto::ws
